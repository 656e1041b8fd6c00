from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from hub.nuts import validate_area_nuts_codes

from .models import Affiliation, Programme


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "globe"
    menu_label = _("Programmes")
    list_display = ["name", "acronym", "strand", "sub_type"]
    list_filter = ["strand", "sub_type"]
    search_fields = ["name", "acronym"]
    form_fields = [
        "name",
        "acronym",
        "slug",
        "strand",
        "sub_type",
        "countries",
        "website",
        "logo",
        "description",
        "area_nuts_codes",
    ]
    ordering = ["name"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = super().formfield_for_dbfield(db_field, **kwargs)
        if db_field.name == "area_nuts_codes":
            # Every code must be a region of the bundled NUTS 2021 file, or "near me" would
            # never find the programme there.
            field.validators.append(validate_area_nuts_codes)
            field.help_text = _(
                "NUTS 2021 codes separated by spaces; a code covers every region below it, "
                "e.g. “SI041 ITH44” or a whole country: “AT”."
            )
        return field


class AffiliationViewSet(ModelViewSet):
    model = Affiliation
    icon = "group"
    menu_label = _("Affiliations")
    list_display = ["user", "programme", "function", "status", "is_programme_admin"]
    list_filter = ["status", "function", "is_programme_admin"]
    search_fields = ["user__email", "programme__name", "programme__acronym"]
    form_fields = ["user", "programme", "function", "status", "is_programme_admin", "listed"]
    ordering = ["-requested_at"]


class IdentityViewSetGroup(ViewSetGroup):
    menu_label = _("Programmes and people")
    menu_icon = "globe"
    items = (ProgrammeViewSet("programmes"), AffiliationViewSet("affiliations"))
