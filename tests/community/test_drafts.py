"""Every community form that takes long text comes back with what was typed when the server
refuses it, marks its text areas to be kept in the browser, and a success says so."""

import pytest
from django.urls import reverse

from community.models import Membership, Space
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space, make_thread

pytestmark = pytest.mark.django_db

TYPED = "Three paragraphs I would hate to type again & <again>"
TYPED_HTML = "Three paragraphs I would hate to type again &amp; &lt;again&gt;"


def _draft_area(html, name):
    """The opening tag of the text area called `name`."""
    start = html.index(f'<textarea name="{name}"')
    return html[start : html.index(">", start)]


def test_a_refused_reply_comes_back_with_the_text_and_no_success(client):
    space = make_space()
    member = make_member(space)
    thread = make_thread(space, member)
    client.force_login(member)
    response = client.post(
        reverse("community:reply", args=[thread.pk]), {"source": TYPED + "x" * 20000}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert TYPED_HTML in html
    assert "data-draft" in _draft_area(html, "source")
    assert "data-clear-drafts" not in html


def test_a_posted_reply_leads_to_a_page_that_says_the_server_has_it(client):
    space = make_space()
    member = make_member(space)
    thread = make_thread(space, member)
    client.force_login(member)
    response = client.post(
        reverse("community:reply", args=[thread.pk]), {"source": TYPED}, follow=True
    )
    html = response.content.decode()
    assert '<p class="message message--success" data-clear-drafts>Your reply is posted.</p>' in html
    assert _draft_area(html, "source")  # the thread's reply box is empty and kept again


def test_a_refused_thread_keeps_its_first_post(client):
    space = make_space()
    member = make_member(space)
    client.force_login(member)
    response = client.post(
        reverse("community:thread_create", args=[space.slug]),
        {"title": "Hi", "kind": "discussion", "source": TYPED},
    )
    assert response.status_code == 200
    assert TYPED_HTML in response.content.decode()


def test_a_refused_flag_keeps_its_note(client):
    space = make_space()
    member = make_member(space)
    thread = make_thread(space)
    client.force_login(member)
    post = thread.posts.get(number=1)
    response = client.post(reverse("community:post_flag", args=[post.pk]), {"note": TYPED})
    html = response.content.decode()
    assert response.status_code == 200
    assert TYPED_HTML in html and "data-draft" in _draft_area(html, "note")


def test_a_refused_request_to_join_keeps_its_message(client):
    space = make_space(kind=Space.Kind.ON_REQUEST)
    client.force_login(UserFactory())
    response = client.post(
        reverse("community:join", args=[space.slug]), {"message": TYPED + "x" * 1000}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert TYPED_HTML in html and "data-draft" in _draft_area(html, "message")


def test_a_refused_answer_to_a_request_keeps_the_moderators_message(client):
    space = make_space(kind=Space.Kind.ON_REQUEST)
    moderator = make_member(space, moderator=True)
    applicant = UserFactory()
    request = Membership.objects.create(
        user=applicant, space=space, status=Membership.Status.REQUESTED
    )
    client.force_login(moderator)
    response = client.post(
        reverse("community:membership_decide", args=[space.slug, request.pk]),
        {"decision": "approve", "message": TYPED + "x" * 1000},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert TYPED_HTML in html
    assert f'id="decision-{request.pk}-message"' in html
    request.refresh_from_db()
    assert request.status == Membership.Status.REQUESTED
