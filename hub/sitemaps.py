"""The hub's public records in `/sitemap.xml`: every call for proposals (a closed call's page
stays, saying so), vacancies still taking applications, and every keep.eu project."""

from django.utils import timezone

from portal.core.sitemaps import PortalSitemap, register_sitemap

from .calls.models import Call
from .models import Project
from .vacancies.models import Vacancy


class CallSitemap(PortalSitemap):
    def items(self):
        return Call.objects.select_related("programme").order_by("pk")


class VacancySitemap(PortalSitemap):
    def items(self):
        return Vacancy.objects.filter(Vacancy.open_at(timezone.now())).order_by("pk")


class ProjectSitemap(PortalSitemap):
    def items(self):
        return Project.objects.only("keep_id").order_by("pk")


def register() -> None:
    register_sitemap("calls", CallSitemap)
    register_sitemap("vacancies", VacancySitemap)
    register_sitemap("projects", ProjectSitemap)
