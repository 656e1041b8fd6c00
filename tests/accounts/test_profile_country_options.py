"""The profile form's country list is built once per language for everyone; each person's
own country is the one marked, whoever asked before them."""

import re

import pytest
from django.urls import reverse

from portal.accounts.models import Profile
from tests.factories import UserFactory
from tests.helpers import signed_in_client

pytestmark = pytest.mark.django_db


def _chosen(client) -> list[str]:
    page = client.get(reverse("accounts:profile")).content.decode()
    select = re.search(r'<select name="country".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([A-Z]*)" selected>', select)


def test_two_people_interleaved_each_see_their_own_country_chosen(home):
    italian, austrian, nowhere = UserFactory(), UserFactory(), UserFactory()
    for person, country in ((italian, "IT"), (austrian, "AT"), (nowhere, "")):
        Profile.objects.update_or_create(user=person, defaults={"country": country})
    clients = {person: signed_in_client(person) for person in (italian, austrian, nowhere)}
    for _round in range(2):
        assert _chosen(clients[italian]) == ["IT"]
        assert _chosen(clients[austrian]) == ["AT"]
        assert _chosen(clients[nowhere]) == [""]


def test_the_countries_are_named_in_the_pages_language(home):
    person = UserFactory()
    Profile.objects.update_or_create(user=person, defaults={"country": "DE"})
    client = signed_in_client(person)
    english = client.get(reverse("accounts:profile")).content.decode()
    german = client.get("/de" + reverse("accounts:profile")).content.decode()
    assert '<option value="DE" selected>Germany</option>' in english
    assert '<option value="DE" selected>Deutschland</option>' in german
