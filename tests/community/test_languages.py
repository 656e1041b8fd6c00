"""Threads and posts are shown with their author's language as `lang`, when the author chose
one; otherwise the page's language applies and no attribute is written."""

import re

import pytest
from django.urls import reverse

from community import services
from portal.accounts.models import Profile
from tests.factories.community import make_member, make_space, make_thread

pytestmark = pytest.mark.django_db


def _speaking(user, language):
    Profile.objects.update_or_create(user=user, defaults={"interface_language": language})
    return user


def test_posts_and_titles_carry_their_authors_language(client):
    space = make_space()
    italian = _speaking(make_member(space), "it")
    silent = make_member(space)
    thread = make_thread(space, italian, title="Costi semplificati", source="Una domanda.")
    services.post_create(user=silent, thread=thread, source="A reply in English.")
    client.force_login(make_member(space))
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert '<h1 lang="it">Costi semplificati</h1>' in html
    bodies = re.findall(r'<div class="post__body prose"([^>]*)>', html)
    assert bodies == [' lang="it"', ""]
    listing = client.get(reverse("community:space", args=[space.slug])).content.decode()
    assert 'lang="it">Costi semplificati</a>' in listing
