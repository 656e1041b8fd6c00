"""Cooperation Day records in the admin: participating programmes and campaign moderators.
Events themselves are handled in the moderation queue (admin_views)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from portal.core.viewsets import ReadOnlyPolicy, RelatedModelViewSet

from .models import CampaignModerator, ProgrammeParticipation


class ParticipationViewSet(RelatedModelViewSet):
    model = ProgrammeParticipation
    icon = "group"
    menu_label = _("Participating programmes")
    list_select_related = ("programme", "edition")
    list_display = [
        "programme",
        "edition",
        "contact_name",
        "contact_email",
        "expected_events",
        "support_wanted",
        "registered_at",
    ]
    list_filter = ["edition", "support_wanted"]
    search_fields = ["programme__name", "programme__acronym", "contact_name"]
    list_export = [
        "programme.name",
        "edition.year",
        "contact_name",
        "contact_email",
        "expected_events",
        "support_wanted",
        "notes",
        "registered_at",
    ]
    export_headings = {"programme.name": _("Programme"), "edition.year": _("Edition")}
    export_filename = "cooperation-day-programmes"
    form_fields = ["contact_name"]
    inspect_view_enabled = True
    ordering = ["programme__name"]


class ModeratorViewSet(RelatedModelViewSet):
    model = CampaignModerator
    icon = "user"
    menu_label = _("Moderators")
    list_select_related = ("user",)
    list_display = ["user", "countries"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    form_fields = ["user", "countries", "programmes"]


register_permission_policy(ProgrammeParticipation, ReadOnlyPolicy(ProgrammeParticipation))


class CooperationDayViewSetGroup(ViewSetGroup):
    menu_label = _("Cooperation Day")
    menu_icon = "date"
    submenu_hook = "register_cooperation_day_menu_item"
    items = (
        ParticipationViewSet("cooperation_day_programmes"),
        ModeratorViewSet("cooperation_day_moderators"),
    )
