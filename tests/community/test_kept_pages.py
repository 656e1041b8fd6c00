"""A thread, a space's thread list and community search are kept for each reader alone
(portal.core.cache.kept_for_person, community.versions): two members and a visitor interleaved
each get their own, and each change these pages show (a reply, a like, a hidden post, a read
mark, a notification setting, a membership, a post reaching the search index) shows on the
next request."""

import re

import pytest
from django.urls import reverse
from modelsearch.tasks import insert_or_update_object_task

from community import services
from community.models import Post, Space
from tests.factories.community import make_member, make_space, make_thread
from tests.helpers import count_queries, signed_in_client

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _thread_url(thread) -> str:
    return reverse("community:thread", args=[thread.pk])


def _get(client, url, data=None):
    response = client.get(url, data)
    assert response.status_code == 200, response.status_code
    return response


def _settled(client, url, data=None):
    """The page once its copy is kept: the first visit of a thread marks it read, which the
    next visit renders again."""
    for _visit in range(3):
        response = _get(client, url, data)
        if response.get("X-Page-Cache") == "hit":
            return response
    raise AssertionError("the page was never served from its copy")


@pytest.fixture
def discussion(home):
    space = make_space(name="Programme management", slug="programme-management")
    author, reader = make_member(space), make_member(space)
    moderator = make_member(space, moderator=True)
    thread = make_thread(space, author, title="Simplified cost options")
    return space, thread, author, reader, moderator


def test_two_members_and_a_visitor_interleaved_each_get_their_own(client, discussion):
    space, thread, author, reader, _moderator = discussion
    first = thread.posts.get(number=1)
    edit = reverse("community:post_edit", args=[first.pk])
    flag = reverse("community:post_flag", args=[first.pk])
    clients = {person: signed_in_client(person) for person in (author, reader)}
    for url in (_thread_url(thread), reverse("community:space", args=[space.slug])):
        for _round in range(3):
            for person, person_client in clients.items():
                page = _get(person_client, url).content.decode()
                assert person.display_name in page  # their own account menu
                assert not re.search(r"piece-[0-9a-f]{32}-", page)
                if url == _thread_url(thread):
                    assert (edit in page) == (person == author)
                    assert (flag in page) == (person == reader)
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        for person_client in clients.values():
            assert _settled(person_client, url)["X-Page-Cache"] == "hit"
    queries, response = count_queries(clients[reader].get, _thread_url(thread))
    assert response["X-Page-Cache"] == "hit" and queries <= 1, queries


def test_a_closed_space_stays_closed_whoever_holds_a_copy(discussion):
    closed = make_space(kind=Space.Kind.CLOSED, slug="closed-space")
    member = make_member(closed)
    thread = make_thread(closed, member, title="Only for members")
    member_client = signed_in_client(member)
    _settled(member_client, _thread_url(thread))
    _settled(member_client, reverse("community:space", args=[closed.slug]))
    _space, _thread, _author, reader, _moderator = discussion
    outsider = signed_in_client(reader)
    assert outsider.get(_thread_url(thread)).status_code == 403
    page = _get(outsider, reverse("community:space", args=[closed.slug])).content.decode()
    assert "Only for members" not in page
    # Joined, they read it on their next request.
    make_member(closed, reader)
    listing = _get(outsider, reverse("community:space", args=[closed.slug]))
    assert "Only for members" in listing.content.decode()
    assert _get(outsider, _thread_url(thread)).status_code == 200


def test_a_reply_a_like_and_a_hidden_post_show_on_the_next_request(discussion):
    _space, thread, author, reader, moderator = discussion
    url = _thread_url(thread)
    author_client, reader_client = signed_in_client(author), signed_in_client(reader)
    _settled(author_client, url)
    _settled(reader_client, url)
    response = reader_client.post(reverse("community:reply", args=[thread.pk]), {"source": "Yes."})
    assert response.status_code == 302
    reply = thread.posts.get(number=2)
    assert f'id="post-{reply.number}"' in _get(author_client, url).content.decode()
    like = reverse("community:post_like", args=[reply.pk])
    assert author_client.post(like).status_code == 302
    page = _get(reader_client, url).content.decode()
    assert re.search(r'<span class="post__likes">1</span>', page)
    assert 'aria-pressed="true"' not in page  # the like is the author's, not the reader's
    assert 'aria-pressed="true"' in _get(author_client, url).content.decode()
    hide = reverse("community:post_moderate", args=[reply.pk])
    moderator_client = signed_in_client(moderator)
    assert moderator_client.post(hide, {"action": "hide", "reason": "Off topic"}).status_code == 302
    assert "This post was hidden by a moderator." in _get(author_client, url).content.decode()
    assert "Hidden from members." in _get(moderator_client, url).content.decode()


def test_read_marks_show_on_the_thread_and_in_the_space_list(discussion):
    space, thread, author, reader, _moderator = discussion
    url, listing = _thread_url(thread), reverse("community:space", args=[space.slug])
    reader_client = signed_in_client(reader)
    assert "thread-row--unread" in _get(reader_client, listing).content.decode()
    _settled(reader_client, url)
    assert "thread-row--unread" not in _settled(reader_client, listing).content.decode()
    services.post_create(user=author, thread=thread, source="Another point.")
    assert "thread-row--unread" in _get(reader_client, listing).content.decode()
    page = _get(reader_client, url).content.decode()
    assert "New since your last visit" in page
    # Read now: the divider is gone on the next visit, and the row is read again.
    assert "New since your last visit" not in _settled(reader_client, url).content.decode()
    assert "thread-row--unread" not in _get(reader_client, listing).content.decode()


def test_a_notification_setting_shows_on_the_next_request(discussion):
    space, thread, _author, reader, _moderator = discussion
    reader_client = signed_in_client(reader)
    selected = re.compile(r'<option value="watching"\s+selected>')
    for url, setting in (
        (_thread_url(thread), reverse("community:thread_subscription", args=[thread.pk])),
        (
            reverse("community:space", args=[space.slug]),
            reverse("community:space_subscription", args=[space.slug]),
        ),
    ):
        assert not selected.search(_settled(reader_client, url).content.decode())
        assert reader_client.post(setting, {"level": "watching"}).status_code == 302
        _get(reader_client, url)  # with the "saved" message, never kept
        reader_client.cookies.pop("messages", None)  # emptied; a browser drops it
        assert selected.search(_settled(reader_client, url).content.decode())


def test_search_shows_a_post_once_the_worker_has_indexed_it(discussion):
    _space, thread, author, reader, _moderator = discussion
    url, query = reverse("community:search"), {"q": "lump sums"}
    reader_client = signed_in_client(reader)
    assert "0 results" in _settled(reader_client, url, query).content.decode()
    # Written without a signal, as the bulk paths do; then indexed by the task worker.
    post = Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                space=thread.space,
                number=2,
                author=author,
                source="Lump sums for travel.",
                body="<p>Lump sums for travel.</p>",
                text="Lump sums for travel.",
            )
        ]
    )[0]
    assert _get(reader_client, url, query)["X-Page-Cache"] == "hit"
    insert_or_update_object_task.enqueue("community", "post", str(post.pk))
    response = _get(reader_client, url, query)
    assert response["X-Page-Cache"] == "miss"
    assert f"#post-{post.number}" in response.content.decode()


def test_two_tabs_of_a_kept_thread_send_two_replies(discussion):
    _space, thread, _author, reader, _moderator = discussion
    reader_client = signed_in_client(reader)
    url = _thread_url(thread)
    first = _settled(reader_client, url).content.decode()
    second = _get(reader_client, url)
    assert second["X-Page-Cache"] == "hit"
    tokens = [TOKEN.search(page).group(1) for page in (first, second.content.decode())]
    csrf = [CSRF.search(page).group(1) for page in (first, second.content.decode())]
    assert len(set(tokens)) == 2 and len(set(csrf)) == 2
    reply = reverse("community:reply", args=[thread.pk])
    for number, token in enumerate(tokens):
        data = {"source": f"From tab {number}.", "submission_token": token}
        assert reader_client.post(reply, data).status_code == 302
    assert sorted(thread.posts.filter(author=reader).values_list("source", flat=True)) == [
        "From tab 0.",
        "From tab 1.",
    ]


def test_a_reply_with_errors_is_never_answered_from_a_copy(discussion):
    _space, thread, _author, reader, _moderator = discussion
    reader_client = signed_in_client(reader)
    url = _thread_url(thread)
    _settled(reader_client, url)
    reply = reverse("community:reply", args=[thread.pk])
    for _round in range(2):
        response = reader_client.post(reply, {"source": ""})
        assert response.status_code == 200 and response.get("X-Page-Cache") != "hit"
        assert 'aria-invalid="true"' in response.content.decode()
    assert 'aria-invalid="true"' not in _get(reader_client, url).content.decode()
    assert thread.posts.count() == 1
