from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "hub.vacancies"
    label = "hub_vacancies"
    verbose_name = _("Vacancies")

    def ready(self):
        from hub import sections
        from hub.alerts import sources
        from portal.core import navigation

        from . import alerts, selectors
        from . import sections as vacancy_sections

        sources.register(alerts.SOURCE)
        navigation.register_view_section(
            url_name="hub_vacancies:vacancy_list", title=_("Vacancies"), order=30
        )
        sections.register_programme_section(
            key="vacancies",
            order=30,
            template="hub/vacancies/programme_section.html",
            reads=vacancy_sections.programme_reads,
            build=vacancy_sections.programme_section,
            title=_("Vacancies"),
            # The programme's page drops a vacancy when it closes, as the listing does.
            changes_at=lambda now: selectors.closings(now=now),
        )
        sections.register_home_section(
            key="vacancies",
            order=30,
            template="hub/vacancies/home_section.html",
            reads=vacancy_sections.home_reads,
            build=vacancy_sections.home_section,
            changes_at=lambda now: selectors.closings(now=now),
        )
