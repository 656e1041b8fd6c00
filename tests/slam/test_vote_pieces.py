"""The gallery's vote buttons and "Your vote" mark are personal pieces: each person sees their
own vote, visitors are asked to sign in, and a vote shows on the next request."""

import pytest
from django.test import Client
from django.urls import reverse

from campaigns.slam.services import vote_cast
from tests.factories import UserFactory
from tests.helpers import signed_in_client

pytestmark = pytest.mark.django_db


def _voted_projects(content: str, names) -> list[str]:
    return [
        name
        for block in content.split("<li>")
        for name in names
        if name in block and "Your vote" in block
    ]


def test_each_person_sees_their_own_vote_and_visitors_none(voting):
    edition, entries = voting
    names = [entry.project_name for entry in entries]
    url = reverse("slam:gallery") + f"?edition={edition.year}"
    ana, ben = UserFactory(), UserFactory()
    visitor, ana_client, ben_client = Client(), signed_in_client(ana), signed_in_client(ben)

    vote_cast(edition=edition, user=ana, application=entries[0])
    for _round in range(2):
        ana_page = ana_client.get(url).content.decode()
        visitor_page = visitor.get(url).content.decode()
        ben_page = ben_client.get(url).content.decode()
        assert _voted_projects(ana_page, names) == [names[0]]
        assert ana_page.count('type="submit">Vote<') == 2
        assert _voted_projects(ben_page, names) == []
        assert ben_page.count('type="submit">Vote<') == 2
        assert "Your vote" not in visitor_page and ">Vote<" not in visitor_page
        assert "Sign in to vote" in visitor_page and "Sign in to vote" not in ana_page

    vote_cast(edition=edition, user=ben, application=entries[1])
    assert _voted_projects(ben_client.get(url).content.decode(), names) == [names[1]]
    assert _voted_projects(ana_client.get(url).content.decode(), names) == [names[0]]
