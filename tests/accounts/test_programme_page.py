"""A programme's page: who the programme is, how to reach it, its logo from the brand library,
and every section the portal's parts register for it (hub.sections)."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from brand.models import Asset
from brand.selectors import programme_logo
from campaigns.cooperation_day.models import Event
from campaigns.slam.models import SlamApplication, SlamVideo
from hub import sections
from portal.accounts.models import Affiliation, User
from portal.core.access import AccessLevel
from portal.core.cache import content_changed
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.brand import make_asset
from tests.factories.cooperation_day import make_edition, make_event, make_events
from tests.factories.pages import make_image
from tests.factories.slam import make_application, make_slam_edition
from tests.helpers import count_queries
from tests.hub.calls.factories import CallFactory

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def programme():
    return ProgrammeFactory(
        name="Interreg VI-A Austria-Hungary",
        acronym="AT-HU",
        slug="at-hu",
        countries=["AT", "HU"],
        website="https://www.interreg-athu.eu",
        contact_email="office@interreg-athu.eu",
        contact_phone="+43 2682 600 2870",
        contact_address="Joint Secretariat\nEuropaplatz 1\n7000 Eisenstadt",
    )


@pytest.fixture
def organiser():
    return UserFactory(email="organiser@example.org")


def page_html(client, programme) -> str:
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_the_programme_its_contacts_and_no_empty_section(client, home, programme):
    html = page_html(client, programme)
    assert "Interreg VI-A Austria-Hungary" in html
    assert "Austria" in html and "Hungary" in html
    assert 'href="mailto:office@interreg-athu.eu"' in html
    assert 'href="tel:+4326826002870"' in html and "+43 2682 600 2870" in html
    assert "Europaplatz 1<br>7000 Eisenstadt" in html
    assert 'href="https://www.interreg-athu.eu"' in html
    # Nothing registered has anything to show: no heading without content.
    assert 'id="section-events"' not in html and 'id="section-slam"' not in html
    assert 'aria-label="On this page"' not in html


def test_a_programme_without_contacts_says_so(client, home):
    programme = ProgrammeFactory(website="")
    assert "has not given its contact details yet" in page_html(client, programme)


def test_unknown_programme_is_not_found(client, home):
    assert client.get("/programmes/no-such-programme/").status_code == 404


def test_text_the_programme_gave_is_shown_as_text(client, home):
    programme = ProgrammeFactory(
        name="<script>alert('name')</script>",
        description="<img src=x onerror=alert(1)>",
        contact_phone="<b>phone</b>",
        contact_address="<script>alert('address')</script>",
    )
    html = page_html(client, programme)
    assert "<script>alert(" not in html and "<img src=x" not in html and "<b>phone" not in html
    assert "&lt;script&gt;alert(&#x27;address&#x27;)&lt;/script&gt;" in html


# The logo ------------------------------------------------------------------------------------


def test_logo_comes_from_the_brand_library_when_it_holds_one(client, home, programme):
    programme.logo = make_image("Uploaded logo")
    programme.save()
    asset = make_asset(title="AT-HU programme logo", programme=programme)
    html = page_html(client, programme)
    assert f'src="/brand/files/{asset.cover_id}/preview/"' in html
    assert f'href="/brand/assets/{asset.pk}/"' in html
    assert "Uploaded logo" not in html and "/media/images/" not in html


def test_logo_falls_back_to_the_programme_image(client, home, programme):
    programme.logo = make_image("Uploaded logo")
    programme.save()
    # Logos the library holds but would not show everyone, or not as the programme's.
    make_asset(programme=programme, access_level=AccessLevel.REGISTERED)
    make_asset(programme=programme, expires_at=timezone.now() - timedelta(hours=1))
    make_asset(programme=programme, published_at=timezone.now() + timedelta(days=1))
    make_asset(programme=programme, kind=Asset.Kind.TEMPLATE)
    make_asset(programme=ProgrammeFactory())
    html = page_html(client, programme)
    assert "data-brand-logo" not in html
    assert "/media/images/" in html


def test_the_newest_logo_in_force_is_shown(client, home, programme):
    old = make_asset(programme=programme, published_at=timezone.now() - timedelta(days=30))
    new = make_asset(programme=programme)
    old.superseded_by = new
    old.save()
    html = page_html(client, programme)
    assert f"/brand/files/{new.cover_id}/preview/" in html
    assert f"/brand/files/{old.cover_id}/preview/" not in html


def test_a_new_logo_in_the_library_shows_on_the_next_request(client, home, programme):
    old = make_asset(programme=programme, published_at=timezone.now() - timedelta(days=30))
    assert f"/brand/files/{old.cover_id}/preview/" in page_html(client, programme)
    new = make_asset(programme=programme)
    html = page_html(client, programme)
    assert f"/brand/files/{new.cover_id}/preview/" in html
    assert f"/brand/files/{old.cover_id}/preview/" not in html


def test_a_logo_coming_into_force_or_expiring_is_chosen_by_the_clock_alone(home, programme):
    soon = timezone.now() + timedelta(seconds=2)
    month_ago, yesterday = timezone.now() - timedelta(days=30), timezone.now() - timedelta(days=1)
    in_force = make_asset(programme=programme, published_at=yesterday)
    coming = make_asset(programme=programme, published_at=soon)
    other = ProgrammeFactory()
    lasting = make_asset(programme=other, published_at=month_ago)
    expiring = make_asset(programme=other, published_at=yesterday, expires_at=soon)
    assert programme_logo(programme=programme) == in_force
    assert programme_logo(programme=other) == expiring

    time.sleep(max((soon - timezone.now()).total_seconds(), 0) + 0.5)
    # Nothing changed but the clock: the kept logos are read again, without a query.
    queries, logo = count_queries(programme_logo, programme=programme)
    assert (queries, logo) == (0, coming)
    assert programme_logo(programme=other) == lasting


# Cooperation Day events ----------------------------------------------------------------------


def test_upcoming_published_events_of_the_programme_are_shown(client, home, programme, organiser):
    edition = make_edition()
    make_event(edition, programme, organiser, title="Open day at the border bridge")
    make_event(edition, programme, organiser, title="Draft walk", status=Event.Status.DRAFT)
    make_event(edition, programme, organiser, title="Waiting walk", status=Event.Status.SUBMITTED)
    make_event(edition, ProgrammeFactory(), organiser, title="Someone else's festival")
    html = page_html(client, programme)
    assert 'id="section-events"' in html
    assert "Open day at the border bridge" in html
    assert "Draft walk" not in html and "Waiting walk" not in html
    assert "Someone else&#x27;s festival" not in html
    assert f"{edition.url}?programme=at-hu" in html
    assert "See the 1 event on the map" in html


def test_events_that_have_ended_leave_the_page(client, home, programme, organiser):
    last_year = make_edition(year=timezone.now().year - 1)
    make_event(last_year, programme, organiser, title="Last year's open day")
    html = page_html(client, programme)
    assert "Last year" not in html and 'id="section-events"' not in html


def test_the_page_shows_the_first_events_and_counts_them_all(client, home, programme, organiser):
    make_events(make_edition(), programme, organiser, 9)
    html = page_html(client, programme)
    assert html.count('class="event-card"') == 6
    assert "See all 9 events on the map" in html


# Interreg Slam -------------------------------------------------------------------------------


def _shortlisted(edition, programme, name, **fields):
    application = make_application(
        edition,
        programme,
        None,
        status=SlamApplication.Status.SHORTLISTED,
        project_name=name,
        project_acronym=name.split()[0].upper()[:10],
        **fields,
    )
    SlamVideo.objects.create(
        application=application, video_url="https://vimeo.com/1", description=f"The film of {name}."
    )
    return application


def test_slam_films_appear_once_the_public_vote_opens(client, home, programme):
    edition = make_slam_edition(phase="voting")
    # Marked before its time (the chair names finalists once the vote has closed).
    _shortlisted(edition, programme, "River Stories", is_finalist=True, award="winner")
    for status in ("draft", "submitted", "not_shortlisted"):
        make_application(edition, programme, None, status=status, project_name=f"Hidden {status}")
    _shortlisted(edition, ProgrammeFactory(), "Other programme story")
    html = page_html(client, programme)
    assert 'id="section-slam"' in html and "River Stories" in html
    assert "The film of River Stories." in html
    assert f"/slam/gallery/?edition={edition.year}" in html
    assert "Hidden" not in html and "Other programme story" not in html
    # The results are not out: nobody is named a finalist or a winner yet.
    assert ">Finalist<" not in html and ">Winner<" not in html


def test_slam_applications_in_review_are_never_shown(client, home, programme):
    edition = make_slam_edition(phase="shortlist")
    _shortlisted(edition, programme, "Not yet public")
    html = page_html(client, programme)
    assert "Not yet public" not in html and 'id="section-slam"' not in html


def test_awards_show_once_the_results_are_out(client, home, programme):
    closed = make_slam_edition(year=2031, phase="vote_closed")
    _shortlisted(closed, programme, "Awaiting the results", is_finalist=True, award="jury")
    announced = make_slam_edition(year=2030, phase="results")
    _shortlisted(announced, programme, "Bridges of Light", is_finalist=True, award="winner")
    _shortlisted(announced, programme, "Alpine Voices", is_finalist=True)
    _shortlisted(announced, programme, "A shortlisted film")
    html = page_html(client, programme)
    assert "Awaiting the results" in html
    # Newest edition first; then the winner, the finalist, the rest.
    order = [
        html.index(name)
        for name in (
            "Awaiting the results",
            "Bridges of Light",
            "Alpine Voices",
            "A shortlisted film",
        )
    ]
    assert order == sorted(order)
    assert html.count(">Winner<") == 1 and html.count(">Finalist<") == 1
    assert "Jury award" not in html
    assert "/slam/results/2030/" in html


# The registry --------------------------------------------------------------------------------


@pytest.fixture
def test_section(settings):
    """A section registered as a part of the portal registers its own, removed afterwards;
    its template lives with the tests."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], str(TEST_TEMPLATES)]}]

    def build(programme, request):
        if programme.acronym == "EMPTY":
            return None
        return {"programme": programme, "items": ["First tender", "<b>Second</b>"]}

    sections.register_programme_section(
        key="test-tenders",
        order=15,
        title="Tenders",
        template="tests/tenders_section.html",
        build=build,
    )
    yield
    sections.unregister_programme_section("test-tenders")


def test_any_registered_section_renders_in_order_with_the_contents(
    client, home, programme, organiser, test_section
):
    make_event(make_edition(), programme, organiser, title="Open day at the border bridge")
    _shortlisted(make_slam_edition(phase="voting"), programme, "River Stories")
    html = page_html(client, programme)
    assert "Tenders of Interreg VI-A Austria-Hungary" in html
    assert "<li>&lt;b&gt;Second&lt;/b&gt;</li>" in html
    assert (
        html.index('id="section-test-tenders"')
        < html.index('id="section-events"')
        < html.index('id="section-slam"')
    )
    contents = html[
        html.index('aria-label="On this page"') : html.index(
            "</nav>", html.index('aria-label="On this page"')
        )
    ]
    assert 'href="#section-test-tenders">Tenders<' in contents
    assert 'href="#section-events">Cooperation Day events<' in contents
    assert 'href="#section-slam">Interreg Slam<' in contents


def test_a_section_with_nothing_to_show_is_left_out(client, home, test_section):
    html = page_html(client, ProgrammeFactory(acronym="EMPTY"))
    assert "section-test-tenders" not in html and "Tenders" not in html


# Caching -------------------------------------------------------------------------------------


def test_anonymous_visitors_share_the_page_until_the_programme_changes(client, home, programme):
    first = client.get(programme.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert client.get(programme.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get("/programmes/")["X-Page-Cache"] == "miss"
    assert client.get("/programmes/")["X-Page-Cache"] == "hit"

    programme.contact_email = "js@interreg-athu.eu"
    programme.save()
    again = client.get(programme.get_absolute_url())
    assert again["X-Page-Cache"] == "miss"
    assert "js@interreg-athu.eu" in again.content.decode()


def test_a_decision_on_staff_reaches_the_shared_page(client, home, programme):
    client.get(programme.get_absolute_url())
    affiliation = AffiliationFactory(
        programme=programme,
        status="pending",
        listed=True,
        user__first_name="Eszter",
        user__last_name="Kovács",
    )
    assert "Kovács" not in client.get(programme.get_absolute_url()).content.decode()
    affiliation.status = "approved"
    affiliation.save()
    assert "Kovács" in client.get(programme.get_absolute_url()).content.decode()


def test_signed_in_people_get_the_shared_page_with_their_own_header(client, home, programme, user):
    client.get(programme.get_absolute_url())
    client.force_login(user)
    response = client.get(programme.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert f"Signed in as {user.display_name}" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_programme_admins_find_the_requests_and_visitors_do_not(client, home, programme):
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user
    assert "Handle affiliation requests" not in page_html(client, programme)
    client.force_login(admin)
    assert "Handle affiliation requests" in page_html(client, programme)


# Query budget --------------------------------------------------------------------------------


def _page_queries(client, programme) -> int:
    # Measure a full render, not a cache hit, and not the first render (which makes the
    # images' renditions).
    content_changed()
    client.get(programme.get_absolute_url())
    content_changed()
    queries, response = count_queries(client.get, programme.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return queries


def _grow(programme, organiser, count, *, events_edition, slam_edition, start=0):
    """`count` more of each kind of row the page reads: events, Slam films, listed staff and
    library assets of the programme."""
    make_events(events_edition, programme, organiser, count)
    numbers = range(start, start + count)
    people = User.objects.bulk_create(
        User(email=f"staff{number}@example.org", first_name="Staff", last_name=str(number))
        for number in numbers
    )
    Affiliation.objects.bulk_create(
        Affiliation(
            user=person,
            programme=programme,
            function="joint_secretariat",
            status="approved",
            listed=True,
        )
        for person in people
    )
    applications = SlamApplication.objects.bulk_create(
        SlamApplication(
            edition=slam_edition,
            programme=programme,
            status="shortlisted",
            project_name=f"Story {number}",
            project_acronym=f"S{number}",
        )
        for number in numbers
    )
    thumbnail = make_image()
    SlamVideo.objects.bulk_create(
        SlamVideo(
            application=application,
            video_url="https://vimeo.com/1",
            description="A film.",
            thumbnail=thumbnail,
        )
        for application in applications
    )
    Asset.objects.bulk_create(
        Asset(title=f"Logo {number}", kind=Asset.Kind.LOGO, programme=programme)
        for number in numbers
    )


def test_page_queries_do_not_grow_with_events_entries_staff_and_assets(
    client, home, programme, organiser
):
    programme.logo = make_image()
    programme.save()
    make_asset(programme=programme)  # the one with files, shown
    editions = {"events_edition": make_edition(), "slam_edition": make_slam_edition(phase="voting")}
    _grow(programme, organiser, 10, **editions)
    small = _page_queries(client, programme)
    _grow(programme, organiser, 990, start=10, **editions)
    assert Event.objects.filter(programme=programme).count() == 1000
    assert SlamApplication.objects.filter(programme=programme).count() == 1000
    assert Affiliation.objects.filter(programme=programme).count() == 1000
    assert Asset.objects.filter(programme=programme).count() == 1001
    large = _page_queries(client, programme)
    assert large == small
    # The hub's sections (calls, news, vacancies, projects) cost one query each at most; an
    # anonymous render also asks when calls and the Slam next change by the clock (two), which
    # is how long the shared copy may live.
    assert small <= 21, small


def test_the_shared_page_ends_when_a_call_of_the_programme_opens(client, home, programme):
    opens = timezone.now() + timedelta(seconds=2)
    CallFactory(programme=programme, opens_at=opens, closes_at=opens + timedelta(days=60))
    url = programme.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    time.sleep(max((opens - timezone.now()).total_seconds(), 0) + 0.5)
    assert client.get(url).get("X-Page-Cache") != "hit"
