"""Site staff set up spaces, appoint their moderators and read every space's moderation log."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from portal.core.viewsets import ReadOnlyPolicy, RelatedModelViewSet

from .admin_forms import SpaceAdminForm
from .models import ModerationAction, Space


class SpaceViewSet(RelatedModelViewSet):
    model = Space
    icon = "group"
    menu_label = _("Spaces")
    list_select_related = ("parent",)
    list_display = ["name", "kind", "eligibility", "parent", "position"]
    list_filter = ["kind", "eligibility"]
    search_fields = ["name", "description"]
    ordering = ["position", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("parent"), FieldPanel("position")]),
            MultiFieldPanel(
                [
                    FieldPanel("eligibility"),
                    FieldPanel("eligible_functions"),
                    FieldPanel("excluded_functions"),
                ],
                heading=_("Who may see it"),
            ),
            FieldPanel("moderators"),
        ],
        base_form_class=SpaceAdminForm,
    )


class ModerationLogViewSet(RelatedModelViewSet):
    """Every moderator's actions in every space, for site staff; nothing here can be changed."""

    model = ModerationAction
    icon = "list-ul"
    menu_label = _("Moderation log")
    list_select_related = ("space", "actor", "member", "thread")
    list_display = ["created_at", "space", "actor", "action", "thread", "member", "note"]
    list_filter = ["action", "space"]
    search_fields = ["note"]
    ordering = ["-created_at"]
    form_fields = ["note"]  # never offered: the policy refuses adding and changing
    inspect_view_enabled = True


register_permission_policy(ModerationAction, ReadOnlyPolicy(ModerationAction))


class CommunityViewSetGroup(ViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 450
    items = (SpaceViewSet("community_spaces"), ModerationLogViewSet("community_log"))
