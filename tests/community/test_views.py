"""Community pages for each role: who gets the page, a 403 with a reason, or nothing (404)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import Attachment, Membership, Post, Space, Thread
from community.selectors import directory_url
from portal.notifications.models import EmailOptOut, Notification
from portal.notifications.services import unsubscribe_token
from tests.factories import UserFactory
from tests.factories.community import make_member, make_person_with, make_space, make_thread
from tests.helpers import png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance(home):
    space = make_space(
        name="Programme finance",
        slug="programme-finance",
        kind=Space.Kind.CLOSED,
        eligibility=Space.Eligibility.FUNCTIONS,
        eligible_functions=["finance_officer"],
        excluded_functions=["controller", "auditor"],
    )
    officer = make_member(space, make_person_with("finance_officer"), moderator=True)
    thread = make_thread(space, officer, title="Exchange rates for reports")
    return space, officer, thread


def _pages(space, thread):
    post = thread.posts.get(number=1)
    return [
        reverse("community:space", args=[space.slug]),
        reverse("community:thread", args=[thread.pk]),
        reverse("community:thread_unread", args=[thread.pk]),
        reverse("community:reply", args=[thread.pk]),
        reverse("community:post_flag", args=[post.pk]),
        reverse("community:post_edit", args=[post.pk]),
        reverse("community:post_history", args=[post.pk]),
        reverse("community:members", args=[space.slug]),
        reverse("community:moderation", args=[space.slug]),
        reverse("community:log", args=[space.slug]),
        reverse("community:thread_move", args=[thread.pk]),
        reverse("community:thread_merge", args=[thread.pk]),
        reverse("community:thread_create", args=[space.slug]),
        reverse("community:mentions", args=[space.slug]) + "?q=a",
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, finance):
    space, _officer, thread = finance
    for url in _pages(space, thread):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize(
    "make_person",
    [
        lambda: make_person_with("controller"),
        lambda: make_person_with("auditor"),
        lambda: make_person_with("joint_secretariat"),
        lambda: UserFactory(),
        lambda: UserFactory(verified=False),
    ],
    ids=["controller", "auditor", "secretariat", "no affiliation", "unverified"],
)
def test_people_the_finance_space_is_not_for_find_nothing_anywhere(client, finance, make_person):
    space, _officer, thread = finance
    person = make_person()
    client.force_login(person)
    for url in _pages(space, thread):
        assert client.get(url).status_code == 404, url
    post = thread.posts.get()
    for name, args in [("join", [space.slug]), ("leave", [space.slug])]:
        assert client.post(reverse(f"community:{name}", args=args)).status_code == 404
    for name in ("post_like", "post_accept", "post_moderate", "post_delete"):
        assert client.post(reverse(f"community:{name}", args=[post.pk])).status_code == 404
    directory = client.get(space_directory_url())
    assert b"Programme finance" not in directory.content
    search = client.get(reverse("community:search"), {"q": "exchange"})
    assert b"Exchange rates" not in search.content


def space_directory_url():
    return directory_url()


def test_an_eligible_non_member_sees_the_closed_space_but_not_its_threads(client, finance):
    space, _officer, thread = finance
    client.force_login(make_person_with("finance_officer"))
    response = client.get(reverse("community:space", args=[space.slug]))
    assert response.status_code == 200
    assert b"Exchange rates" not in response.content
    assert "its moderators invite" in response.content.decode()
    assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 403
    assert b"Programme finance" in client.get(space_directory_url()).content


def test_members_read_and_reply_but_do_not_moderate(client, finance):
    space, _officer, thread = finance
    member = make_member(space, make_person_with("finance_officer"))
    client.force_login(member)
    response = client.get(reverse("community:thread", args=[thread.pk]))
    assert response.status_code == 200 and b"Exchange rates" in response.content
    response = client.post(reverse("community:reply", args=[thread.pk]), {"source": "We use ECB."})
    assert response.status_code == 302
    assert thread.posts.filter(author=member, source="We use ECB.").exists()
    for name in ("members", "moderation", "log"):
        assert client.get(reverse(f"community:{name}", args=[space.slug])).status_code == 403
    post = thread.posts.get(number=1)
    assert client.get(reverse("community:post_history", args=[post.pk])).status_code == 403
    assert client.get(reverse("community:post_edit", args=[post.pk])).status_code == 403
    response = client.post(reverse("community:post_moderate", args=[post.pk]), {"action": "hide"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert not post.is_hidden


def test_moderators_and_site_staff_moderate(client, finance, superuser):
    space, officer, thread = finance
    for person in (officer, superuser):
        client.force_login(person)
        for name in ("members", "moderation", "log"):
            assert client.get(reverse(f"community:{name}", args=[space.slug])).status_code == 200
    post = thread.posts.get(number=1)
    client.force_login(officer)
    client.post(
        reverse("community:post_moderate", args=[post.pk]), {"action": "hide", "reason": "x"}
    )
    post.refresh_from_db()
    assert post.is_hidden


def test_a_reply_with_errors_keeps_the_text_and_says_what_is_wrong(client, home):
    space = make_space()
    member = make_member(space)
    thread = make_thread(space, member)
    client.force_login(member)
    bad = SimpleUploadedFile("notes.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("community:reply", args=[thread.pk]),
        {"source": "My long and careful answer", "attachments": [bad]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "My long and careful answer" in page
    assert "does not match its “.pdf” extension" in page
    assert thread.posts.count() == 1


def test_thread_form_errors_are_next_to_their_fields(client, home):
    space = make_space()
    client.force_login(make_member(space))
    response = client.post(
        reverse("community:thread_create", args=[space.slug]),
        {"title": "Hi", "kind": "question", "source": "   ", "tags": "a, b, c, d, e, f"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["title"] and form.errors["source"] and form.errors["tags"]
    assert not Thread.objects.exists()


def test_attachments_are_served_only_to_readers(client, home):
    space = make_space(kind=Space.Kind.ON_REQUEST)
    member = make_member(space)
    client.force_login(member)
    response = client.post(
        reverse("community:thread_create", args=[space.slug]),
        {
            "title": "Our logo files",
            "kind": "discussion",
            "source": "See the picture.",
            "attachments": [png_upload("logo.png")],
        },
    )
    assert response.status_code == 302
    item = Attachment.objects.get()
    assert item.is_image and item.width == 64
    url = reverse("community:attachment", args=[item.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]
    assert client.get(item.file.url).url == url  # the storage's address leads to the check
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    Post.objects.update(is_hidden=True)
    client.force_login(make_member(space))
    assert client.get(url).status_code == 404


def test_joining_and_requesting_from_the_space_page(client, home):
    open_space = make_space(kind=Space.Kind.OPEN)
    asked = make_space(kind=Space.Kind.ON_REQUEST)
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("community:join", args=[open_space.slug]))
    client.post(reverse("community:join", args=[asked.slug]), {"message": "Hello"})
    statuses = dict(Membership.objects.filter(user=person).values_list("space", "status"))
    assert statuses == {open_space.pk: "active", asked.pk: "requested"}


def test_notification_centre_shows_only_ones_own_visible_notifications(client, home):
    space = make_space(kind=Space.Kind.ON_REQUEST)
    author = make_member(space)
    reader = make_member(space)
    thread = make_thread(space, author, title="Budget transfers")
    services.post_create(
        user=author, thread=thread, source=f"@[{reader.display_name}]({reader.profile.public_id})"
    )
    client.force_login(reader)
    page = client.get(reverse("notifications:centre")).content.decode()
    assert "Budget transfers" in page and '1<span class="visually-hidden"> unread' in page
    notification = Notification.objects.get(recipient=reader)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None
    Membership.objects.filter(user=reader).delete()
    assert "Budget transfers" not in client.get(reverse("notifications:centre")).content.decode()
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
    client.force_login(author)
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404


def test_one_click_unsubscribe_needs_no_session_and_a_genuine_link(client, home):
    person = UserFactory()
    url = reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(user=person, kind="watched")]
    )
    assert "Unsubscribe" in client.get(url).content.decode()
    assert not EmailOptOut.objects.exists()  # a GET (a mail scanner) changes nothing
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert EmailOptOut.objects.filter(user=person, kind="watched").exists()
    forged = reverse("notifications:unsubscribe", args=["x" + url.split("/")[-2]])
    assert client.post(forged).status_code == 404


def test_preferences_choose_frequency_and_kinds(client, home):
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        reverse("notifications:preferences"),
        {"email_frequency": "weekly", "kinds": ["mention", "reply"]},
    )
    assert response.status_code == 302
    assert person.profile.email_frequency == "weekly"
    # Every kind offered and not chosen is opted out of, saved-search alerts included.
    assert set(EmailOptOut.objects.values_list("kind", flat=True)) == {
        "watched",
        "membership",
        "moderation",
        "alerts",
    }


def test_accessibility_feedback_is_offered_only_to_those_who_may_read_it(client, home):
    member, editor = UserFactory(), UserFactory()
    editor.user_permissions.add(
        Permission.objects.get(
            codename="view_accessibilityfeedback", content_type__app_label="home"
        )
    )
    url = reverse("notifications:preferences")
    client.force_login(member)
    assert 'value="accessibility"' not in client.get(url).content.decode()
    client.force_login(editor)
    assert 'value="accessibility"' in client.get(url).content.decode()
    client.post(url, {"email_frequency": "immediately", "kinds": ["mention"]})
    assert EmailOptOut.objects.filter(user=editor, kind="accessibility").exists()


def test_search_filters_by_space_tag_author_and_date(client, home):
    budget = make_space(name="Budget", slug="budget")
    comms = make_space(name="Comms", slug="comms")
    ana = make_member(budget, first_name="Ana", last_name="Lopes")
    make_member(comms, ana)
    ben = make_member(budget, first_name="Ben", last_name="Ott")
    make_thread(
        budget,
        ana,
        title="Audit trail for lump sums",
        tags=["audit"],
        source="The audit trail needs invoices.",
    )
    old = make_thread(budget, ben, title="Older audit question", source="An audit long ago.")
    Post.objects.filter(thread=old).update(created_at=timezone.now() - timedelta(days=40))
    make_thread(comms, ana, title="Audit of our visibility", source="Audit the posters.")
    client.force_login(ana)

    def titles(**query):
        response = client.get(reverse("community:search"), {"q": "audit", **query})
        assert response.status_code == 200
        return sorted(hit["post"].thread.title for hit in response.context["results"])

    assert titles() == [
        "Audit of our visibility",
        "Audit trail for lump sums",
        "Older audit question",
    ]
    assert titles(space="comms") == ["Audit of our visibility"]
    assert titles(tag="audit") == ["Audit trail for lump sums"]
    assert titles(author="Ott") == ["Older audit question"]
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert "Older audit question" not in titles(since=since)
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert titles(until=until) == ["Older audit question"]
    response = client.get(
        reverse("community:search"), {"q": "audit", "since": "2026-02-01", "until": "2026-01-01"}
    )
    assert "The end date must not be before the start date." in response.content.decode()
    page = client.get(reverse("community:search"), {"q": "lump"}).content.decode()
    assert "<mark>lump</mark>" in page


def test_the_first_post_edits_the_thread_title_type_and_tags(client, home):
    space = make_space()
    author = make_member(space)
    thread = make_thread(space, author, title="Draft title here", kind="question", tags=["old"])
    answer = services.post_create(user=make_member(space), thread=thread, source="An answer")
    services.answer_accept(user=author, post=answer)
    first = thread.posts.get(number=1)
    client.force_login(author)
    page = client.get(reverse("community:post_edit", args=[first.pk])).content.decode()
    assert 'value="Draft title here"' in page
    response = client.post(
        reverse("community:post_edit", args=[first.pk]),
        {
            "title": "Lump sums for travel costs",
            "kind": "discussion",
            "tags": "travel, sco",
            "source": "Updated question",
        },
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.title == "Lump sums for travel costs" and thread.kind == "discussion"
    assert thread.accepted_post is None
    assert sorted(thread.tags.names()) == ["sco", "travel"]
    results = client.get(reverse("community:search"), {"q": "lump"}).context["results"]
    assert [hit["post"].thread_id for hit in results] == [thread.pk, thread.pk]
    reply = thread.posts.get(number=2)
    client.force_login(reply.author)
    page = client.get(reverse("community:post_edit", args=[reply.pk])).content.decode()
    assert 'name="title"' not in page


def test_overlong_messages_are_refused_with_a_reason_and_nothing_is_decided(client, home):
    space = make_space(kind=Space.Kind.ON_REQUEST)
    moderator = make_member(space, moderator=True)
    person = UserFactory()
    client.force_login(person)
    long_text = "I coordinate the call. " * 60
    response = client.post(reverse("community:join", args=[space.slug]), {"message": long_text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "I coordinate the call." in page and "at most 1000 characters" in page
    assert not Membership.objects.filter(user=person).exists()
    membership = services.space_join(user=person, space=space)
    client.force_login(moderator)
    client.post(
        reverse("community:membership_decide", args=[space.slug, membership.pk]),
        {"decision": "approve", "message": long_text},
    )
    membership.refresh_from_db()
    assert membership.status == "requested"
    thread = make_thread(space, moderator)
    post = thread.posts.get()
    response = client.post(
        reverse("community:post_moderate", args=[post.pk]),
        {"action": "hide", "reason": "x" * 301},
        follow=True,
    )
    assert "at most 300 characters" in response.content.decode()
    post.refresh_from_db()
    assert not post.is_hidden
