"""Query budgets: the directory, a space's thread list and a long thread do not grow in
queries with the number of spaces, threads, posts or members."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from community import services
from community.models import Post, Reaction, Thread, ThreadRead
from community.selectors import directory_url
from community.versions import community_changed
from tests.factories import UserFactory
from tests.factories.community import (
    grow_top_level_spaces,
    make_member,
    make_space,
    make_thread,
)
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, count_queries, query_log

pytestmark = pytest.mark.django_db


def test_the_directory_keeps_its_queries_at_10_and_1000_spaces(client, home):
    viewer = UserFactory()
    people = [UserFactory() for _ in range(3)]

    def seed(total):
        grow_top_level_spaces(total, people, first_person_moderates=True)

    client.force_login(viewer)
    url = directory_url()
    client.get(url)  # warm up: session, site, settings
    seed(10)
    small, response = count_queries(client.get, url)
    assert response.status_code == 200 and len(response.context["entries"]) == 10
    seed(1000)
    large, response = count_queries(client.get, url)
    assert response.status_code == 200 and len(response.context["entries"]) == 1000
    assert small == large


def _bulk_threads(space, author, total):
    now = timezone.now()
    existing = Thread.objects.filter(space=space).count()
    threads = Thread.objects.bulk_create(
        Thread(
            space=space,
            title=f"Thread {number}",
            author=author,
            last_posted_at=now,
            last_number=1,
            kind=("discussion", "question")[number % 2],
        )
        for number in range(existing, total)
    )
    Post.objects.bulk_create(
        Post(
            thread=thread,
            space=space,
            number=1,
            author=author,
            source="Hi",
            body="<p>Hi</p>",
            text="Hi",
        )
        for thread in threads
    )
    for thread in threads:
        thread.tags.add("reporting", "audit")
    ThreadRead.objects.bulk_create(
        ThreadRead(thread=thread, user=author, last_read_number=1) for thread in threads[::2]
    )


@pytest.mark.parametrize("sort", ["latest", "new", "unanswered"])
def test_the_thread_list_keeps_its_queries_at_10_and_1000_threads(client, home, sort):
    space = make_space()
    member = make_member(space)
    client.force_login(member)
    url = reverse("community:space", args=[space.slug])
    client.get(url)
    _bulk_threads(space, member, 10)
    small, response = count_queries(client.get, url, {"sort": sort})
    assert response.status_code == 200 and len(response.context["page_obj"].object_list) == 10
    _bulk_threads(space, member, 1000)
    large, response = count_queries(client.get, url, {"sort": sort, "page": 3})
    assert response.status_code == 200 and len(response.context["page_obj"].object_list) == 25
    assert small == large
    assert large <= PERSONAL_PAGE_QUERY_BUDGET, large


def _bulk_replies(thread, people, total):
    start = thread.posts.count()
    first = thread.posts.values_list("pk", flat=True).first()
    Post.objects.bulk_create(
        Post(
            thread=thread,
            space=thread.space,
            number=number,
            author=people[number % len(people)],
            source=f"Reply {number}",
            body=f"<p>Reply {number}</p>",
            text=f"Reply {number}",
            quoted_post_id=first if number % 7 == 0 else None,
        )
        for number in range(start + 1, total + 2)
    )
    posts = list(thread.posts.all())
    Reaction.objects.bulk_create(
        (Reaction(post=post, user=person) for post in posts[::3] for person in people),
        ignore_conflicts=True,
    )
    Thread.objects.filter(pk=thread.pk).update(last_number=total + 1, reply_count=total)
    community_changed()  # written in bulk: no signal drops the pages kept for readers


def test_a_thread_with_500_replies_pages_in_constant_queries(client, home):
    space = make_space()
    people = [make_member(space) for _ in range(4)]
    reader = make_member(space, moderator=True)
    thread = make_thread(space, people[0], kind="question")
    client.force_login(reader)
    url = reverse("community:thread", args=[thread.pk])
    client.get(url)
    _bulk_replies(thread, people, 10)
    thread.refresh_from_db()
    answer = thread.posts.get(number=5)
    Thread.objects.filter(pk=thread.pk).update(accepted_post=answer)
    community_changed()
    small, response = count_queries(client.get, url)
    assert response.status_code == 200 and len(response.context["posts"]) == 11
    _bulk_replies(thread, people, 500)
    first, response = count_queries(client.get, url)
    assert len(response.context["posts"]) == 20 and response.context["accepted"] == answer
    last, response = count_queries(client.get, url, {"page": 26})
    assert [post.number for post in response.context["posts"]] == [501]
    assert small == first
    assert last <= first  # the last page has no accepted answer to show above it
    assert first <= PERSONAL_PAGE_QUERY_BUDGET, first


def test_a_thread_read_again_writes_nothing_and_new_replies_are_remembered(client, home):
    space = make_space()
    author, reader = make_member(space), make_member(space)
    thread = make_thread(space, author)
    url = reverse("community:thread", args=[thread.pk])
    client.force_login(reader)
    client.get(url)
    assert ThreadRead.objects.get(thread=thread, user=reader).last_read_number == 1
    log = query_log(client.get, url)
    assert not [sql for sql in log if "community_threadread" in sql and "UPDATE" in sql]
    _bulk_replies(thread, [author], 3)
    client.get(url)
    assert ThreadRead.objects.get(thread=thread, user=reader).last_read_number == 4


def test_jump_to_first_unread_lands_on_the_right_page(client, home):
    space = make_space()
    author = make_member(space)
    reader = make_member(space)
    thread = make_thread(space, author)
    _bulk_replies(thread, [author], 60)
    ThreadRead.objects.create(thread=thread, user=reader, last_read_number=45)
    client.force_login(reader)
    response = client.get(reverse("community:thread_unread", args=[thread.pk]))
    assert response["Location"] == f"/community/threads/{thread.pk}/?page=3#post-46"
    page = client.get(response["Location"])
    assert b'id="first-unread"' in page.content
    assert ThreadRead.objects.get(thread=thread, user=reader).last_read_number == 60


def _bulk_posts(space, author, total, *, text="Our audits of lump sums found the invoices."):
    """`total` more posts mentioning `text` in one thread of `space`, indexed for search as
    the task worker would index them."""
    thread = make_thread(space, author, title="Sampling for checks", source="First words.")
    start = thread.posts.count()
    posts = Post.objects.bulk_create(
        Post(
            thread=thread,
            space=space,
            number=number,
            author=author,
            source=text,
            body=f"<p>{text}</p>",
            text=text,
        )
        for number in range(start + 1, start + total + 1)
    )
    get_search_backend().add_bulk(Post, posts)
    community_changed()  # as the worker's indexing would
    return posts


def test_search_keeps_its_queries_and_counts_right_at_10_and_1000_results(client, home):
    space = make_space()
    closed = make_space(kind="closed", slug="finance-closed", name="Finance")
    member = make_member(space)
    outsider = make_member(closed)
    client.force_login(member)
    url = reverse("community:search")
    client.get(url, {"q": "audits"})  # warm up: session, site, access
    posts = _bulk_posts(space, member, 10)
    _bulk_posts(closed, outsider, 30)  # a space the member may not read: never counted
    Post.objects.filter(pk=posts[0].pk).update(is_hidden=True)  # hidden: never found
    small, response = count_queries(client.get, url, {"q": "audits"})
    results = response.context["results"]
    assert results.paginator.count == 9 and len(results.object_list) == 9
    assert "9 results" in response.content.decode()
    _bulk_posts(space, member, 1000)
    large, response = count_queries(client.get, url, {"q": "audits"})
    results = response.context["results"]
    assert results.paginator.count == 1009 and len(results.object_list) == 20
    assert re.search(r"1[,.\u202f]?009 results", response.content.decode())
    third, response = count_queries(client.get, url, {"q": "audits", "page": 3})
    assert response.context["results"].number == 3
    assert len(response.context["results"].object_list) == 20
    none = client.get(url, {"q": "quokka"})
    assert none.context["results"].paginator.count == 0
    assert small == large == third
    assert large <= PERSONAL_PAGE_QUERY_BUDGET, large
    results = client.get(url, {"q": "audits", "page": 99}).context["results"]
    assert results.number == 51 and len(results.object_list) == 9  # past the end: the last
    assert {hit["post"].space_id for hit in results.object_list} == {space.pk}


def test_a_thread_of_420_posts_pages_without_javascript_and_links_land_on_their_page(client, home):
    space = make_space()
    author, reader = make_member(space), make_member(space)
    thread = make_thread(space, author)
    _bulk_replies(thread, [author], 419)
    client.force_login(reader)
    url = reverse("community:thread", args=[thread.pk])
    first = client.get(url).content.decode()
    assert 'id="post-1"' in first and 'id="post-20"' in first and 'id="post-21"' not in first
    # Plain links between pages, the current one marked for assistive technology.
    assert 'href="?page=2" rel="next"' in first
    assert '<span aria-current="page">1</span>' in first
    assert 'href="?page=21"' in first
    last = client.get(url, {"page": 21}).content.decode()
    assert 'id="post-401"' in last and 'id="post-420"' in last and 'rel="next"' not in last
    assert 'href="?page=20"' in last and 'rel="prev"' in last
    post = thread.posts.get(number=250)
    assert post.get_absolute_url() == f"{url}?page=13#post-250"
    landed = client.get(post.get_absolute_url()).content.decode()
    assert 'id="post-250"' in landed and 'id="post-241"' in landed and 'id="post-261"' not in landed
    # A page past the end shows the last one rather than nothing.
    beyond = client.get(url, {"page": 99})
    assert [p.number for p in beyond.context["posts"]][-1] == 420


def test_thread_rows_show_tags_answers_and_each_readers_own_unread_marks(client, home):
    space = make_space()
    author, reader = make_member(space), make_member(space)
    question = make_thread(
        space, author, kind="question", title="Which rate?", tags=["fx", "audit"]
    )
    answer = services.post_create(user=make_member(space), thread=question, source="The ECB rate.")
    services.answer_accept(user=author, post=answer)
    url = reverse("community:space", args=[space.slug])
    ana, ben = Client(), Client()
    ana.force_login(author)
    ben.force_login(reader)
    ana.get(reverse("community:thread", args=[question.pk]))  # the author reads it all

    def row(client):
        page = client.get(url).content.decode()
        return page[
            page.index('<li class="thread-row') : page.index("</li>", page.index("thread-row"))
        ]

    mine, theirs = row(ana), row(ben)
    for shown in (mine, theirs):
        assert "Answered" in shown
        tags = re.findall(r'<span class="format-tag">([^<]+)</span>', shown)
        assert tags == ["audit", "fx"]
    assert "thread-row--unread" not in mine
    assert "thread-row--unread" in theirs  # the reader has not opened the thread
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "Which rate?" not in anonymous.content.decode()
    ben.get(reverse("community:thread", args=[question.pk]))
    assert "thread-row--unread" not in row(ben) and "thread-row--unread" not in row(ana)
