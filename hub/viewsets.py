"""The hub's core in the admin: themes editors keep, and the projects imported from keep.eu,
listed and inspected but never edited here (the next import would undo the edit)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.core.viewsets import ReadOnlyPolicy, RelatedModelViewSet

from .models import Project, Theme


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    form_fields = ["name", "slug"]
    ordering = ["name"]


class ProjectViewSet(RelatedModelViewSet):
    model = Project
    icon = "folder-open-inverse"
    menu_label = _("Projects (keep.eu)")
    list_select_related = ("programme",)
    list_display = ["acronym", "name", "programme", "period", "start_date", "imported_at"]
    list_filter = ["period", "programme"]
    search_fields = ["acronym", "name", "keep_id"]
    list_export = [
        "keep_id",
        "acronym",
        "name",
        "programme.acronym",
        "period",
        "start_date",
        "end_date",
        "total_budget",
        "eu_funding",
    ]
    export_headings = {"programme.acronym": _("Programme")}
    export_filename = "keep-projects"
    form_fields = ["acronym"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "keep_id",
        "acronym",
        "name",
        "programme",
        "period",
        "call",
        "start_date",
        "end_date",
        "total_budget",
        "eu_funding",
        "summary",
        "imported_at",
    ]
    ordering = ["acronym"]


register_permission_policy(Project, ReadOnlyPolicy(Project))


class HubViewSetGroup(ViewSetGroup):
    menu_label = _("Projects and themes")
    menu_icon = "folder-open-inverse"
    items = (ProjectViewSet("hub_projects"), ThemeViewSet("hub_themes"))
