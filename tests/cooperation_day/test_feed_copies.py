"""The feeds' kept copies: answered before sessions, authentication and routing to everyone, signed
in or not, with the headers each feed is sent with, in the encoding each client accepts; and
never as they were before a change to what they show."""

import gzip
import json
import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import Event
from portal.core import cache as page_cache
from portal.core.languages import SESSION_LANGUAGE_KEY
from tests.factories import UserFactory
from tests.factories.cooperation_day import event_values, make_event
from tests.helpers import count_cache_calls, signed_in_client

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
FEEDS = ["/cooperation-day/events.geojson", "/cooperation-day/events.ics?country=AT"]


def _answered_early(response) -> bool:
    # Nothing after EarlyPageCacheMiddleware ran: no session was opened, no user looked up.
    request = response.wsgi_request
    return not hasattr(request, "session") and not hasattr(request, "user")


def _headers(response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name != "X-Page-Cache"}


def _body(response) -> bytes:
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content)
    return response.content


def _titles(response) -> list[str]:
    return [feature["properties"]["title"] for feature in json.loads(_body(response))["features"]]


def _late(settings, path, **headers):
    # With user agents to refuse, every request goes through the whole stack (CommonMiddleware
    # refuses them), where the copy is answered after sessions and routing.
    settings.DISALLOWED_USER_AGENTS = [re.compile("^no such browser$")]
    try:
        return Client().get(path, **headers)
    finally:
        settings.DISALLOWED_USER_AGENTS = []


@pytest.fixture
def published(edition, programme, organiser):
    return make_event(edition, programme, organiser, title="Open bridge")


@pytest.mark.parametrize("path", FEEDS)
@pytest.mark.parametrize("encoding", [GZIP, {}], ids=["gzip", "identity"])
def test_early_and_late_answers_are_the_feed_as_first_sent(published, path, encoding, settings):
    first = Client().get(path, **encoding)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert not _answered_early(first)

    early = Client().get(path, **encoding)
    late = _late(settings, path, **encoding)

    assert _answered_early(early) and not _answered_early(late)
    assert early["X-Page-Cache"] == late["X-Page-Cache"] == "hit"
    assert early.content == late.content == first.content
    assert _headers(early) == _headers(late) == _headers(first)
    assert early["Content-Length"] == str(len(early.content))
    assert early["Cache-Control"] == "public, max-age=300"
    assert "Accept-Encoding" in early["Vary"]
    assert early["Content-Security-Policy"] and early["Permissions-Policy"]
    if path.endswith(".geojson"):
        assert early["Content-Type"] == "application/geo+json"
        assert early["Access-Control-Allow-Origin"] == "*"
    else:
        assert early["Content-Type"] == "text/calendar; charset=utf-8"
        assert early["Content-Disposition"] == 'inline; filename="cooperation-day.ics"'
    assert b"Open bridge" in _body(early)


@pytest.mark.parametrize("path", FEEDS)
def test_each_client_gets_the_encoding_it_accepts_from_one_copy(published, path):
    compressed = Client().get(path, **GZIP)  # kept by a client that accepts gzip
    plain = Client().get(path)
    again = Client().get(path, **GZIP)
    assert _answered_early(plain) and _answered_early(again)
    assert compressed["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert gzip.decompress(compressed.content) == gzip.decompress(again.content) == plain.content
    assert plain["Content-Length"] == str(len(plain.content))
    assert again["Content-Length"] == str(len(again.content)) != plain["Content-Length"]


def test_the_early_answer_costs_no_query_signed_in_or_not(
    published, organiser, django_assert_num_queries
):
    person = signed_in_client(organiser)
    for path in FEEDS:
        Client().get(path, **GZIP)
    with django_assert_num_queries(0):
        for path in FEEDS:
            for response in (
                Client().get(path, **GZIP),
                Client().get(path),
                Client().head(path),
                person.get(path, **GZIP),
            ):
                assert response.status_code == 200 and _answered_early(response)


def test_a_feed_from_its_copy_takes_one_trip_to_the_cache_signed_in_or_not(
    published, organiser, monkeypatch
):
    person = signed_in_client(organiser)
    for path in FEEDS:
        Client().get(path, **GZIP)
        person.get(path, **GZIP)
    calls = count_cache_calls(monkeypatch)
    for path in FEEDS:
        for client in (Client(), person):
            calls.clear()
            response = client.get(path, **GZIP)
            assert _answered_early(response) and b"Open bridge" in _body(response)
            # The versions, the entry, its compressed body (and the session) in one MGET.
            assert [method for method, _key in calls] == ["get_many"], calls


def test_a_body_kept_at_another_version_than_its_entry_is_never_answered(published):
    path = FEEDS[0]
    first = Client().get(path, **GZIP)
    body_key = page_cache._body_key(
        page_cache._page_response_key(RequestFactory().get(path)), page_cache.GZIP
    )
    version, body = cache.get(body_key)
    # As a request that read the version before a publish would leave it, racing another.
    cache.set(body_key, (version - 1, gzip.compress(b"an older feed")))
    again = Client().get(path, **GZIP)
    assert again["X-Page-Cache"] == "miss"
    assert _body(again) == _body(first) and b"Open bridge" in _body(again)
    assert cache.get(body_key) == (version, again.content)
    assert body == first.content


def test_two_people_and_a_visitor_interleaved_get_the_same_feed_and_nothing_of_theirs(
    edition, programme, organiser, moderator
):
    make_event(edition, programme, organiser, title="Open bridge")
    make_event(edition, programme, organiser, status=Event.Status.DRAFT, title="Own draft")
    make_event(edition, programme, organiser, status=Event.Status.SUBMITTED, title="In review")
    someone = UserFactory(email="someone@example.org")
    clients = [signed_in_client(organiser), Client(), signed_in_client(someone)]
    clients.append(signed_in_client(moderator))
    path = FEEDS[0]
    answers = [client.get(path, **GZIP) for client in clients * 2]
    assert not _answered_early(answers[0])  # the organiser's request kept the copy
    assert all(_answered_early(answer) for answer in answers[1:])
    for answer in answers:
        assert _titles(answer) == ["Open bridge"]
        assert answer.content == answers[0].content
        assert _headers(answer) == _headers(answers[0])
    # Nothing is set for anyone from the copy (the first, late answer may refresh a session).
    assert not any(answer.cookies for answer in answers[1:])


def test_a_person_who_chose_a_language_is_sent_to_it_as_before(published, organiser):
    path = FEEDS[0]
    Client().get(path, **GZIP)
    person = signed_in_client(organiser)
    session = person.session
    session[SESSION_LANGUAGE_KEY] = "fr"
    session.save()
    response = person.get(path, **GZIP)
    assert response.status_code == 302 and response["Location"] == "/fr" + path
    french = person.get("/fr" + path, **GZIP)
    assert french.status_code == 200
    assert json.loads(_body(french))["features"][0]["properties"]["url"].startswith("/fr/")
    assert _answered_early(person.get("/fr" + path, **GZIP))
    # Someone who chose nothing is answered in English from the copy, early.
    assert _answered_early(signed_in_client(UserFactory()).get(path, **GZIP))


def test_query_variants_are_their_own_copies_and_bad_filters_answer_as_before(
    edition, programme, organiser
):
    make_event(edition, programme, organiser, title="Austrian", countries=["AT"])
    make_event(edition, programme, organiser, title="Slovak", countries=["SK"])
    base = reverse("cooperation_day:events_geojson")
    for query, expected in (
        ("?country=AT", ["Austrian"]),
        ("?country=SK", ["Slovak"]),
        ("?country=ZZ", None),
        ("?edition=nope", None),
        ("?radius=-5&lat=x", None),
        ("?unknown=1", ["Austrian", "Slovak"]),
    ):
        first = Client().get(base + query, **GZIP)
        early = Client().get(base + query, **GZIP)
        cache.clear()
        fresh = Client().get(base + query, **GZIP)
        assert first.status_code == early.status_code == fresh.status_code, query
        assert _body(first) == _body(early) == _body(fresh), query
        if expected is not None:
            assert sorted(_titles(early)) == expected, query
    missing = base + "?edition=1999"
    assert Client().get(missing).status_code == Client().get(missing).status_code == 404


def test_each_language_has_its_own_copy(published):
    english = Client().get(FEEDS[1])
    with translation.override("de"):
        german_path = reverse("cooperation_day:events_ics") + "?country=AT"
    german = Client().get(german_path)
    assert german_path.startswith("/de/")
    assert _answered_early(Client().get(german_path))
    assert english.content != german.content


def _approve(event, moderator, organiser, captured, **changes):
    with captured(execute=True):
        services.event_update(
            event=event,
            user=organiser,
            values=event_values(event.edition, event.programme, **changes),
        )
        services.event_submit(event=Event.objects.get(pk=event.pk), user=organiser)
        services.event_approve(event=Event.objects.get(pk=event.pk), moderator=moderator)


def _publish(context):
    event = services.event_create(
        edition=context["edition"],
        organiser=context["organiser"],
        values=event_values(context["edition"], context["programme"], title="Newcomer"),
    )
    with context["captured"](execute=True):
        services.event_submit(event=event, user=context["organiser"])
        services.event_approve(event=Event.objects.get(pk=event.pk), moderator=context["moderator"])
    return ["Newcomer", "Open bridge"]


def _change_approved(context):
    _approve(
        context["event"],
        context["moderator"],
        context["organiser"],
        context["captured"],
        title="Renamed bridge",
    )
    return ["Renamed bridge"]


def _change_rejected(context):
    event = context["event"]
    with context["captured"](execute=True):
        services.event_update(
            event=event,
            user=context["organiser"],
            values=event_values(event.edition, event.programme, title="Turned down"),
        )
        services.event_submit(event=Event.objects.get(pk=event.pk), user=context["organiser"])
        services.event_reject(
            event=Event.objects.get(pk=event.pk),
            moderator=context["moderator"],
            reason="other",
            message="Not this.",
        )
    return ["Open bridge"]


def _changed_in_place(context):
    event = Event.objects.get(pk=context["event"].pk)
    event.title = "Retitled in place"
    event.save()
    return ["Retitled in place"]


def _unpublished(context):
    event = Event.objects.get(pk=context["event"].pk)
    event.status = Event.Status.REJECTED
    event.save(update_fields=["status", "updated_at"])
    return []


def _cancelled(context):
    Event.objects.get(pk=context["event"].pk).delete()
    return []


def _edition_withdrawn(context):
    context["edition"].unpublish()
    return None  # no edition left: the feed is not found


@pytest.mark.parametrize(
    "change",
    [
        _publish,
        _change_approved,
        _change_rejected,
        _changed_in_place,
        _unpublished,
        _cancelled,
        _edition_withdrawn,
    ],
)
def test_a_change_shows_on_the_next_request_and_is_then_answered_early(
    edition,
    programme,
    organiser,
    moderator,
    published,
    change,
    django_capture_on_commit_callbacks,
):
    path = FEEDS[0]
    person = signed_in_client(UserFactory())
    for client in (Client(), person):
        client.get(path, **GZIP)
        assert _answered_early(client.get(path, **GZIP))
        assert _answered_early(client.get(path))
    context = {
        "edition": edition,
        "programme": programme,
        "organiser": organiser,
        "moderator": moderator,
        "event": published,
        "captured": django_capture_on_commit_callbacks,
    }
    expected = change(context)
    for client in (Client(), person, Client()):
        for encoding in (GZIP, {}):
            response = client.get(path, **encoding)
            if expected is None:
                assert response.status_code == 404
            else:
                assert sorted(_titles(response)) == expected, (client, encoding)
    if expected is not None:
        assert _answered_early(Client().get(path, **GZIP))
        assert _answered_early(person.get(path))
