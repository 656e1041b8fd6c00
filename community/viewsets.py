"""Site staff set up spaces and appoint their moderators in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList

from portal.core.viewsets import RelatedModelViewSet

from .admin_forms import SpaceAdminForm
from .models import Space


class SpaceViewSet(RelatedModelViewSet):
    model = Space
    icon = "group"
    menu_label = _("Community spaces")
    menu_order = 450
    add_to_admin_menu = True
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


space_viewset = SpaceViewSet("community_spaces")
