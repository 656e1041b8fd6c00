"""One shared copy of a public page serves everyone; each person's parts (account menu, unread
count, CSRF tokens, signed-in links) are filled in for them and never reach anyone else."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction

from portal.core import cache as page_cache
from portal.notifications import services as notifications
from tests.factories import StandardPageFactory, UserFactory
from tests.helpers import signed_in_client

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _notify(person) -> None:
    notifications.notify(
        recipients=[person], kind="membership", verb="request_declined", target="Finance", url="/"
    )


def _unread_badge(content: bytes) -> bytes | None:
    found = re.search(rb'notification-link__count">(\d+)', content)
    return found.group(1) if found else None


def test_two_people_and_a_visitor_interleaved_each_see_their_own_header(home):
    ana = UserFactory(first_name="Ana", last_name="Kovač")
    ben = UserFactory(first_name="Ben", last_name="Moreau")
    _notify(ana)
    _notify(ana)
    visitor, ana_client, ben_client = Client(), signed_in_client(ana), signed_in_client(ben)

    responses = []
    for _round in range(2):
        for name, client in (("ana", ana_client), ("visitor", visitor), ("ben", ben_client)):
            responses.append((name, client.get("/")))

    # One rendering for everyone: the first request stores the copy, every later one is a hit.
    assert [response["X-Page-Cache"] for _name, response in responses] == ["miss"] + ["hit"] * 5
    for name, response in responses:
        content = response.content
        assert b"piece-" not in content
        if name == "ana":
            assert "Signed in as Ana Kovač".encode() in content
            assert b"Ben Moreau" not in content
            assert _unread_badge(content) == b"2"
        elif name == "ben":
            assert b"Signed in as Ben Moreau" in content
            assert "Ana Kovač".encode() not in content
            assert _unread_badge(content) is None
        else:
            assert b"Signed in as" not in content
            assert b"Create account" in content
        assert response["Vary"].count("Cookie") == 1


def test_reading_a_notification_shows_on_the_next_request(home):
    person = UserFactory()
    _notify(person)
    client = signed_in_client(person)
    assert _unread_badge(client.get("/").content) == b"1"
    notifications.mark_read(user=person)
    after = client.get("/")
    assert after["X-Page-Cache"] == "hit"
    assert _unread_badge(after.content) is None
    _notify(person)
    assert _unread_badge(client.get("/").content) == b"1"


def test_signed_in_links_follow_the_person_on_a_shared_catalogue(home):
    visitor, member = Client(), signed_in_client(UserFactory())
    assert b"My learning" not in visitor.get("/academy/").content
    shared = member.get("/academy/")
    assert shared["X-Page-Cache"] == "hit"
    assert b'href="/academy/my-learning/"' in shared.content
    assert b'href="/academy/my-learning/"' not in visitor.get("/academy/").content


def test_a_marker_written_into_content_is_never_expanded(home):
    first = StandardPageFactory(title="First", slug="first")
    Client().get(first.url)
    entry = cache.get(page_cache._page_response_key(RequestFactory().get(first.url)))
    # Even the token of another stored copy names nothing in this one.
    forged = f"piece-{entry['token']}-0- piece-{'0' * 32}-0-"
    second = StandardPageFactory(title="Second", slug="second", introduction=forged)
    person = UserFactory()
    for client in (Client(), signed_in_client(person), Client()):
        content = client.get(second.url).content.decode()
        assert forged in content
    assert client.get(second.url)["X-Page-Cache"] == "hit"


def test_the_logout_form_of_a_shared_page_carries_the_persons_own_csrf_token(home):
    people = [UserFactory(), UserFactory()]
    clients = [Client(enforce_csrf_checks=True) for _person in people]
    tokens = []
    for person, client in zip(people, clients, strict=True):
        client.force_login(person)
        response = client.get("/")
        tokens.append(CSRF_FIELD.search(response.content).group(1).decode())
    assert response["X-Page-Cache"] == "hit"
    assert tokens[0] != tokens[1]
    # Each token works for its owner's session; the shared copy held none of them.
    for client, token in zip(clients, tokens, strict=True):
        signed_out = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
        assert signed_out.status_code == 302
        assert "_auth_user_id" not in client.session


@pytest.mark.urls("tests.core.shared_form_urls")
def test_a_form_on_a_shared_page_posts_for_a_visitor_and_a_signed_in_person(home):
    visitor = Client(enforce_csrf_checks=True)
    member = Client(enforce_csrf_checks=True)
    member.force_login(UserFactory())
    answers = []
    for client in (visitor, member, visitor, member):
        page = client.get("/shared-form/")
        token = CSRF_FIELD.search(page.content).group(1).decode()
        answers.append(page["X-Page-Cache"])
        posted = client.post("/shared-form/", {"csrfmiddlewaretoken": token})
        assert posted.status_code == 200 and posted.content == b"posted"
    assert answers == ["miss", "hit", "hit", "hit"]
    # Without the token the same post is refused: the check is real.
    assert Client(enforce_csrf_checks=True).post("/shared-form/").status_code == 403


def test_a_signed_in_request_for_a_shared_page_costs_a_few_queries(
    home, django_assert_max_num_queries
):
    person = UserFactory()
    _notify(person)
    client = signed_in_client(person)
    client.get("/")
    client.get("/academy/")
    for path in ("/", "/academy/"):
        # What every signed-in request costs before the page (user, signed-in device record,
        # permissions and affiliations for the second-factor rule: 9 with savepoints), the
        # restriction check, and the unread count (5 when there are unread notifications).
        with django_assert_max_num_queries(15):
            response = client.get(path)
        assert response["X-Page-Cache"] == "hit"
    for _more in range(5):
        _notify(person)
    with django_assert_max_num_queries(15):
        assert _unread_badge(client.get("/").content) == b"6"


def test_someone_a_restriction_admits_is_not_served_the_shared_copy(home):
    restricted = StandardPageFactory(title="Members' notes", slug="members-notes")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    person = UserFactory()
    Client().get("/")
    response = signed_in_client(person).get("/")
    assert "X-Page-Cache" not in response
    assert b"Signed in as" in response.content
