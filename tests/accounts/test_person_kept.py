"""A signed-in person's account row is kept between requests with their identity, so that a
page served from its shared copy asks the database nothing; every change to the account (name,
address, password, active flag, deletion, sessions ended) shows on the next request."""

import re

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from academy.learning_versions import LEARNING, learning_changed
from community.versions import COMMUNITY_VERSION
from portal.accounts import roles
from portal.core.versions import person_version, read_once_per_request
from portal.notifications import services as notifications
from portal.notifications.services import NOTIFICATIONS
from tests.factories import UserFactory
from tests.helpers import count_cache_calls, signed_in_client

pytestmark = pytest.mark.django_db

SIGNED_IN_AS = re.compile(rb'account-menu__who">Signed in as ([^<]+)</span>')


def shown_as(response) -> bytes | None:
    """The name the account menu shows, or None for a page shown to a visitor."""
    assert response.status_code == 200
    found = SIGNED_IN_AS.search(response.content)
    return found.group(1).strip() if found else None


def test_a_signed_in_page_from_its_shared_copy_asks_the_database_nothing(home):
    person = UserFactory(first_name="Ana", last_name="Kovač")
    client = signed_in_client(person)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert shown_as(response) == "Ana Kovač".encode()
    assert len(queries) == 0


def test_a_signed_in_page_from_its_shared_copy_takes_two_trips_to_the_cache(home, monkeypatch):
    person = UserFactory()
    client = signed_in_client(person)
    client.get("/")
    client.get("/")
    calls = count_cache_calls(monkeypatch)
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert shown_as(response) is not None
    # The versions, the page (with the note of its audience) and the session; then the person.
    assert [method for method, _key in calls] == ["get_many", "get_many"], calls
    assert client.cookies[settings.SESSION_COOKIE_NAME].value in calls[0][1]


def test_two_people_and_a_visitor_interleaved_each_see_their_own_name_after_a_rename(home):
    ana = UserFactory(first_name="Ana", last_name="Kovač")
    ben = UserFactory(first_name="Ben", last_name="Moreau")
    visitor, ana_client, ben_client = Client(), signed_in_client(ana), signed_in_client(ben)
    seen = []
    for round_ in range(3):
        if round_ == 1:
            ana.first_name = "Anja"
            ana.save(update_fields=["first_name"])
        for client in (ana_client, visitor, ben_client):
            seen.append(shown_as(client.get("/")))
    assert seen == [
        "Ana Kovač".encode(),
        None,
        b"Ben Moreau",
        *(["Anja Kovač".encode(), None, b"Ben Moreau"] * 2),
    ]


def test_a_new_address_shows_on_the_next_request(home):
    person = UserFactory(first_name="", last_name="", email="first@example.org")
    client = signed_in_client(person)
    assert shown_as(client.get("/")) == b"first"
    person.email = "second@example.org"
    person.save()
    assert shown_as(client.get("/")) == b"second"


def test_a_password_changed_elsewhere_signs_the_other_sessions_out(home):
    person = UserFactory()
    here, elsewhere = signed_in_client(person), signed_in_client(person)
    for client in (here, elsewhere):
        assert shown_as(client.get("/")) is not None
    person.set_password("a new and long passphrase")
    person.save()
    # Neither session carries the new password's hash: both are signed out, and stay so.
    for client in (here, elsewhere, here, elsewhere):
        assert shown_as(client.get("/")) is None


def test_the_session_that_changed_the_password_stays_signed_in(home):
    person = UserFactory()
    person.set_password("the old passphrase")
    person.save()
    client, other = signed_in_client(person), signed_in_client(person)
    assert shown_as(client.get("/")) is not None
    assert shown_as(other.get("/")) is not None
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "the old passphrase",
            "password1": "a new and long passphrase",
            "password2": "a new and long passphrase",
        },
    )
    assert response.status_code == 302
    assert shown_as(client.get("/")) is not None
    assert shown_as(other.get("/")) is None


def test_a_deactivated_account_is_signed_out_on_the_next_request(home):
    person, other = UserFactory(), UserFactory(first_name="Ben", last_name="Moreau")
    client, other_client = signed_in_client(person), signed_in_client(other)
    assert shown_as(client.get("/")) is not None
    person.is_active = False
    person.save()
    assert shown_as(client.get("/")) is None
    assert shown_as(other_client.get("/")) == b"Ben Moreau"
    person.is_active = True
    person.save()
    # As Django does: an inactive account's session is refused, not ended.
    assert shown_as(client.get("/")) is not None


def test_a_deleted_account_is_signed_out_on_the_next_request(home):
    person = UserFactory()
    client = signed_in_client(person)
    assert shown_as(client.get("/")) is not None
    person.delete()
    assert shown_as(client.get("/")) is None


def test_signing_out_everywhere_ends_every_session_on_the_next_request(home):
    person = UserFactory()
    # As a browser signs in: UserSessionActivityMiddleware records each session.
    clients = [signed_in_client(person, HTTP_USER_AGENT=f"browser {n}") for n in range(2)]
    for client in clients:
        assert shown_as(client.get("/")) is not None
    assert UserSession.objects.filter(user=person).count() == 2
    for session in UserSession.objects.filter(user=person):
        session.end()
    for client in clients:
        assert shown_as(client.get("/")) is None


def test_a_session_naming_someone_else_gets_that_persons_row(home):
    """The row is kept by account: a session is never answered with another person's."""
    ana, ben = UserFactory(first_name="Ana", last_name="Kovač"), UserFactory(first_name="Ben")
    client = signed_in_client(ana)
    assert shown_as(client.get("/")) == "Ana Kovač".encode()
    session = SessionStore(session_key=client.cookies["sessionid"].value)
    session[SESSION_KEY] = str(ben.pk)  # a forged session: its hash is still Ana's
    session.save()
    assert shown_as(client.get("/")) is None


def test_a_sign_in_elsewhere_forgets_the_row_but_no_one_elses_identity(home):
    person, other = UserFactory(), UserFactory()
    client = signed_in_client(person)
    client.get("/")
    other_client = signed_in_client(other)
    other_client.get("/")
    version = roles.IDENTITY_VERSION.current()
    signed_in_client(person)  # writes the time of this sign-in to the account
    assert roles.IDENTITY_VERSION.current() == version
    with CaptureQueriesContext(connection) as queries:
        assert shown_as(client.get("/")) is not None
    assert len(queries) == 1  # the account's row, read again
    with CaptureQueriesContext(connection) as queries:
        assert shown_as(other_client.get("/")) is not None
    assert len(queries) == 0


def test_the_kept_row_holds_no_password(home):
    person = UserFactory()
    signed_in_client(person).get("/")
    kept = cache.get(roles._row_key(roles.IDENTITY_VERSION.current(), person.pk))
    assert kept is not None
    assert "password" not in kept["fields"]
    assert person.password not in repr(kept)


def test_an_account_deleted_without_its_services_forgets_its_unread_count(home):
    """The count is kept by the account's id (fetched with the row): no later account given
    the same id could find it."""
    person = UserFactory()
    notifications.notify(
        recipients=[person], kind="membership", verb="request_declined", target="Finance", url="/"
    )
    assert notifications.unread_count(person) == 1
    key = notifications._unread_key(person)
    assert cache.get(key) is not None
    person.delete()
    assert cache.get(key) is None


def test_the_versions_of_a_persons_own_pages_arrive_with_their_row(home, monkeypatch):
    """What personal pages are kept under (their learning, their events, their notifications,
    their reading …) comes in the round trip that fetches the person: none of its own."""
    ana, ben = UserFactory(), UserFactory()
    learning = [person_version(LEARNING, person.pk) for person in (ana, ben)]
    others = [COMMUNITY_VERSION, *(person_version(NOTIFICATIONS, p.pk) for p in (ana, ben))]
    for version in (*learning, *others):
        version.current()  # made, as a first read does

    def read_in_a_request(person) -> tuple[int, int, list[str]]:
        with read_once_per_request():
            calls = count_cache_calls(monkeypatch)
            roles.kept_person(person.pk, lambda: person)
            in_round_trip = len(calls)
            seen = (
                person_version(LEARNING, person.pk).current(),
                person_version(NOTIFICATIONS, person.pk).current(),
                COMMUNITY_VERSION.current(),
            )
            monkeypatch.undo()
            return seen, in_round_trip, calls[in_round_trip:]

    (ana_learning, *_), _trips, later = read_in_a_request(ana)
    assert later == []
    assert ana_learning == learning[0].current()
    (ben_learning, *_), _trips, later = read_in_a_request(ben)
    assert (ben_learning, later) == (learning[1].current(), [])
    # A change to Ana's learning is seen by her next request, and Ben's stays his.
    learning_changed([ana.pk])
    (ana_now, *_), _trips, _later = read_in_a_request(ana)
    (ben_now, *_), _trips, _later = read_in_a_request(ben)
    assert ana_now == ana_learning + 1
    assert ben_now == ben_learning
