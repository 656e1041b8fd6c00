"""The calls listing, a call's page, the vacancies listing, a vacancy's page and a programme's
page are one shared copy for visitors and signed-in people alike: each person's menu, "save
this search" button and publishing links are filled in for them only, a change to any of those
shows on the next request, and a signed-in request costs the same few queries however many
calls or vacancies there are."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hub.alerts.services import saved_search_create
from hub.calls.models import Call
from hub.vacancies.models import Vacancy
from portal.core.cache import content_changed
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.vacancies import make_vacancy, vacancy_values
from tests.helpers import queries_at_10_and_1000, signed_in_client
from tests.hub.calls.factories import CallFactory

pytestmark = pytest.mark.django_db

CALLS = reverse("hub_calls:call_list")
VACANCIES = reverse("hub_vacancies:vacancy_list")
# The person, their signed-in device, the second-factor rule, the restriction check, the unread
# count and the pieces' own reads (affiliations, a saved search): the issue's budget.
SIGNED_IN_SHARED_BUDGET = 10

PUBLISH_CALL, PUBLISH_VACANCY = "Publish a call", "Publish a vacancy"
EDIT_CALL, EDIT_VACANCY = "Edit this call", "Edit this vacancy"
HANDLE_REQUESTS = "Handle affiliation requests"
SAVE_CALLS = "Tell me about new calls matching this search"
SAVED_CALLS = "You are told about new calls matching this search."
SAVE_VACANCIES = "Tell me about new vacancies matching this search"
SAVED_VACANCIES = "You are told about new vacancies matching this search."
SIGN_IN_FIRST = "You sign in first; we bring you back here."


@pytest.fixture
def programme(home):
    return ProgrammeFactory(name="Interreg Slovakia-Austria", acronym="SK-AT", slug="sk-at")


@pytest.fixture
def people(programme):
    """Ana publishes for the programme and handles its affiliation requests; Ben is staff of
    the programme in a function that does not publish."""
    ana = AffiliationFactory(
        programme=programme,
        function="communication_officer",
        is_programme_admin=True,
        user=UserFactory(first_name="Ana", last_name="Kovač"),
    ).user
    ben = AffiliationFactory(
        programme=programme,
        function="controller",
        user=UserFactory(first_name="Ben", last_name="Moreau"),
    ).user
    return ana, ben


@pytest.fixture
def call(programme):
    return CallFactory(programme=programme, title="Green border call", slug="green-border")


@pytest.fixture
def vacancy(programme):
    return make_vacancy(programme, title="Financial controller")


def _interleaved(url, people) -> list[tuple[str, str, str]]:
    """Two rounds of Ana, a visitor and Ben asking for `url`: (who, cache, page) each."""
    ana, ben = people
    clients = (
        ("ana", signed_in_client(ana)),
        ("visitor", Client()),
        ("ben", signed_in_client(ben)),
    )
    seen = []
    for _round in range(2):
        for name, client in clients:
            response = client.get(url)
            assert response.status_code == 200
            seen.append((name, response["X-Page-Cache"], response.content.decode()))
    return seen


def _assert_own_header(name, content):
    assert "piece-" not in content
    assert ("Signed in as Ana Kovač" in content) == (name == "ana")
    assert ("Signed in as Ben Moreau" in content) == (name == "ben")
    assert ("Create account" in content) == (name == "visitor")


@pytest.mark.parametrize(
    ("url", "publish", "save", "saved"),
    [
        (CALLS, PUBLISH_CALL, SAVE_CALLS, SAVED_CALLS),
        (VACANCIES, PUBLISH_VACANCY, SAVE_VACANCIES, SAVED_VACANCIES),
    ],
)
def test_listings_give_each_person_their_menu_button_and_publish_link(
    people, call, vacancy, url, publish, save, saved
):
    ana, _ben = people
    saved_search_create(user=ana, kind="calls" if url == CALLS else "vacancies", query="")

    seen = _interleaved(url, people)

    assert [cache for _name, cache, _content in seen] == ["miss"] + ["hit"] * 5
    for name, _cache, content in seen:
        _assert_own_header(name, content)
        assert (publish in content) == (name == "ana")
        assert (saved in content) == (name == "ana")
        # Ben gets the form that saves the search; the visitor a link to sign in first.
        assert ('name="query"' in content and save in content) == (name == "ben")
        assert (SIGN_IN_FIRST in content) == (name == "visitor")


@pytest.mark.parametrize(
    ("page", "edit"), [("call", EDIT_CALL), ("vacancy", EDIT_VACANCY), ("programme", None)]
)
def test_pages_give_each_person_their_menu_and_edit_links(
    people, programme, call, vacancy, page, edit
):
    url = {"call": call, "vacancy": vacancy, "programme": programme}[page].get_absolute_url()

    seen = _interleaved(url, people)

    assert [cache for _name, cache, _content in seen] == ["miss"] + ["hit"] * 5
    for name, _cache, content in seen:
        _assert_own_header(name, content)
        if edit:
            assert (edit in content) == (name == "ana")
        else:
            assert (HANDLE_REQUESTS in content) == (name == "ana")
            assert "Green border call" in content and "Financial controller" in content


def test_a_saved_search_shows_on_the_next_request_of_the_shared_listing(people, call):
    _ana, ben = people
    client = signed_in_client(ben)
    Client().get(CALLS)  # the visitor's request stores the copy
    before = client.get(CALLS)
    assert before["X-Page-Cache"] == "hit"
    assert SAVED_CALLS not in before.content.decode()

    saved_search_create(user=ben, kind="calls", query="")

    after = client.get(CALLS)
    assert after["X-Page-Cache"] == "hit"
    assert SAVED_CALLS in after.content.decode()


def _address(page: str, programme, call, vacancy) -> str:
    return {
        "calls": CALLS,
        "vacancies": VACANCIES,
        "call": call.get_absolute_url(),
        "vacancy": vacancy.get_absolute_url(),
        "programme": programme.get_absolute_url(),
    }[page]


@pytest.mark.parametrize("page", ["calls", "call", "vacancies", "vacancy", "programme"])
def test_publish_rights_granted_show_on_the_next_request(people, programme, call, vacancy, page):
    url = _address(page, programme, call, vacancy)
    link = {
        "calls": PUBLISH_CALL,
        "vacancies": PUBLISH_VACANCY,
        "call": EDIT_CALL,
        "vacancy": EDIT_VACANCY,
        "programme": HANDLE_REQUESTS,
    }[page]
    newcomer = UserFactory()
    client = signed_in_client(newcomer)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert link not in client.get(url).content.decode()

    AffiliationFactory(
        user=newcomer,
        programme=programme,
        function="joint_secretariat",
        is_programme_admin=page == "programme",
    )

    after = client.get(url)
    assert after["X-Page-Cache"] == "hit"
    assert link in after.content.decode()
    assert link not in Client().get(url).content.decode()


def test_a_vacancy_leaves_the_cached_listing_and_its_page_at_its_closing_moment(programme):
    """On the real clock: the copies are kept until the closing moment, and no longer."""
    make_vacancy(programme, title="Project officer")
    closing = make_vacancy(
        programme, title="Financial controller", closes_at=timezone.now() + timedelta(seconds=2)
    )
    visitor = Client()
    assert visitor.get(VACANCIES)["X-Page-Cache"] == "miss"
    listed = visitor.get(VACANCIES)
    assert listed["X-Page-Cache"] == "hit"
    assert "Financial controller" in listed.content.decode()
    page = visitor.get(closing.get_absolute_url())
    assert "no longer takes applications" not in page.content.decode()
    assert visitor.get(closing.get_absolute_url())["X-Page-Cache"] == "hit"

    time.sleep(max(0, (closing.closes_at - timezone.now()).total_seconds()) + 0.1)

    listed = visitor.get(VACANCIES)
    assert listed["X-Page-Cache"] == "miss"
    assert "Financial controller" not in listed.content.decode()
    assert "Project officer" in listed.content.decode()
    page = visitor.get(closing.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "no longer takes applications" in page.content.decode()


def test_a_listing_rendered_within_a_second_of_a_closing_is_not_kept(people, programme):
    ana, _ben = people
    make_vacancy(
        programme, title="Financial controller", closes_at=timezone.now() + timedelta(seconds=0.9)
    )
    client = signed_in_client(ana)

    first, second = client.get(VACANCIES), client.get(VACANCIES)

    assert "X-Page-Cache" not in first  # neither served from a copy nor stored
    assert second.get("X-Page-Cache") != "hit"
    content = first.content.decode()
    assert "piece-" not in content
    assert "Signed in as Ana Kovač" in content and PUBLISH_VACANCY in content


def test_a_vacancy_edited_in_the_admin_drops_the_shared_listing(programme, vacancy):
    Client().get(VACANCIES)
    assert Client().get(VACANCIES)["X-Page-Cache"] == "hit"
    vacancy.title = "Senior financial controller"
    vacancy.save()
    listed = Client().get(VACANCIES)
    assert listed["X-Page-Cache"] == "miss"
    assert "Senior financial controller" in listed.content.decode()


def _grow_calls(programme):
    def grow(total):
        start = Call.objects.count()
        now = timezone.now()
        Call.objects.bulk_create(
            CallFactory.build(
                programme=programme,
                slug=f"bulk-{number}",
                opens_at=now - timedelta(days=number % 40),
                closes_at=now + timedelta(days=1 + number % 90),
            )
            for number in range(start, total)
        )
        content_changed()

    return grow


def _grow_vacancies(programme):
    def grow(total):
        start = Vacancy.objects.count()
        closes = timezone.now() + timedelta(days=30)
        Vacancy.objects.bulk_create(
            Vacancy(
                **{
                    **vacancy_values(programme, closes_at=closes),
                    "title": f"Project officer {number}",
                    "slug": f"project-officer-{number}",
                    "description": "<p>You follow a portfolio of projects.</p>",
                }
            )
            for number in range(start, total)
        )
        content_changed()

    return grow


@pytest.mark.parametrize("page", ["calls", "call", "vacancies", "vacancy", "programme"])
def test_a_signed_in_request_costs_the_same_at_10_and_1000_calls_and_vacancies(
    people, programme, call, vacancy, page
):
    ana, _ben = people
    saved_search_create(user=ana, kind="vacancies", query="")
    url = _address(page, programme, call, vacancy)
    grow_calls, grow_vacancies = _grow_calls(programme), _grow_vacancies(programme)

    def grow(total):
        grow_calls(total)
        grow_vacancies(total)

    few, many, response = queries_at_10_and_1000(signed_in_client(ana), url, grow)

    assert response["X-Page-Cache"] == "hit"
    assert "Signed in as Ana Kovač" in response.content.decode()
    assert few == many
    assert many <= SIGNED_IN_SHARED_BUDGET, many


def test_the_home_page_drops_a_vacancy_at_its_closing_moment(programme):
    """The home page lists open vacancies and calls: its copy is kept no later than the next
    closing, although no publish announces it."""
    closing = make_vacancy(
        programme, title="Financial controller", closes_at=timezone.now() + timedelta(seconds=2)
    )
    visitor = Client()
    assert "Financial controller" in visitor.get("/").content.decode()
    assert visitor.get("/")["X-Page-Cache"] == "hit"

    time.sleep(max(0, (closing.closes_at - timezone.now()).total_seconds()) + 0.1)

    after = visitor.get("/")
    assert after["X-Page-Cache"] == "miss"
    assert "Financial controller" not in after.content.decode()
