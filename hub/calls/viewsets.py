"""Calls in the Wagtail admin, for editors: every programme's calls, with their history."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList

from portal.core.viewsets import RelatedModelViewSet

from .admin_forms import CallAdminForm
from .models import Call


class CallViewSet(RelatedModelViewSet):
    model = Call
    icon = "calendar-alt"
    menu_label = _("Calls for proposals")
    menu_order = 310
    add_to_admin_menu = True
    list_select_related = ("programme",)
    list_display = ["title", "programme", "opens_at", "closes_at", "budget"]
    list_filter = ["programme__strand", "programme"]
    search_fields = ["title", "summary", "programme__name", "programme__acronym"]
    ordering = ["-closes_at"]
    list_export = ["title", "programme.name", "opens_at", "closes_at", "time_zone", "budget"]
    export_headings = {"programme.name": _("Programme")}
    export_filename = "calls-for-proposals"
    edit_handler = ObjectList(Call.panels, base_form_class=CallAdminForm)


call_viewset = CallViewSet("calls")
