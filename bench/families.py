"""The page families the in-process benchmark measures, with addresses read from the demo data.

Every public page is measured four ways: anonymous with the cache emptied before each request
(what the first visitor after a publish pays), anonymous with only the page's own copy dropped
before each request (what every other page rendered after a publish pays: the site, header,
footer, routes and the like are kept by then), anonymous from the cache, and signed in as the
demo's communication officer (programme staff). Personal pages are measured as the persona whose
page it is. Addresses are looked up, never written down, and name the same objects at the demo
size and after `manage.py scale_up_demo` (which only adds data).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import reverse
from wagtail.models import Locale

from academy.models import AcademyLandingPage, CoursePage
from brand.models import AssetLibraryPage, BrandBookPage, BrandLandingPage
from campaigns.cooperation_day.models import (
    CooperationDayEditionPage,
    CooperationDayLandingPage,
    Event,
)
from campaigns.slam.models import SlamLandingPage
from community.models import CommunityLandingPage, Space, Thread
from hub.calls.models import Call
from hub.models import Project
from hub.news.models import ArticlePage, NewsIndexPage
from hub.vacancies.models import Vacancy
from portal.accounts.models import Programme
from portal.accounts.personas import PERSONAS_BY_KEY
from portal.home.models import HomePage

from .family_names import (  # noqa: F401 - the names are importable from here too
    ANONYMOUS_CACHED,
    ANONYMOUS_PAGE_MISS,
    ANONYMOUS_UNCACHED,
    FAMILIES,
    PERSONAL,
    SIGNED_IN,
)

# Public pages seen signed in, by programme staff.
PROGRAMME_OFFICER = "communication-officer"


@dataclass(frozen=True)
class Row:
    family: str
    label: str
    path: str
    persona: str | None = None  # a key of portal.accounts.personas.PERSONAS_BY_KEY

    @property
    def email(self) -> str | None:
        return PERSONAS_BY_KEY[self.persona].email if self.persona else None

    @property
    def clears_cache(self) -> bool:
        return self.family == ANONYMOUS_UNCACHED

    @property
    def drops_page_copy(self) -> bool:
        return self.family == ANONYMOUS_PAGE_MISS


class MissingDemoData(LookupError):
    """The database lacks what a row needs: run `manage.py seed_demo` first."""


def _first(queryset, what: str):
    found = queryset.first()
    if found is None:
        raise MissingDemoData(f"no {what} in this database: run manage.py seed_demo first")
    return found


def _page_path(model, what: str, **filters) -> str:
    """The address of the first live page of `model` in the default language."""
    page = _first(
        model.objects.live().filter(locale=Locale.get_default(), **filters).order_by("path"),
        what,
    )
    return urlsplit(page.get_url()).path


def public_pages() -> list[tuple[str, str]]:
    """(label, address) of every public page family, feeds and search included."""
    edition = _first(
        CooperationDayEditionPage.objects.live()
        .filter(locale=Locale.get_default())
        .order_by("-year"),
        "Cooperation Day edition",
    )
    event = _first(
        Event.objects.filter(edition=edition, status=Event.Status.PUBLISHED).order_by("pk"),
        "published event",
    )
    programme = _first(
        Programme.objects.filter(cooperation_day_events__isnull=False).order_by("acronym"),
        "programme with events",
    )
    country = event.countries[0]
    call = _first(Call.objects.order_by("pk"), "call for proposals")
    vacancy = _first(Vacancy.objects.order_by("pk"), "vacancy")
    project = _first(Project.objects.order_by("keep_id"), "keep.eu project")
    article = _first(
        ArticlePage.objects.live().filter(locale=Locale.get_default()).order_by("path"),
        "news item",
    )
    return [
        ("home", _page_path(HomePage, "home page")),
        ("Academy catalogue", _page_path(AcademyLandingPage, "Academy catalogue")),
        ("course page", _page_path(CoursePage, "course")),
        ("Cooperation Day landing and map", _page_path(CooperationDayLandingPage, "campaign")),
        ("Cooperation Day edition", urlsplit(edition.get_url()).path),
        ("event page", reverse("cooperation_day:event_detail", args=[event.public_id])),
        ("events GeoJSON feed", reverse("cooperation_day:events_geojson")),
        (
            f"events iCal feed ({country})",
            reverse("cooperation_day:events_ics") + f"?country={country}",
        ),
        ("Slam landing", _page_path(SlamLandingPage, "Slam landing page")),
        ("Slam gallery", reverse("slam:gallery")),
        ("brand landing", _page_path(BrandLandingPage, "brand landing page")),
        ("brand book page", _page_path(BrandBookPage, "brand book page")),
        ("brand library", _page_path(AssetLibraryPage, "asset library")),
        ("community directory", _page_path(CommunityLandingPage, "community landing page")),
        ("programmes", reverse("accounts:programme_list")),
        ("programme page", programme.get_absolute_url()),
        ("news and stories", _page_path(NewsIndexPage, "news index")),
        ("news item", urlsplit(article.get_url()).path),
        ("calls for proposals", reverse("hub_calls:call_list")),
        ("call page", call.get_absolute_url()),
        ("vacancies", reverse("hub_vacancies:vacancy_list")),
        ("vacancy page", vacancy.get_absolute_url()),
        ("projects", reverse("hub:project_list")),
        ("projects, filtered", reverse("hub:project_list") + "?theme=health"),
        ("project page", project.get_absolute_url()),
        ("search", reverse("search") + "?q=cooperation"),
    ]


def personal_pages() -> list[Row]:
    """Pages that exist only for the person asking, each as the persona whose page it is."""
    open_spaces = Space.objects.filter(eligibility=Space.Eligibility.SIGNED_IN)
    space = _first(open_spaces.order_by("pk"), "community space open to every member")
    # The busiest thread the demo wrote (scale_up_demo adds its replies there).
    thread = _first(
        Thread.objects.filter(space__in=open_spaces)
        .exclude(author__email__endswith="@community-bench.example.org")
        .order_by("-reply_count", "pk"),
        "community thread",
    )
    rows = [
        ("my learning", reverse("academy:my_learning"), "learner"),
        ("my events", reverse("cooperation_day:my_events"), "organiser"),
        ("notifications", reverse("notifications:centre"), "communication-officer"),
        ("community thread", thread.get_absolute_url(), "communication-officer"),
        ("a space's threads", space.get_absolute_url(), "communication-officer"),
        ("community search", reverse("community:search") + "?q=audits", "communication-officer"),
        ("logo generator", reverse("brand:logo_generator"), "communication-officer"),
        ("jury workspace", reverse("slam:jury"), "juror"),
        ("jury ranking", reverse("slam:ranking"), "jury-chair"),
        ("profile", reverse("accounts:profile"), "communication-officer"),
        ("affiliations", reverse("accounts:affiliations"), "communication-officer"),
        ("my data", reverse("accounts:my_data"), "communication-officer"),
    ]
    return [Row(PERSONAL, label, path, persona) for label, path, persona in rows]


def page_rows() -> list[Row]:
    """Every row the benchmark measures, in the order it prints them."""
    public = public_pages()
    rows = [Row(ANONYMOUS_UNCACHED, label, path) for label, path in public]
    rows += [Row(ANONYMOUS_PAGE_MISS, label, path) for label, path in public]
    rows += [Row(ANONYMOUS_CACHED, label, path) for label, path in public]
    rows += [Row(SIGNED_IN, label, path, PROGRAMME_OFFICER) for label, path in public]
    return rows + personal_pages()
