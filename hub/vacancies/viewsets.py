"""Vacancies in the Wagtail admin, for the portal's editors: every programme's and every
body's, with their history (each change is logged, here and from the public form)."""

from django import forms
from django.db import models
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from portal.core.viewsets import RelatedModelViewSet

from .models import PUBLISHED_FIELDS, Vacancy
from .services import description_html

ADMIN_FORM_FIELDS = [*PUBLISHED_FIELDS, "published_at"]


class VacancyAdminForm(forms.ModelForm):
    """The admin's form stores the description through the one sanitiser too, and keeps the
    address in step with the title."""

    def clean_description(self):
        return description_html(self.cleaned_data.get("description"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title"):
            self.instance.slug = Vacancy.make_slug(cleaned["title"])
        return cleaned


class VacancyViewSet(RelatedModelViewSet):
    model = Vacancy
    icon = "user"
    menu_label = _("Vacancies")
    add_to_admin_menu = True
    menu_order = 330
    list_select_related = ("programme",)
    list_display = [
        "title",
        Column("employer_label", label=_("Employer")),
        "contract_type",
        "closes_at",
        "published_at",
    ]
    list_filter = ["contract_type", "workplace", "programme"]
    search_fields = ["title", "employer_name", "programme__name", "programme__acronym"]
    list_export = [
        "title",
        "employer_label",
        "contract_type",
        "town",
        "country",
        "closes_at",
        "published_at",
    ]
    export_headings = {"employer_label": _("Employer")}
    export_filename = "vacancies"
    inspect_view_enabled = True
    ordering = ["-published_at"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update=False):
        return modelform_factory(
            Vacancy,
            form=VacancyAdminForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=ADMIN_FORM_FIELDS,
        )
