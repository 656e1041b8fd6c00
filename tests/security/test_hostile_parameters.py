"""No query string makes a server error: every URL of the site, with every parameter its view
reads set to hostile values (not numbers, NUL and other control characters, very long text,
repeated keys, unknown choices, numbers out of range), answers below 500, signed in or not.

PostgreSQL refuses NUL in a query parameter where SQLite accepts it, so this must pass there:
it runs on both (`PORTAL_REQUIRE_POSTGRES=1` with a PostgreSQL `DATABASE_URL` in CI)."""

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import DataError, connection
from django.test import Client
from django.urls import reverse

from academy.forms import CatalogueFilterForm, CertificateLookupForm
from academy.services import enrolment_create
from brand.admin_views import PeriodForm
from brand.forms import LibraryFilterForm, LogoForm
from campaigns.cooperation_day.admin_views import QueueFilterForm
from campaigns.cooperation_day.forms import EventFilterForm
from community.forms import SearchForm
from community.models import Space
from hub.calls.forms import CallFilterForm
from hub.forms import ProjectFilterForm
from hub.near_me import NearMeForm
from hub.news.forms import NewsFilterForm
from hub.vacancies.forms import VacancyFilterForm
from portal.accounts.forms import ProgrammeFilterForm
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.academy import make_course, make_module, make_quiz
from tests.factories.brand import make_asset, make_library, make_terms
from tests.factories.community import make_member, make_space, make_thread
from tests.factories.cooperation_day import make_edition, make_event, make_moderator
from tests.factories.hub import PartnerFactory, ProjectFactory
from tests.factories.news import make_article, make_news_index
from tests.factories.slam import make_application, make_slam_edition
from tests.factories.vacancies import make_vacancy
from tests.hub.calls.factories import CallFactory
from tests.security.routes import LOGIN_ENTRY, PUBLIC, SIGNED_IN, TOKEN, all_routes, rule_for

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ["academy", "brand", "campaigns", "community", "hub", "portal"]

HOSTILE_VALUES = [
    "x",
    "1.5",
    "1e9",
    "-1",
    "0",
    "99999999999999999999",
    "no-such-choice",
    "\x00",
    "1\x00",
    "\x1b[2J",
    "\r\nX-Injected: yes",
    "\u2028",
    "x" * 10_000,
]
# Each parameter alone gets these (a bad value elsewhere could hide its failure); every value
# above is then given to all the parameters of a URL at once.
EACH_PARAMETER_VALUES = ["x", "\x00"]
# Repeated keys: the last value counts, so both orders are tried.
REPEATED = [["1", "\x00"], ["\x00", "1"]]


def fields(form_class) -> tuple[str, ...]:
    return tuple(form_class.base_fields)


@dataclass(frozen=True)
class Target:
    """A URL built with real objects, the query parameters its view reads, and who opens it:
    "anyone" (anonymous and signed in), "member" (signed in) or "staff" (an administrator)."""

    route: str
    url: str  # an attribute of World holding the address
    params: tuple[str, ...]
    who: str = "anyone"

    @property
    def label(self) -> str:
        return f"{self.route}:{self.url}"


TARGETS = [
    Target("search", "search_url", ("q", "page")),
    Target("accounts:programme_list", "programme_list_url", (*fields(ProgrammeFilterForm), "page")),
    Target("hub:project_list", "project_list_url", (*fields(ProjectFilterForm), "page")),
    Target("hub_calls:call_list", "calls_url", (*fields(CallFilterForm), "page")),
    Target("hub_calls:feed_rss", "calls_rss_url", fields(CallFilterForm)),
    Target("hub_calls:feed_atom", "calls_atom_url", fields(CallFilterForm)),
    Target("hub_calls:calendar", "calls_calendar_url", fields(CallFilterForm)),
    Target("hub_vacancies:vacancy_list", "vacancies_url", (*fields(VacancyFilterForm), "page")),
    Target("hub_vacancies:feed_rss", "vacancies_rss_url", fields(VacancyFilterForm)),
    Target("hub_vacancies:feed_atom", "vacancies_atom_url", fields(VacancyFilterForm)),
    Target("wagtail_serve", "news_url", (*fields(NewsFilterForm), "page")),
    Target("hub_news:feed_rss", "news_rss_url", fields(NewsFilterForm)),
    Target("hub_news:feed_atom", "news_atom_url", fields(NewsFilterForm)),
    Target("hub:near_me", "near_me_url", fields(NearMeForm)),
    Target("wagtail_serve", "catalogue_url", (*fields(CatalogueFilterForm), "page")),
    Target("wagtail_serve", "quiz_url", ("attempt",), "member"),
    Target("academy:certificate_lookup", "certificate_lookup_url", fields(CertificateLookupForm)),
    Target("wagtail_serve", "library_url", (*fields(LibraryFilterForm), "page")),
    Target("brand:asset", "asset_url", ("selected",)),
    Target("brand:terms", "terms_url", ("next",), "member"),
    Target("brand:download", "download_url", ("acceptance",)),
    Target("brand:download_terms", "download_terms_url", ("accepted",)),
    Target("brand:logo_generator", "logo_generator_url", fields(LogoForm), "member"),
    Target("brand:logo_file", "logo_file_url", (*fields(LogoForm), "download"), "member"),
    Target("brand_admin:statistics", "statistics_url", fields(PeriodForm), "staff"),
    Target("brand_admin:statistics_export", "statistics_export_url", fields(PeriodForm), "staff"),
    Target("community:search", "community_search_url", (*fields(SearchForm), "page"), "member"),
    Target("community:space", "space_url", ("sort", "page"), "member"),
    Target("community:mentions", "mentions_url", ("q",), "member"),
    Target("community:members", "members_url", ("page",), "member"),
    Target("community:log", "log_url", ("page",), "member"),
    Target("community:thread", "thread_url", ("page",), "member"),
    Target("community:reply", "reply_url", ("quote",), "member"),
    Target("wagtail_serve", "cooperation_day_url", (*fields(EventFilterForm), "page")),
    Target("wagtail_serve", "cooperation_edition_url", (*fields(EventFilterForm), "page")),
    Target(
        "cooperation_day:events_geojson",
        "geojson_url",
        ("edition", "zoom", "bbox", *fields(EventFilterForm)),
    ),
    Target("cooperation_day:events_ics", "ics_url", ("edition", *fields(EventFilterForm))),
    Target("cooperation_day:event_attendees", "attendees_url", ("format",), "member"),
    Target("cooperation_day_admin:queue", "queue_url", (*fields(QueueFilterForm), "page"), "staff"),
    Target("cooperation_day_admin:dashboard", "dashboard_url", ("edition",), "staff"),
    Target("cooperation_day_admin:dashboard_export", "dashboard_export_url", ("edition",), "staff"),
    Target("slam:apply", "apply_url", ("edition",), "member"),
    Target("slam:gallery", "gallery_url", ("edition", "category", "page")),
    Target("slam:hall_of_fame", "hall_of_fame_url", ("year", "theme")),
    Target("notifications:centre", "notifications_url", ("show", "page"), "member"),
]


class World:
    """One object of each kind the URLs need, made when first asked for."""

    def __init__(self, home):
        self.home = home

    @cached_property
    def programme(self):
        return ProgrammeFactory()

    @cached_property
    def member(self):
        """Moderates the space, organises the event, applies to the Slam, learns."""
        user = UserFactory()
        AffiliationFactory(user=user, programme=self.programme, function="joint_secretariat")
        make_member(self.space, user, moderator=True)
        return user

    @cached_property
    def staff(self):
        user = make_moderator("team@example.org")
        user.is_staff = user.is_superuser = True
        user.save()
        return user

    @cached_property
    def space(self):
        return make_space(kind=Space.Kind.OPEN)

    @cached_property
    def thread(self):
        return make_thread(self.space, self.member, replies=2)

    @cached_property
    def edition(self):
        return make_edition()

    @cached_property
    def event(self):
        return make_event(self.edition, self.programme, self.member, title="Open day")

    @cached_property
    def slam_edition(self):
        edition = make_slam_edition(phase="voting")
        make_application(edition, self.programme, self.member, status="finalist")
        return edition

    search_url = "/search/"
    hall_of_fame_url = property(lambda self: reverse("slam:hall_of_fame"))
    programme_list_url = property(lambda self: reverse("accounts:programme_list"))

    @cached_property
    def call(self):
        return CallFactory(programme=self.programme)

    @cached_property
    def vacancy(self):
        return make_vacancy(self.programme)

    @cached_property
    def article(self):
        return make_article(make_news_index(self.home), programmes=[self.programme])

    calls_url = property(lambda self: self.call and reverse("hub_calls:call_list"))
    calls_rss_url = property(lambda self: self.call and reverse("hub_calls:feed_rss"))
    calls_atom_url = property(lambda self: self.call and reverse("hub_calls:feed_atom"))
    calls_calendar_url = property(lambda self: self.call and reverse("hub_calls:calendar"))
    vacancies_url = property(lambda self: self.vacancy and reverse("hub_vacancies:vacancy_list"))
    vacancies_rss_url = property(lambda self: self.vacancy and reverse("hub_vacancies:feed_rss"))
    vacancies_atom_url = property(lambda self: self.vacancy and reverse("hub_vacancies:feed_atom"))
    near_me_url = property(lambda self: reverse("hub:near_me"))
    news_url = property(lambda self: self.article.get_parent().url)
    news_rss_url = property(lambda self: self.article and reverse("hub_news:feed_rss"))
    news_atom_url = property(lambda self: self.article and reverse("hub_news:feed_atom"))

    @property
    def project_list_url(self):
        PartnerFactory(project=ProjectFactory(programme=self.programme))
        return reverse("hub:project_list")

    certificate_lookup_url = property(lambda self: reverse("academy:certificate_lookup"))
    catalogue_url = "/academy/"
    cooperation_day_url = "/cooperation-day/"
    notifications_url = property(lambda self: reverse("notifications:centre"))
    logo_generator_url = property(lambda self: reverse("brand:logo_generator"))
    logo_file_url = property(lambda self: reverse("brand:logo_file", args=["png"]))
    statistics_url = property(lambda self: reverse("brand_admin:statistics"))
    statistics_export_url = property(lambda self: reverse("brand_admin:statistics_export"))
    queue_url = property(lambda self: reverse("cooperation_day_admin:queue"))
    dashboard_url = property(lambda self: reverse("cooperation_day_admin:dashboard"))
    dashboard_export_url = property(lambda self: reverse("cooperation_day_admin:dashboard_export"))
    apply_url = property(lambda self: reverse("slam:apply"))

    @property
    def quiz_url(self):
        course = make_course(audience_functions=[])
        quiz = make_quiz(make_module(course))
        enrolment_create(user=self.member, course=course)
        return quiz.url

    @property
    def library_url(self):
        make_asset()
        return make_library().url

    @property
    def asset_url(self):
        return reverse("brand:asset", args=[make_asset().pk])

    @property
    def terms_url(self):
        return reverse("brand:terms", args=[make_terms().pk])

    @cached_property
    def _variant_under_terms(self):
        return make_asset(usage_terms=make_terms()).variants.first()

    @property
    def download_url(self):
        return reverse("brand:download", args=[self._variant_under_terms.pk])

    @property
    def download_terms_url(self):
        return reverse("brand:download_terms", args=[self._variant_under_terms.pk])

    @property
    def community_search_url(self):
        assert self.thread.pk
        return reverse("community:search")

    space_url = property(lambda self: self.thread.space.get_absolute_url())
    mentions_url = property(lambda self: reverse("community:mentions", args=[self.space.slug]))
    members_url = property(lambda self: reverse("community:members", args=[self.space.slug]))
    log_url = property(lambda self: reverse("community:log", args=[self.space.slug]))
    thread_url = property(lambda self: self.thread.get_absolute_url())
    reply_url = property(lambda self: reverse("community:reply", args=[self.thread.pk]))

    @property
    def cooperation_edition_url(self):
        return self.event.edition.url

    @property
    def geojson_url(self):
        assert self.event.pk
        return reverse("cooperation_day:events_geojson")

    @property
    def ics_url(self):
        assert self.event.pk
        return reverse("cooperation_day:events_ics")

    @property
    def attendees_url(self):
        return reverse("cooperation_day:event_attendees", args=[self.event.public_id])

    @property
    def gallery_url(self):
        assert self.slam_edition.pk
        return reverse("slam:gallery")


def hostile_queries(params, *, each=True):
    if each:
        for name in params:
            for value in EACH_PARAMETER_VALUES:
                yield urlencode({name: value})
    for value in HOSTILE_VALUES:
        yield urlencode(dict.fromkeys(params, value))
    for values in REPEATED:
        yield urlencode([(name, value) for name in params for value in values])


def server_errors(client, url, params, *, each=True) -> list[str]:
    failures = []
    for query in hostile_queries(params, each=each):
        response = client.get(f"{url}?{query}")
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url}?{query[:80]}")
    return failures


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("target", TARGETS, ids=[target.label for target in TARGETS])
def test_hostile_query_parameters_never_make_a_server_error(browser, home, target):
    world = World(home)
    url = getattr(world, target.url)
    failures = []
    if target.who == "anyone":
        failures += server_errors(browser, url, target.params)
    browser.force_login(getattr(world, "staff" if target.who == "staff" else "member"))
    # Signed in, the same code reads the parameters: all of them at once is enough there.
    failures += server_errors(browser, url, target.params, each=target.who != "anyone")
    assert failures == []


WALKED_RULES = (PUBLIC, TOKEN, LOGIN_ENTRY, SIGNED_IN)
OTHER_ROUTES = [
    route
    for route in all_routes()
    if rule_for(route) in WALKED_RULES and route.label not in {t.route for t in TARGETS}
]


@pytest.mark.django_db
def test_every_other_url_shrugs_off_hostile_parameters(browser, home, user):
    """The URLs whose views read no parameter, with the usual names given hostile values."""
    failures = []
    query = urlencode({"page": "\x00", "q": "\r\nX", "next": "x" * 10_000, "edition": "-1"})
    for signed_in in (False, True):
        if signed_in:
            browser.force_login(user)
        for route in OTHER_ROUTES:
            response = browser.get(f"{route.url}?{query}")
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {route.label} {route.url}")
    assert failures == []


# How views read the query string: the shared parser, or a form bound to it.
PARSER_READ = re.compile(r"query_(?:int|text|choice|flag|ints)\(\s*[\w.]*request,\s*\"(\w+)\"")
PAGE_READ = re.compile(r"query_page\(\s*[\w.]*request(?:,\s*\"(\w+)\")?\)")
FORM_READ = re.compile(r"query_form\(\s*(\w+)|(\w+)\(query_data\(")
RAW_READ = re.compile(r"request\.GET\b")


def _sources():
    for directory in SOURCE_DIRS:
        for path in sorted((ROOT / directory).rglob("*.py")):
            if "migrations" not in path.parts and path.name != "query.py":
                yield path, path.read_text()


def _form_classes():
    return {
        "event_filter_form": EventFilterForm,  # the map's filters, read by a helper
        "call_filter_form": CallFilterForm,  # the calls' filters, read by a helper
        "filter_form": VacancyFilterForm,  # the vacancies' filters, read by a helper
        **{
            form.__name__: form
            for form in (
                CatalogueFilterForm,
                CertificateLookupForm,
                EventFilterForm,
                LibraryFilterForm,
                LogoForm,
                NearMeForm,
                NewsFilterForm,
                PeriodForm,
                ProgrammeFilterForm,
                ProjectFilterForm,
                QueueFilterForm,
                SearchForm,
            )
        },
    }


def parameters_read_in_the_code() -> set[str]:
    names, forms = set(), _form_classes()
    for path, text in _sources():
        names |= set(PARSER_READ.findall(text))
        names |= {name or "page" for name in PAGE_READ.findall(text)}
        for form_name in (a or b for a, b in FORM_READ.findall(text)):
            assert form_name in forms, f"{path}: add {form_name} to _form_classes()"
            names |= set(forms[form_name].base_fields)
    return names


def test_views_read_the_query_string_only_through_the_parser():
    raw = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
        for path, text in _sources()
        for match in RAW_READ.finditer(text)
    ]
    assert raw == [], "read parameters with portal.core.query (or query_form), not request.GET"


def test_every_parameter_read_in_the_code_is_walked():
    walked = {name for target in TARGETS for name in target.params}
    read = parameters_read_in_the_code()
    assert "category" in read and "page" in read  # the scan finds what it looks for
    assert read - walked == set(), "add the new parameters to TARGETS"
    assert walked - read == set(), "TARGETS names parameters no view reads"


def test_every_walked_route_exists():
    labels = {route.label for route in all_routes()}
    assert {target.route for target in TARGETS} <= labels


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_refuses_nul_in_a_query_parameter():
    """Why the walk above must run on PostgreSQL: there, NUL reaching the ORM is an error."""
    assert connection.vendor == "postgresql"
    with pytest.raises(DataError):
        list(Space.objects.filter(slug="a\x00b"))
