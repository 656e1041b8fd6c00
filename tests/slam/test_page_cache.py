"""Everyone shares one copy of the Slam's landing page, an edition's page and the gallery,
with their own pieces filled in; what changes without a publish (the phase, live vote
counts) is never shown stale."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.slam import services
from campaigns.slam.models import SlamEditionPage, SlamVideo
from tests.factories import UserFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

GALLERY = reverse("slam:gallery")


def _with_films(entries):
    for entry in entries:
        SlamVideo.objects.create(
            application=entry, video_url="https://youtu.be/dQw4w9WgXcQ", description="Film"
        )


@pytest.fixture
def shared_urls(voting):
    edition, entries = voting
    _with_films(entries)
    return ["/slam/", edition.url, GALLERY, f"{GALLERY}?edition={edition.year}"]


def test_the_second_anonymous_visit_is_answered_from_the_cache_without_queries(client, shared_urls):
    for url in shared_urls:
        first = client.get(url)
        assert first.status_code == 200 and first["X-Page-Cache"] == "miss", url
        queries, second = count_queries(client.get, url)
        assert second["X-Page-Cache"] == "hit", url
        assert queries == 0, url
        assert second.content == first.content


def test_signed_in_voters_get_the_shared_gallery_with_their_own_vote(client, voting, shared_urls):
    edition, entries = voting
    client.get(GALLERY)  # a copy is kept
    client.get("/slam/")
    voter = UserFactory()
    services.vote_cast(edition=edition, user=voter, application=entries[0])
    client.force_login(voter)
    page = client.get(GALLERY)
    assert page["X-Page-Cache"] == "hit"
    assert page.content.decode().count("Your vote") == 1
    assert client.get("/slam/")["X-Page-Cache"] == "hit"


def test_live_vote_counts_are_never_shared_and_show_each_vote(client, voting):
    edition, entries = voting
    _with_films(entries)
    SlamEditionPage.objects.filter(pk=edition.pk).update(show_live_counts=True)
    before = client.get(GALLERY)
    assert "X-Page-Cache" not in before and "0 votes" in before.content.decode()
    services.vote_cast(edition=edition, user=UserFactory(), application=entries[0])
    after = client.get(GALLERY)
    assert "X-Page-Cache" not in after and "1 vote<" in after.content.decode()


def test_the_shared_gallery_ends_the_moment_the_vote_closes(client, voting):
    edition, entries = voting
    _with_films(entries)
    closes = timezone.now() + timedelta(seconds=2)
    SlamEditionPage.objects.filter(pk=edition.pk).update(vote_closes=closes)
    assert client.get(GALLERY)["X-Page-Cache"] == "miss"
    assert client.get(GALLERY)["X-Page-Cache"] == "hit"
    time.sleep(max((closes - timezone.now()).total_seconds(), 0) + 0.5)
    closed = client.get(GALLERY)
    assert closed.get("X-Page-Cache") != "hit"
    assert "The public vote is closed." in closed.content.decode()


def test_a_page_about_to_change_is_not_kept(client, voting):
    edition, entries = voting
    _with_films(entries)
    soon = timezone.now() + timedelta(milliseconds=500)
    SlamEditionPage.objects.filter(pk=edition.pk).update(vote_closes=soon)
    assert "X-Page-Cache" not in client.get(GALLERY)
