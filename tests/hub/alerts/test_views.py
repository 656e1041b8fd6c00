"""Saving a search from a listing's button, the list of one's saved searches, deleting one:
for each kind of visitor, with bad input and with someone else's searches."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from hub.alerts.models import MAX_SAVED_SEARCHES, SavedSearch
from tests.factories import UserFactory

from .conftest import KIND, save_search

pytestmark = pytest.mark.django_db

CREATE = reverse("hub_alerts:alert_create")
LIST = reverse("hub_alerts:alert_list")
LISTING = "/programmes/?country=SI&theme=health"


def _post(client, **data):
    return client.post(CREATE, {"kind": KIND, "query": "theme=health", "next": LISTING, **data})


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_signed_out_visitors_are_sent_to_sign_in_and_back_to_the_listing(client, project_source):
    response = _post(client)

    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == "/accounts/login/"
    assert parse_qs(location.query)["next"] == [LISTING]
    assert not SavedSearch.objects.exists()


def test_a_signed_in_person_saves_the_listing_s_filters_and_returns_to_it(
    client, project_source, alpine, health
):
    person = UserFactory()
    client.force_login(person)

    response = _post(client, query="?theme=health&page=3&programme=alpine-space&country=")

    assert response.status_code == 302 and response["Location"] == LISTING
    saved = SavedSearch.objects.get(user=person)
    assert (saved.kind, saved.query) == (KIND, "programme=alpine-space&theme=health")
    assert saved.name == (
        "keep.eu projects: Programme: Interreg Alpine Space; Theme: Health and social care"
    )
    assert "Your search is saved" in _messages(response)[0]


def test_saving_the_same_filters_again_keeps_one(client, project_source):
    person = UserFactory()
    client.force_login(person)
    _post(client, query="theme=health&programme=x")

    response = _post(client, query="programme=x&theme=health&page=2")

    assert SavedSearch.objects.filter(user=person).count() == 1
    assert _messages(response)[-1] == "You had already saved this search."


def test_a_person_keeps_at_most_the_cap_and_is_told_why(client, project_source):
    person = UserFactory()
    for number in range(MAX_SAVED_SEARCHES):
        save_search(person, f"theme=t{number}")
    client.force_login(person)

    response = _post(client, query="theme=one-more")

    assert response.status_code == 302 and response["Location"] == LISTING
    assert SavedSearch.objects.filter(user=person).count() == MAX_SAVED_SEARCHES
    assert _messages(response) == [
        f"You already keep {MAX_SAVED_SEARCHES} saved searches, the most one person can keep. "
        "Delete one you no longer need on your saved searches page, then save this one."
    ]


def test_an_unconfirmed_address_saves_nothing_and_says_why(client, project_source):
    client.force_login(UserFactory(verified=False))

    response = _post(client)

    assert response.status_code == 302 and response["Location"] == LISTING
    assert not SavedSearch.objects.exists()
    assert _messages(response)[0].startswith("Confirm your e-mail address first")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "no-such-kind"}, "This kind of search cannot be saved."),
        ({"kind": ""}, "This kind of search cannot be saved."),
        ({"query": "theme=health\x00"}, "These filters cannot be saved"),
        ({"query": "theme=%00"}, "These filters cannot be saved"),
        ({"query": "<script>=1"}, "These filters cannot be saved"),
        ({"query": "theme=" + "x" * 1200}, "These filters cannot be saved"),
        ({"query": "a=1&" * 120}, "These filters cannot be saved"),
    ],
)
def test_input_no_button_sends_is_refused_with_a_400(client, project_source, data, message):
    client.force_login(UserFactory())

    response = _post(client, **data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_next_never_leaves_the_site(client, project_source, next_url):
    client.force_login(UserFactory())

    response = _post(client, next=next_url)

    assert response.status_code == 302 and response["Location"] == LIST


def test_the_button_s_post_needs_the_csrf_token(project_source):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    assert _post(client).status_code == 403
    assert not SavedSearch.objects.exists()


def test_get_is_not_how_a_search_is_saved(client, project_source):
    client.force_login(UserFactory())
    assert client.get(CREATE, {"kind": KIND, "query": "theme=health"}).status_code == 405
    assert not SavedSearch.objects.exists()


def test_the_list_shows_mine_only_with_links_that_reopen_the_listing(client, project_source):
    person, other = UserFactory(), UserFactory()
    save_search(person, "country=SI&theme=health", name="Health in Slovenia")
    save_search(other, "theme=water", name="Someone else's water search")
    client.force_login(person)

    response = client.get(LIST)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Health in Slovenia" in page
    assert 'href="/programmes/?country=SI&amp;theme=health"' in page
    assert "Someone else" not in page


def test_a_search_whose_listing_is_gone_can_still_be_deleted(client):
    person = UserFactory()
    saved = save_search(person, "theme=health", name="Old search", kind="retired")
    client.force_login(person)

    page = client.get(LIST).content.decode()

    assert "This listing is no longer offered." in page
    assert reverse("hub_alerts:alert_delete", args=[saved.pk]) in page


def test_the_list_needs_an_account(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == "/accounts/login/"


def test_a_person_deletes_their_own_saved_search(client):
    person = UserFactory()
    saved = save_search(person, "theme=health", name="Health")
    client.force_login(person)

    response = client.post(reverse("hub_alerts:alert_delete", args=[saved.pk]))

    assert response.status_code == 302 and response["Location"] == LIST
    assert not SavedSearch.objects.exists()
    assert _messages(response) == [
        "The saved search “Health” is deleted; you will hear no more about it."
    ]


def test_someone_else_s_saved_search_is_not_found(client):
    saved = save_search(UserFactory(), "theme=health")
    client.force_login(UserFactory())

    assert client.post(reverse("hub_alerts:alert_delete", args=[saved.pk])).status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_deleting_needs_an_account_a_post_and_the_csrf_token(client):
    saved = save_search(UserFactory(), "theme=health")
    url = reverse("hub_alerts:alert_delete", args=[saved.pk])
    assert urlparse(client.post(url)["Location"]).path == "/accounts/login/"

    client.force_login(saved.user)
    assert client.get(url).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(saved.user)
    assert strict.post(url).status_code == 403
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


@pytest.mark.parametrize("role", ["programme_staff", "editor"])
def test_every_signed_in_role_keeps_its_own_searches(client, project_source, role):
    from tests.factories.users import AffiliationFactory

    if role == "programme_staff":
        person = AffiliationFactory(function="joint_secretariat", status="approved").user
    else:
        person = UserFactory(is_staff=True, wagtail_admin=True)
    client.force_login(person)

    assert _post(client).status_code == 302
    assert client.get(LIST).status_code == 200
    saved = SavedSearch.objects.get(user=person)
    assert client.post(reverse("hub_alerts:alert_delete", args=[saved.pk])).status_code == 302
