from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "hub.vacancies"
    label = "hub_vacancies"
    verbose_name = _("Vacancies")
