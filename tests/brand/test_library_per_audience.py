"""The asset library is kept once per audience (portal.core.access.Audience): people who may
open the same assets share one copy, each with their own header filled in; a change to what
someone may open shows on their next request, and nobody is served another audience's copy."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from brand.models import Asset
from portal.core.access import AccessLevel
from portal.core.cache import content_changed
from tests.factories import AffiliationFactory, UserFactory
from tests.factories.brand import make_asset, make_library
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, queries_at_10_and_1000, signed_in_client

pytestmark = pytest.mark.django_db

TITLES = ("Public logo", "Members' template", "Staff report", "Jury kit")


@pytest.fixture
def jury():
    return Group.objects.create(name="Slam jury")


@pytest.fixture
def library(home, jury):
    make_library()
    levels = (AccessLevel.PUBLIC, AccessLevel.REGISTERED, AccessLevel.PROGRAMME_STAFF)
    assets = {
        title: make_asset(title=title, files=[], access_level=level)
        for title, level in zip(TITLES, levels, strict=False)
    }
    assets["Jury kit"] = make_asset(
        title="Jury kit", files=[], access_level=AccessLevel.GROUP, access_group=jury
    )
    return assets


def _shown(content: str, assets: dict) -> dict[str, str]:
    """For each asset: "open" (its page linked), "locked" (listed, with the way in) or absent."""
    shown = {}
    for title, asset in assets.items():
        link = f'href="{reverse("brand:asset", args=[asset.pk])}"'
        if link in content:
            shown[title] = "open"
        elif f'card__title">{escape(title)}<' in content:
            shown[title] = "locked"
    return shown


def test_people_of_different_audiences_and_a_visitor_interleaved_each_see_their_own(library, jury):
    ana = UserFactory(first_name="Ana", last_name="Kovač")
    ben = AffiliationFactory(user__first_name="Ben", user__last_name="Moreau").user
    ben.groups.add(jury)
    url = make_library().url
    clients = (
        ("ana", signed_in_client(ana)),
        ("visitor", Client()),
        ("ben", signed_in_client(ben)),
    )

    responses = [(name, client.get(url)) for _round in range(2) for name, client in clients]

    # One copy per audience, then each is served from its own.
    assert [response["X-Page-Cache"] for _name, response in responses] == ["miss"] * 3 + ["hit"] * 3
    expected = {
        "visitor": {"Public logo": "open", "Members' template": "locked", "Staff report": "locked"},
        "ana": {"Public logo": "open", "Members' template": "open", "Staff report": "locked"},
        "ben": dict.fromkeys(TITLES, "open"),
    }
    for name, response in responses:
        content = response.content.decode()
        assert "piece-" not in content
        assert _shown(content, library) == expected[name], name
        assert ("Signed in as Ana Kovač" in content) == (name == "ana")
        assert ("Signed in as Ben Moreau" in content) == (name == "ben")
        assert ("Sign in to download it" in content) == (name == "visitor")
        assert ("Ask for a programme affiliation to download it" in content) == (name == "ana")


def test_an_approved_affiliation_and_a_group_show_on_the_next_request(library, jury):
    ana = UserFactory(first_name="Ana")
    client = signed_in_client(ana)
    url = make_library().url
    client.get(url)
    assert _shown(client.get(url).content.decode(), library)["Staff report"] == "locked"

    AffiliationFactory(user=ana)
    after_affiliation = client.get(url).content.decode()
    assert _shown(after_affiliation, library)["Staff report"] == "open"
    assert "Jury kit" not in _shown(after_affiliation, library)

    ana.groups.add(jury)
    assert _shown(client.get(url).content.decode(), library)["Jury kit"] == "open"

    # Someone in a group no asset is for shares the copy of those in none.
    cleo = AffiliationFactory().user
    cleo.groups.add(Group.objects.create(name="Unrelated"))
    dan = AffiliationFactory().user
    signed_in_client(dan).get(url)
    assert signed_in_client(cleo).get(url)["X-Page-Cache"] == "hit"


def test_an_unverified_person_is_asked_to_confirm_and_opens_only_public_assets(library):
    client = signed_in_client(UserFactory(verified=False))
    url = make_library().url
    client.get(url)
    content = client.get(url).content.decode()
    assert _shown(content, library) == {
        "Public logo": "open",
        "Members' template": "locked",
        "Staff report": "locked",
    }
    assert "Confirm your e-mail address to download it" in content


def test_a_signed_in_library_costs_the_same_at_10_and_1000_assets(library, jury):
    person = AffiliationFactory().user
    person.groups.add(jury)

    def grow(total):
        start = Asset.objects.count()
        Asset.objects.bulk_create(
            Asset(
                title=f"Asset {number}",
                kind=Asset.Kind.LOGO,
                published_at=library["Public logo"].published_at,
                access_level=(AccessLevel.PUBLIC, AccessLevel.REGISTERED)[number % 2],
            )
            for number in range(start, total)
        )
        content_changed()  # bulk writes send no signal to drop the copies

    few, many, response = queries_at_10_and_1000(signed_in_client(person), make_library().url, grow)
    assert response["X-Page-Cache"] == "hit"
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
