"""Reads of the hub's core, shaped for the pages: the project listing and partner search, a
project's page, and a programme's latest projects."""

from dataclasses import dataclass

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django_countries import countries

from portal.accounts.models import Programme
from portal.core.cache import cached_value
from portal.core.paging import counted_page
from portal.core.search import words_found

from .models import OrganisationType, Partner, Project, Theme

PROJECTS_PER_PAGE = 20
PROGRAMME_SECTION_PROJECTS = 6
# Choices change only on import, which drops every cached value.
CHOICES_SECONDS = 60 * 60


@dataclass(frozen=True)
class ProjectFilters:
    """What a visitor searches for; empty values filter nothing."""

    query: str = ""
    theme: str = ""
    country: str = ""
    region: str = ""
    organisation_type: str = ""
    programme: str = ""
    period: str = ""

    @property
    def names_partners(self) -> bool:
        """Whether the search asks about partners, so the results show the ones that match."""
        return bool(self.country or self.region or self.organisation_type)


def _matching_partners(filters: ProjectFilters) -> Q:
    conditions = Q()
    if filters.country:
        conditions &= Q(country=filters.country)
    if filters.region:
        conditions &= Q(nuts_code__startswith=filters.region)
    if filters.organisation_type:
        conditions &= Q(organisation_type=filters.organisation_type)
    return conditions


def project_list_for_search(*, filters: ProjectFilters, page=1):
    """One page of projects matching `filters`, newest first. A project matches the partner
    filters when one of its partners meets all of them (a university in Slovenia, not a
    university somewhere and a partner in Slovenia); that partner is in `matching_partners`."""
    projects = Project.objects.select_related("programme").only(
        "keep_id",
        "acronym",
        "name",
        "period",
        "start_date",
        "end_date",
        "total_budget",
        "programme__name",
        "programme__acronym",
        "programme__slug",
    )
    if filters.query:
        # As the site search reads words (the listing is where its "see all" leads): every
        # word in the acronym, name or summary, or their forms in the page's language on
        # PostgreSQL; or a partner named by the whole query.
        words = filters.query.split()[:10]
        by_words = words_found(Project.objects.all(), ["acronym", "name", "summary"], words)
        named = Partner.objects.filter(
            project=OuterRef("pk"), organisation__icontains=filters.query
        )
        projects = projects.filter(Q(pk__in=by_words.values("pk")) | Exists(named))
    if filters.theme:
        tagged = Project.themes.through.objects.filter(
            project=OuterRef("pk"), theme__slug=filters.theme
        )
        projects = projects.filter(Exists(tagged))
    if filters.programme:
        projects = projects.filter(programme__slug=filters.programme)
    if filters.period:
        projects = projects.filter(period=filters.period)
    if filters.names_partners:
        conditions = _matching_partners(filters)
        projects = projects.filter(
            Exists(Partner.objects.filter(conditions, project=OuterRef("pk")))
        ).prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.filter(conditions).order_by("position", "pk"),
                to_attr="matching_partners",
            )
        )
    ordered = projects.order_by(F("start_date").desc(nulls_last=True), "acronym", "pk")
    return counted_page(ordered, PROJECTS_PER_PAGE, page)


def project_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The values the listing's filters offer: only those some project has."""

    def build():
        return {
            "themes": list(Theme.objects.order_by("name").values_list("slug", "name")),
            "countries": sorted(
                (
                    (code, countries.name(code))
                    for code in Partner.objects.order_by()
                    .values_list("country", flat=True)
                    .distinct()
                ),
                key=lambda choice: choice[1],
            ),
            "programmes": list(
                Programme.objects.filter(Exists(Project.objects.filter(programme=OuterRef("pk"))))
                .order_by("name")
                .values_list("slug", "name")
            ),
            "periods": [
                (period, period)
                for period in Project.objects.order_by("-period")
                .values_list("period", flat=True)
                .distinct()
            ],
        }

    choices = cached_value(("hub-project-filter-choices",), build, timeout=CHOICES_SECONDS)
    # Names follow the visitor's language: the starting themes' names are in the catalogue.
    return choices | {
        "themes": [(slug, gettext(name)) for slug, name in choices["themes"]],
        "countries": sorted(
            ((code, str(countries.name(code))) for code, _name in choices["countries"]),
            key=lambda choice: choice[1],
        ),
        "organisation_types": list(OrganisationType.choices),
    }


def project_for_page(*, keep_id: str) -> Project:
    """The project with its programme, themes and partners, the lead partner first."""
    return get_object_or_404(
        Project.objects.select_related("programme").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("name")),
            Prefetch(
                "partners",
                queryset=Partner.objects.order_by(
                    Case(When(role=Partner.Role.LEAD, then=0), default=1), "position", "pk"
                ),
                to_attr="ordered_partners",
            ),
        ),
        keep_id=keep_id,
    )


def partner_positions(project: Project) -> list[dict]:
    """The partners placed on the map, for json_script: the table lists every partner."""
    return [
        {
            "latitude": float(partner.latitude),
            "longitude": float(partner.longitude),
            "title": partner.organisation,
            "place": ", ".join(part for part in (partner.town, partner.country.name) if part),
        }
        for partner in project.ordered_partners
        if partner.latitude is not None and partner.longitude is not None
    ]


def projects_of_programme(*, programme: Programme, limit: int = PROGRAMME_SECTION_PROJECTS):
    """The programme's most recent projects, for its page."""
    return (
        Project.objects.filter(programme=programme)
        .only("keep_id", "acronym", "name", "period", "start_date", "end_date")
        .order_by(F("start_date").desc(nulls_last=True), "acronym", "pk")[:limit]
    )
