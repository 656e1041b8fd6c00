"""The community's business rules: membership, posting, notifications and moderation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community import access, selectors, services
from community.models import (
    Flag,
    Membership,
    ModerationAction,
    Post,
    Reaction,
    Space,
    Subscription,
    Thread,
    ThreadRead,
)
from portal.accounts.gdpr import export_user_data
from portal.accounts.models import Profile
from portal.notifications import services as notifications
from portal.notifications.models import EmailOptOut, Notification
from tests.factories import UserFactory
from tests.factories.community import make_member, make_person_with, make_space, make_thread

pytestmark = pytest.mark.django_db


def _mention(user) -> str:
    return f"@[{user.display_name}]({user.profile.public_id})"


def _notified(user, kind=None):
    found = Notification.objects.filter(recipient=user)
    return found.filter(kind=kind) if kind else found


# Membership ---------------------------------------------------------------------------------


def test_joining_an_open_space_makes_a_member_at_once():
    space = make_space(kind=Space.Kind.OPEN)
    person = UserFactory()
    membership = services.space_join(user=person, space=space)
    assert membership.status == Membership.Status.ACTIVE
    assert Profile.objects.filter(user=person).exists()
    with pytest.raises(ValidationError) as error:
        services.space_join(user=person, space=space)
    assert error.value.messages == [str(services.ALREADY_MEMBER)]


def test_an_on_request_space_waits_for_a_moderator_who_is_told():
    space = make_space(kind=Space.Kind.ON_REQUEST)
    moderator = make_member(space, moderator=True)
    person = UserFactory(first_name="Ines", last_name="Duarte")
    membership = services.space_join(user=person, space=space, message="I work on the MED call.")
    assert membership.status == Membership.Status.REQUESTED
    assert membership.request_message == "I work on the MED call."
    assert _notified(moderator, Notification.Kind.MEMBERSHIP).get().title.startswith("Ines Duarte")
    assert not access.for_user(person).is_readable(space.pk)
    services.request_decide(
        moderator=moderator, membership=membership, approve=True, message="Welcome!"
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert "Welcome!" in _notified(person, Notification.Kind.MEMBERSHIP).get().title
    assert ModerationAction.objects.filter(action="approve", member=person).exists()


def test_a_declined_request_is_removed_and_the_person_told_why():
    space = make_space(kind=Space.Kind.ON_REQUEST)
    moderator = make_member(space, moderator=True)
    person = UserFactory()
    membership = services.space_join(user=person, space=space)
    services.request_decide(
        moderator=moderator,
        membership=membership,
        approve=False,
        message="Only for Baltic programmes.",
    )
    assert not Membership.objects.filter(user=person).exists()
    assert "Only for Baltic programmes." in _notified(person).get().title


def test_only_moderators_decide_requests():
    space = make_space(kind=Space.Kind.ON_REQUEST)
    membership = services.space_join(user=UserFactory(), space=space)
    with pytest.raises(PermissionDenied):
        services.request_decide(moderator=make_member(space), membership=membership, approve=True)


def test_closed_spaces_are_joined_by_invitation_of_eligible_people_only():
    space = make_space(
        kind=Space.Kind.CLOSED,
        eligibility=Space.Eligibility.FUNCTIONS,
        eligible_functions=["finance_officer"],
        excluded_functions=["controller"],
    )
    moderator = make_member(space, make_person_with("finance_officer"), moderator=True)
    officer = make_person_with("finance_officer")
    with pytest.raises(ValidationError) as error:
        services.space_join(user=officer, space=space)
    assert error.value.messages == [str(services.CLOSED_SPACE)]
    controller = make_person_with("controller")
    with pytest.raises(ValidationError) as error:
        services.member_invite(moderator=moderator, space=space, email=controller.email)
    assert error.value.message_dict == {"email": [str(services.NOT_ELIGIBLE_TO_INVITE)]}
    with pytest.raises(ValidationError):
        services.member_invite(moderator=moderator, space=space, email="nobody@example.org")
    services.member_invite(moderator=moderator, space=space, email=officer.email.upper())
    assert _notified(officer, Notification.Kind.MEMBERSHIP).exists()
    services.invitation_accept(user=officer, space=space)
    assert access.for_user(officer).may_post(space.pk)


def test_a_controller_cannot_even_try_to_join_the_finance_space():
    space = make_space(
        kind=Space.Kind.ON_REQUEST,
        eligibility=Space.Eligibility.FUNCTIONS,
        eligible_functions=["finance_officer"],
        excluded_functions=["controller"],
    )
    with pytest.raises(PermissionDenied):
        services.space_join(user=make_person_with("controller"), space=space)


def test_members_leave_but_the_last_moderator_must_hand_over_first():
    space = make_space()
    moderator = make_member(space, moderator=True)
    member = make_member(space)
    Subscription.objects.create(user=member, space=space, level="watching")
    services.space_leave(user=member, space=space)
    assert not Membership.objects.filter(user=member).exists()
    assert not Subscription.objects.filter(user=member).exists()
    with pytest.raises(ValidationError) as error:
        services.space_leave(user=moderator, space=space)
    assert error.value.messages == [str(services.LAST_MODERATOR)]


def test_a_banned_member_cannot_come_back_until_the_ban_is_lifted():
    space = make_space()
    moderator = make_member(space, moderator=True)
    member = make_member(space)
    membership = Membership.objects.get(user=member)
    services.member_remove(moderator=moderator, membership=membership, ban=True, note="Spam")
    access.forget(member)
    with pytest.raises(PermissionDenied):
        services.space_join(user=member, space=space)
    assert not access.for_user(member).is_readable(space.pk)
    services.member_unban(moderator=moderator, membership=Membership.objects.get(user=member))
    access.forget(member)
    assert services.space_join(user=member, space=space).status == Membership.Status.ACTIVE
    actions = list(ModerationAction.objects.values_list("action", flat=True))
    assert sorted(actions) == ["ban", "unban"]


# Threads, posts and notifications -----------------------------------------------------------


def test_only_members_start_threads_and_the_author_watches_it():
    space = make_space()
    with pytest.raises(PermissionDenied):
        services.thread_create(
            user=UserFactory(), space=space, title="Hello there", kind="discussion", source="Hi"
        )
    author = make_member(space)
    thread = services.thread_create(
        user=author,
        space=space,
        title="Hello there",
        kind="question",
        source="**Hi**",
        tags=["audit"],
    )
    first = thread.posts.get()
    assert first.number == 1 and first.body == "<p><strong>Hi</strong></p>"
    assert list(thread.tags.names()) == ["audit"]
    assert Subscription.objects.get(user=author, thread=thread).level == "watching"


def test_a_mention_notifies_a_reader_once_and_makes_them_watch():
    space = make_space()
    author = make_member(space)
    mentioned = make_member(space, first_name="Nora", last_name="Berg")
    thread = make_thread(space, author)
    post = services.post_create(
        user=author, thread=thread, source=f"Any idea, {_mention(mentioned)}?"
    )
    assert "<strong class=mention>@Nora Berg</strong>" in post.body
    assert list(post.mentions.values_list("user", flat=True)) == [mentioned.pk]
    notification = _notified(mentioned).get()
    assert notification.kind == Notification.Kind.MENTION
    assert notification.url == thread.post_url(post.number)
    assert Subscription.objects.get(user=mentioned, thread=thread).level == "watching"


def test_a_mention_of_someone_who_cannot_read_the_space_stays_text_and_tells_no_one():
    space = make_space(kind=Space.Kind.ON_REQUEST)
    author = make_member(space)
    outsider = UserFactory()
    Profile.objects.create(user=outsider)
    thread = make_thread(space, author)
    post = services.post_create(user=author, thread=thread, source=f"Hi {_mention(outsider)}")
    assert "class=mention" not in post.body
    assert not _notified(outsider).exists()


def test_watchers_hear_of_replies_muted_and_authors_do_not():
    space = make_space()
    author = make_member(space)
    watcher = make_member(space)
    muted = make_member(space)
    space_watcher = make_member(space)
    thread = make_thread(space, author)
    Subscription.objects.create(user=watcher, thread=thread, level="watching")
    Subscription.objects.create(user=muted, thread=thread, level="muted")
    Subscription.objects.create(user=muted, space=space, level="watching")
    Subscription.objects.create(user=space_watcher, space=space, level="watching")
    services.post_create(user=make_member(space), thread=thread, source="A reply")
    assert _notified(watcher, Notification.Kind.WATCHED).count() == 1
    assert _notified(space_watcher, Notification.Kind.WATCHED).count() == 1
    assert _notified(author, Notification.Kind.WATCHED).count() == 1  # watches by default
    assert not _notified(muted).exists()


def test_quoting_a_post_tells_its_author():
    space = make_space()
    author = make_member(space)
    thread = make_thread(space, author)
    Subscription.objects.filter(user=author).update(level="tracking")
    first = thread.posts.get(number=1)
    services.post_create(
        user=make_member(space), thread=thread, source="> quoted", quoted_post=first
    )
    assert _notified(author, Notification.Kind.REPLY).count() == 1


def test_locked_threads_take_replies_from_moderators_only():
    space = make_space()
    moderator = make_member(space, moderator=True)
    thread = make_thread(space)
    services.thread_toggle(moderator=moderator, thread=thread, change="lock")
    with pytest.raises(ValidationError):
        services.post_create(user=make_member(space), thread=thread, source="Too late")
    services.post_create(user=moderator, thread=thread, source="Closing note")
    assert ModerationAction.objects.filter(action="lock", thread=thread).exists()


def test_editing_keeps_the_earlier_version_and_marks_the_post():
    space = make_space()
    author = make_member(space)
    thread = make_thread(space, author, source="First words")
    post = thread.posts.get()
    services.post_edit(user=author, post=post, source="Better words")
    post.refresh_from_db()
    assert post.edited_at is not None and post.text == "Better words"
    assert post.revisions.get().source == "First words"
    with pytest.raises(PermissionDenied):
        services.post_edit(user=make_member(space), post=post, source="Not mine")


def test_deleting_is_soft_and_recounts_replies():
    space = make_space()
    author = make_member(space)
    thread = make_thread(space, author, replies=2)
    reply = thread.posts.get(number=2)
    with pytest.raises(PermissionDenied):
        services.post_delete(user=make_member(space), post=reply)
    services.post_delete(user=author, post=reply)
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert reply.is_deleted and reply.source == "Reply 1"
    assert thread.reply_count == 1


def test_likes_toggle_once_per_person():
    space = make_space()
    thread = make_thread(space)
    post = thread.posts.get()
    fan = make_member(space)
    assert services.reaction_toggle(user=fan, post=post) is True
    assert Reaction.objects.filter(post=post).count() == 1
    assert services.reaction_toggle(user=fan, post=post) is False
    assert not Reaction.objects.exists()
    with pytest.raises(PermissionDenied):
        services.reaction_toggle(user=UserFactory(), post=post)


def test_only_the_asker_or_a_moderator_accepts_an_answer_of_a_question():
    space = make_space()
    asker = make_member(space)
    thread = make_thread(space, asker, kind="question")
    answerer = make_member(space)
    answer = services.post_create(user=answerer, thread=thread, source="Use the SCO.")
    with pytest.raises(PermissionDenied):
        services.answer_accept(user=answerer, post=answer)
    with pytest.raises(ValidationError):
        services.answer_accept(user=asker, post=thread.posts.get(number=1))
    services.answer_accept(user=asker, post=answer)
    thread.refresh_from_db()
    assert thread.accepted_post == answer
    accepted = _notified(answerer, Notification.Kind.REPLY).filter(verb="answer_accepted")
    assert [item.title for item in accepted] == [f"Your answer in “{thread.title}” was accepted"]
    discussion = make_thread(space, asker)
    reply = services.post_create(user=answerer, thread=discussion, source="Reply")
    with pytest.raises(ValidationError):
        services.answer_accept(user=asker, post=reply)


def test_reading_never_goes_backwards():
    space = make_space()
    thread = make_thread(space, replies=4)
    reader = make_member(space)
    services.thread_mark_read(user=reader, thread=thread, number=4)
    services.thread_mark_read(user=reader, thread=thread, number=2)
    services.thread_mark_read(user=reader, thread=thread, number=99)
    assert ThreadRead.objects.get(user=reader).last_read_number == 5


# Moderation ---------------------------------------------------------------------------------


def test_a_flag_reaches_the_moderators_and_hiding_upholds_it():
    space = make_space()
    moderator = make_member(space, moderator=True)
    author = make_member(space)
    thread = make_thread(space, author)
    post = thread.posts.get()
    reporter = make_member(space)
    with pytest.raises(ValidationError):
        services.post_flag(user=author, post=post, reason="spam")
    services.post_flag(user=reporter, post=post, reason="spam", note="An advert")
    with pytest.raises(ValidationError):
        services.post_flag(user=reporter, post=post, reason="spam")
    assert _notified(moderator, Notification.Kind.MODERATION).count() == 1
    services.post_hide(moderator=moderator, post=post, reason="Advertising")
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Advertising"
    assert Flag.objects.get().status == Flag.Status.UPHELD
    assert _notified(author, Notification.Kind.MODERATION).get().excerpt == "Advertising"
    services.post_restore(moderator=moderator, post=post)
    post.refresh_from_db()
    assert not post.is_hidden
    assert list(ModerationAction.objects.order_by("pk").values_list("action", flat=True)) == [
        "hide",
        "restore",
    ]
    with pytest.raises(PermissionDenied):
        services.post_hide(moderator=reporter, post=post)


def test_moving_a_thread_needs_moderation_rights_on_both_sides():
    origin, target, elsewhere = make_space(), make_space(), make_space()
    moderator = make_member(origin, moderator=True)
    make_member(target, moderator, moderator=True)
    thread = make_thread(origin, replies=2)
    with pytest.raises(ValidationError):
        services.thread_move(moderator=moderator, thread=thread, to_space=elsewhere)
    services.thread_move(moderator=moderator, thread=thread, to_space=target)
    assert set(Post.objects.filter(thread=thread).values_list("space", flat=True)) == {target.pk}
    assert ModerationAction.objects.filter(action="move").count() == 2


def test_merging_appends_posts_in_order_and_leaves_a_pointer():
    space = make_space()
    moderator = make_member(space, moderator=True)
    keep = make_thread(space, replies=1, title="Kept thread")
    merged = make_thread(space, replies=2, title="Duplicate thread")
    services.thread_merge(moderator=moderator, thread=merged, into=keep)
    keep.refresh_from_db()
    merged.refresh_from_db()
    numbers = list(keep.posts.values_list("number", "text"))
    assert numbers == [
        (1, "What do you think?"),
        (2, "Reply 1"),
        (3, "What do you think?"),
        (4, "Reply 1"),
        (5, "Reply 2"),
    ]
    assert keep.last_number == 5 and keep.reply_count == 4
    assert merged.merged_into == keep and merged.is_locked
    with pytest.raises(ValidationError):
        services.thread_merge(moderator=moderator, thread=keep, into=keep)


# Notifications and digests ------------------------------------------------------------------


def _profile(user, frequency):
    Profile.objects.update_or_create(user=user, defaults={"email_frequency": frequency})


def test_immediate_e_mails_carry_a_one_click_unsubscribe(outbox, committed):
    space = make_space()
    author = make_member(space)
    reader = make_member(space)
    _profile(reader, Profile.EmailFrequency.IMMEDIATELY)
    thread = make_thread(space, author)
    committed(services.post_create, user=author, thread=thread, source=f"Hi {_mention(reader)}")
    [message] = [message for message in outbox if reader.email in message.to]
    assert "mentioned you" in message.subject
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert notifications.unsubscribe_target(token) == (reader.pk, "mention")
    assert notifications.unsubscribe_target(token + "x") is None


def test_opted_out_kinds_and_never_send_no_e_mail(outbox, committed):
    space = make_space()
    author = make_member(space)
    reader = make_member(space)
    silent = make_member(space)
    _profile(reader, Profile.EmailFrequency.IMMEDIATELY)
    _profile(silent, Profile.EmailFrequency.NEVER)
    EmailOptOut.objects.create(user=reader, kind="mention")
    thread = make_thread(space, author)
    committed(
        services.post_create,
        user=author,
        thread=thread,
        source=f"{_mention(reader)} {_mention(silent)}",
    )
    assert not [message for message in outbox if message.to != [author.email]]
    assert _notified(reader).count() == 1 and _notified(silent).count() == 1


def test_the_daily_digest_holds_only_what_each_reader_may_still_see(outbox, committed):
    open_space = make_space()
    closed = make_space(kind=Space.Kind.ON_REQUEST)
    author = make_member(open_space)
    make_member(closed, author)
    reader = make_member(open_space)
    make_member(closed, reader)
    _profile(reader, Profile.EmailFrequency.DAILY)
    open_thread = make_thread(open_space, author, title="Open discussion")
    closed_thread = make_thread(closed, author, title="Members-only discussion")
    services.post_create(user=author, thread=open_thread, source=f"Hi {_mention(reader)}")
    services.post_create(user=author, thread=closed_thread, source=f"Hi {_mention(reader)}")
    assert Notification.objects.filter(recipient=reader, email_pending=True).count() == 2
    Membership.objects.filter(user=reader, space=closed).delete()  # removed from the space
    digests = notifications.digests_build(frequency="daily")
    assert [(user, [item.title for item in items]) for user, items in digests] == [
        (reader, [f"{author.display_name} mentioned you in “Open discussion”"])
    ]
    assert committed(notifications.digests_send, frequency="daily") == 1
    [message] = outbox
    assert "Open discussion" in message.body and "Members-only" not in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert not Notification.objects.filter(recipient=reader, email_pending=True).exists()
    assert notifications.digests_send(frequency="daily") == 0


def test_the_notification_centre_count_hides_spaces_no_longer_visible():
    space = make_space(kind=Space.Kind.ON_REQUEST)
    author = make_member(space)
    reader = make_member(space)
    thread = make_thread(space, author)
    services.post_create(user=author, thread=thread, source=f"Hi {_mention(reader)}")
    assert notifications.unread_count(reader) == 1
    Membership.objects.filter(user=reader).delete()
    access.forget(reader)
    assert notifications.unread_count(reader) == 0


def test_old_notifications_leave_the_digest_queue_unsent(outbox):
    reader = UserFactory()
    _profile(reader, Profile.EmailFrequency.WEEKLY)
    notifications.notify(
        recipients=[reader], kind="membership", verb="invited", target="Old", url="/"
    )
    Notification.objects.update(created_at=timezone.now() - timedelta(days=9))
    assert notifications.digests_send(frequency="weekly") == 0
    assert not Notification.objects.filter(email_pending=True).exists()


def test_threads_are_sorted_and_merged_ones_left_out():
    space = make_space()
    older = make_thread(space, title="Older thread")
    newer = make_thread(space, title="Newer thread")
    Thread.objects.filter(pk=older.pk).update(last_posted_at=timezone.now() + timedelta(hours=1))

    latest = selectors.thread_list(space=space, user=UserFactory(), sort="latest", page_number=1)
    assert [thread.pk for thread in latest] == [older.pk, newer.pk]
    services.post_create(user=newer.author, thread=newer, source="A reply")
    unanswered = selectors.thread_list(
        space=space, user=UserFactory(), sort="unanswered", page_number=1
    )
    assert [thread.pk for thread in unanswered] == [older.pk]


def test_download_my_data_holds_community_posts_and_notifications():
    space = make_space(name="Jems users")
    author = make_member(space)
    reader = make_member(space)
    thread = make_thread(space, author, title="Release 9 notes", source="What changed?")
    services.post_create(user=reader, thread=thread, source=f"See {_mention(author)}")
    EmailOptOut.objects.create(user=author, kind="watched")
    data = export_user_data(author)
    assert data["community"]["posts"][0]["text"] == "What changed?"
    assert data["community"]["memberships"][0]["space"] == "Jems users"
    assert data["notifications"]["e_mails_stopped"] == ["watched"]
    assert "mentioned you" in data["notifications"]["notifications"][0]["title"]
