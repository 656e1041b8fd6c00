"""The directory is kept once per audience (community.access.SpaceAudience): people whom the
same spaces admit share one copy, and where each one stands in a space (member, asked to join)
is their own piece; a change shows on their next request."""

import re

import pytest
from django.test import Client

from community import services
from community.models import Membership, Space
from community.selectors import directory_url
from tests.factories import AffiliationFactory, UserFactory
from tests.factories.community import grow_top_level_spaces, make_member, make_space
from tests.helpers import (
    PERSONAL_PAGE_QUERY_BUDGET,
    count_cache_calls,
    queries_at_10_and_1000,
    signed_in_client,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces(home):
    return {
        "lounge": make_space(name="Open lounge", kind=Space.Kind.OPEN),
        "ask": make_space(name="Ask first", kind=Space.Kind.ON_REQUEST),
        "circle": make_space(name="Closed circle", kind=Space.Kind.CLOSED),
        "staff": make_space(
            name="Staff room", kind=Space.Kind.OPEN, eligibility=Space.Eligibility.PROGRAMME_STAFF
        ),
    }


def _cards(content: str) -> dict[str, str]:
    """Each listed space's card, by the space's name."""
    cards = re.findall(r'<li class="space-card">(.*?)</li>', content, re.S)
    return {
        re.search(r'space-card__title">(?:<a [^>]*>)?([^<]+)<', card).group(1): card
        for card in cards
    }


def _standing(card: str) -> str:
    for words in ("You are a member", "Request sent", "You are invited"):
        if words in card:
            return words
    return ""


def test_people_of_different_audiences_and_a_visitor_interleaved_each_see_their_own(spaces):
    ana = make_member(spaces["lounge"], first_name="Ana", last_name="Kovač")
    ben = AffiliationFactory(user__first_name="Ben", user__last_name="Moreau").user
    Membership.objects.create(space=spaces["ask"], user=ben, status=Membership.Status.REQUESTED)
    cleo = make_member(spaces["circle"], first_name="Cleo", last_name="Lind")
    clients = (
        ("ana", signed_in_client(ana)),
        ("visitor", Client()),
        ("ben", signed_in_client(ben)),
        ("cleo", signed_in_client(cleo)),
    )
    url = directory_url()

    responses = [(name, client.get(url)) for _round in range(2) for name, client in clients]

    # Ana and Cleo share the copy of people with no programme function.
    assert [response["X-Page-Cache"] for _name, response in responses] == [
        "miss",
        "miss",
        "miss",
        "hit",
    ] + ["hit"] * 4
    expected = {
        "visitor": {"Open lounge": "", "Ask first": ""},
        "ana": {"Open lounge": "You are a member", "Ask first": "", "Closed circle": ""},
        "cleo": {"Open lounge": "", "Ask first": "", "Closed circle": "You are a member"},
        "ben": {
            "Open lounge": "",
            "Ask first": "Request sent",
            "Closed circle": "",
            "Staff room": "",
        },
    }
    for name, response in responses:
        content = response.content.decode()
        assert "piece-" not in content
        cards = _cards(content)
        assert {space: _standing(card) for space, card in cards.items()} == expected[name], name
        assert ("Signed in as Ana Kovač" in content) == (name == "ana")
        assert ("Signed in as Ben Moreau" in content) == (name == "ben")
        assert ("Signed in as Cleo Lind" in content) == (name == "cleo")
        assert ("Sign in to join" in content) == (name == "visitor")


def test_joining_and_an_approved_affiliation_show_on_the_next_request(spaces):
    ana = UserFactory(first_name="Ana")
    client = signed_in_client(ana)
    url = directory_url()
    client.get(url)
    cards = _cards(client.get(url).content.decode())
    assert _standing(cards["Open lounge"]) == "" and "Staff room" not in cards

    services.space_join(user=ana, space=spaces["lounge"])
    assert _standing(_cards(client.get(url).content.decode())["Open lounge"]) == (
        "You are a member"
    )

    AffiliationFactory(user=ana)
    cards = _cards(client.get(url).content.decode())
    assert "Staff room" in cards
    assert _standing(cards["Open lounge"]) == "You are a member"


def test_a_signed_in_directory_costs_the_same_at_10_and_1000_spaces(home):
    people = [UserFactory() for _ in range(3)]
    member = people[0]

    def grow(total):
        grow_top_level_spaces(total, people)

    client = signed_in_client(member)
    few, many, response = queries_at_10_and_1000(client, directory_url(), grow)
    assert response["X-Page-Cache"] == "hit"
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    assert (
        response.content.decode().count("You are a member")
        == Space.objects.filter(parent=None).count()
    )


def test_a_signed_in_directory_from_its_copy_asks_the_cache_five_times(spaces, monkeypatch):
    """The versions, the page with the note of its audiences, the session, the person with
    the spaces' rules and their memberships, and the audience's copy: nothing more."""
    ana = UserFactory()
    make_member(spaces["lounge"], ana)
    client, url = signed_in_client(ana), directory_url()
    client.get(url)
    client.get(url)
    calls = count_cache_calls(monkeypatch)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert _standing(_cards(response.content.decode())["Open lounge"]) == "You are a member"
    assert len(calls) <= 4, calls
