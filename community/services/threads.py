"""Threads and posts: writing, replying, editing and deleting, reactions, accepted answers,
read markers, subscriptions, mentions, attachments, and who hears of a new post."""

import math
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from portal.accounts import gdpr
from portal.accounts.models import Profile, User
from portal.notifications.models import Notification
from portal.notifications.services import notify

from .. import access
from ..markup import MENTION, mentioned_ids, render
from ..models import (
    POST_EMPTY,
    Attachment,
    Mention,
    Post,
    PostRevision,
    Reaction,
    Space,
    Subscription,
    Thread,
    ThreadRead,
)
from ..versions import reading_changed
from .common import SCOPE, _recount, _refuse_unless, _reindex

THREAD_LOCKED = gettext_lazy("This thread is locked: no new replies.")
NOT_YOUR_POST = gettext_lazy("You can only change your own posts.")
POST_GONE = gettext_lazy("This post has been deleted or hidden.")
NOT_A_QUESTION = gettext_lazy("Only a question can have an accepted answer.")
ANSWER_NOT_FIRST = gettext_lazy("The question itself cannot be its own answer.")
THREAD_FLOOD = ngettext_lazy(
    "You have started as many threads as one person may in an hour. "
    "You can start another in %(minutes)d minute; your text is kept below.",
    "You have started as many threads as one person may in an hour. "
    "You can start another in %(minutes)d minutes; your text is kept below.",
    "minutes",
)
REPLY_FLOOD = ngettext_lazy(
    "You have posted as many replies as one person may in an hour. "
    "You can reply again in %(minutes)d minute; your text is kept below.",
    "You have posted as many replies as one person may in an hour. "
    "You can reply again in %(minutes)d minutes; your text is kept below.",
    "minutes",
)
FLOOD_WINDOW = timedelta(hours=1)
# Stands for a person whose account was deleted, where others' posts named them.
FORMER_MEMBER = gettext_lazy("Former member")


def _mentionable(space: Space, source: str) -> dict:
    """Profile ids in `source` of people who may read `space`: only they can be mentioned."""
    wanted = mentioned_ids(source)
    if not wanted:
        return {}
    candidates = list(
        User.objects.filter(profile__public_id__in=wanted, is_active=True).select_related("profile")
    )
    readers = access.for_users(candidates)
    return {
        user.profile.public_id: user
        for user in candidates
        if readers[user.pk].is_readable(space.pk)
    }


def _check_postable(user, space: Space) -> None:
    viewer = access.for_user(user)
    _refuse_unless(viewer.is_readable(space.pk), viewer.refusal(space.pk))
    _refuse_unless(viewer.may_post(space.pk), access.JOIN_TO_POST)


def flood_limits(user) -> tuple[int, int]:
    """(threads, replies) `user` may write per FLOOD_WINDOW: fewer for new accounts."""
    age = timezone.now() - user.date_joined
    if age < timedelta(days=settings.COMMUNITY_NEW_ACCOUNT_DAYS):
        return (
            settings.COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR,
            settings.COMMUNITY_NEW_ACCOUNT_REPLIES_PER_HOUR,
        )
    return settings.COMMUNITY_THREADS_PER_HOUR, settings.COMMUNITY_REPLIES_PER_HOUR


def _refuse_flood(*, user, space_id: int, recent, limit: int, message) -> None:
    """Refuse when `recent` (the person's rows with a `created_at`) holds `limit` or more from
    the last FLOOD_WINDOW, saying when the next is allowed. Counted from the stored rows, so
    it holds without the cache and across web servers; the person's row is locked so that
    simultaneous requests are counted one after the other. Moderators of the space (site
    staff among them) are not limited."""
    if access.for_user(user).moderates(space_id):
        return
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    now = timezone.now()
    times = list(
        recent.filter(created_at__gt=now - FLOOD_WINDOW)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(times) < limit:
        return
    frees_at = times[len(times) - limit] + FLOOD_WINDOW
    minutes = max(1, math.ceil((frees_at - now).total_seconds() / 60))
    raise ValidationError(message % {"minutes": minutes}, code="flood")


def _attachments_save(post: Post, files) -> None:
    for upload in files or ():
        Attachment.objects.create(
            post=post,
            file=upload.file,
            name=upload.name[:200],
            content_type=upload.content_type,
            size=upload.size,
            is_image=upload.is_image,
            width=upload.width,
            height=upload.height,
        )


def _watch_by_default(user, thread: Thread) -> None:
    """People who write in or are mentioned in a thread watch it, unless they chose."""
    Subscription.objects.get_or_create(
        user=user, thread=thread, defaults={"level": Subscription.Level.WATCHING}
    )


@transaction.atomic
def thread_create(
    *, user, space: Space, title: str, kind: str, source: str, tags=(), files=()
) -> Thread:
    _check_postable(user, space)
    if not source.strip():
        raise ValidationError({"source": POST_EMPTY})
    _refuse_flood(
        user=user,
        space_id=space.pk,
        recent=Thread.objects.filter(author=user),
        limit=flood_limits(user)[0],
        message=THREAD_FLOOD,
    )
    now = timezone.now()
    thread = Thread.objects.create(
        space=space,
        title=title.strip(),
        kind=kind,
        author=user,
        last_posted_at=now,
        last_number=0,
    )
    if tags:
        thread.tags.set(list(tags))
    _post_add(user=user, thread=thread, source=source, files=files, new_thread=True)
    return thread


@transaction.atomic
def post_create(*, user, thread: Thread, source: str, quoted_post=None, files=()) -> Post:
    thread = Thread.objects.select_for_update().select_related("space").get(pk=thread.pk)
    _check_postable(user, thread.space)
    if thread.is_locked and not access.for_user(user).moderates(thread.space_id):
        raise ValidationError(THREAD_LOCKED, code="locked")
    if not source.strip():
        raise ValidationError({"source": POST_EMPTY})
    _refuse_flood(
        user=user,
        space_id=thread.space_id,
        recent=Post.objects.filter(author=user, number__gt=1),
        limit=flood_limits(user)[1],
        message=REPLY_FLOOD,
    )
    if quoted_post is not None and quoted_post.thread_id != thread.pk:
        quoted_post = None
    return _post_add(user=user, thread=thread, source=source, quoted_post=quoted_post, files=files)


def _post_add(*, user, thread, source, quoted_post=None, files=(), new_thread=False) -> Post:
    space = thread.space
    rendered = render(source, people=_mentionable(space, source))
    number = thread.last_number + 1
    post = Post.objects.create(
        thread=thread,
        space=space,
        number=number,
        author=user,
        source=source,
        body=rendered.html,
        text=rendered.text,
        quoted_post=quoted_post,
    )
    _attachments_save(post, files)
    Mention.objects.bulk_create([Mention(post=post, user=person) for person in rendered.mentioned])
    Thread.objects.filter(pk=thread.pk).update(
        last_number=number,
        last_posted_at=post.created_at,
        reply_count=F("reply_count") + (0 if new_thread else 1),
    )
    thread.last_number = number
    ThreadRead.objects.update_or_create(
        thread=thread, user=user, defaults={"last_read_number": number}
    )
    _watch_by_default(user, thread)
    for person in rendered.mentioned:
        _watch_by_default(person, thread)
    _fan_out(post=post, thread=thread, mentioned=rendered.mentioned, new_thread=new_thread)
    return post


def _fan_out(*, post: Post, thread: Thread, mentioned: list, new_thread: bool) -> None:
    """Tell people about a new post: mentions first, then the quoted author, then watchers of
    the thread or the space. Each person hears once; muting wins; the author hears nothing;
    only people who may read the space now are told."""
    space = thread.space
    author = post.author
    thread_levels = dict(Subscription.objects.filter(thread=thread).values_list("user_id", "level"))
    space_levels = dict(
        Subscription.objects.filter(space_id__in=[space.pk, space.parent_id or 0]).values_list(
            "user_id", "level"
        )
    )

    def level(user_id):
        return thread_levels.get(user_id) or space_levels.get(user_id)

    wanted: dict[int, str] = {}
    for person in mentioned:
        wanted.setdefault(person.pk, Notification.Kind.MENTION)
    if post.quoted_post_id and post.quoted_post.author_id:
        wanted.setdefault(post.quoted_post.author_id, Notification.Kind.REPLY)
    watchers = {user for user, chosen in thread_levels.items() if chosen == "watching"}
    watchers |= {
        user
        for user, chosen in space_levels.items()
        if chosen == "watching" and user not in thread_levels
    }
    for user_id in watchers:
        wanted.setdefault(user_id, Notification.Kind.WATCHED)
    wanted.pop(getattr(author, "pk", None), None)
    wanted = {
        user_id: kind
        for user_id, kind in wanted.items()
        if level(user_id) != Subscription.Level.MUTED
    }
    if not wanted:
        return
    people = list(User.objects.filter(pk__in=wanted, is_active=True))
    readers = access.for_users(people)
    verbs = {
        Notification.Kind.MENTION: Notification.Verb.MENTIONED,
        Notification.Kind.REPLY: Notification.Verb.QUOTED,
        Notification.Kind.WATCHED: Notification.Verb.STARTED
        if new_thread
        else Notification.Verb.REPLIED,
    }
    by_kind: dict[str, list] = {}
    for person in people:
        if readers[person.pk].is_readable(space.pk):
            by_kind.setdefault(wanted[person.pk], []).append(person)
    for kind, recipients in by_kind.items():
        notify(
            recipients=recipients,
            kind=kind,
            verb=verbs[kind],
            target=thread.title,
            excerpt=post.text[:280],
            url=thread.post_url(post.number),
            actor=author,
            scope=(SCOPE, space.pk),
        )


@transaction.atomic
def post_edit(*, user, post: Post, source: str, files=(), thread_fields=None) -> Post:
    """Change a post (and, for a thread's first post, the thread's title, type and tags in
    `thread_fields`); the earlier text is kept for moderators."""
    post = Post.objects.select_for_update().select_related("thread__space").get(pk=post.pk)
    moderator = access.for_user(user).moderates(post.space_id)
    _refuse_unless(post.author_id == user.pk or moderator, NOT_YOUR_POST)
    _refuse_unless(access.for_user(user).is_readable(post.space_id))
    if post.is_deleted or (post.is_hidden and not moderator):
        raise ValidationError(POST_GONE, code="gone")
    if post.thread.is_locked and not moderator:
        raise ValidationError(THREAD_LOCKED, code="locked")
    if not source.strip():
        raise ValidationError({"source": POST_EMPTY})
    if thread_fields is not None and post.number == 1:
        _thread_change(thread=post.thread, **thread_fields)
    if source == post.source and not files:
        return post
    PostRevision.objects.create(post=post, source=post.source, body=post.body, edited_by=user)
    already = set(post.mentions.values_list("user_id", flat=True))
    rendered = render(source, people=_mentionable(post.space, source))
    post.source, post.body, post.text = source, rendered.html, rendered.text
    post.edited_at = timezone.now()
    post.save()
    _attachments_save(post, files)
    newly = [person for person in rendered.mentioned if person.pk not in already]
    Mention.objects.bulk_create([Mention(post=post, user=person) for person in newly])
    for person in newly:
        _watch_by_default(person, post.thread)
    if newly:
        _fan_out(post=post, thread=post.thread, mentioned=newly, new_thread=False)
    return post


def _thread_change(*, thread: Thread, title: str, kind: str, tags) -> None:
    retitled = title != thread.title
    thread.title = title
    thread.kind = kind
    if kind != Thread.Kind.QUESTION:
        thread.accepted_post = None
    thread.save(update_fields=["title", "kind", "accepted_post"])
    thread.tags.set(list(tags))
    if retitled:  # posts are found by their thread's title too
        _reindex(thread.posts.select_related("thread"))


@transaction.atomic
def post_delete(*, user, post: Post) -> None:
    """Authors delete their own posts; the text is kept for moderators (soft delete)."""
    _refuse_unless(post.author_id == user.pk, NOT_YOUR_POST)
    post.is_deleted = True
    post.save(update_fields=["is_deleted"])
    _recount(post.thread_id)


def reaction_toggle(*, user, post: Post) -> bool:
    """Like or unlike; True when the post is now liked by `user`."""
    viewer = access.for_user(user)
    _refuse_unless(viewer.may_post(post.space_id), access.JOIN_TO_POST)
    if not post.is_visible:
        raise ValidationError(POST_GONE, code="gone")
    deleted, _count = Reaction.objects.filter(post=post, user=user).delete()
    if deleted:
        return False
    Reaction.objects.get_or_create(post=post, user=user)
    return True


@transaction.atomic
def answer_accept(*, user, post: Post, accept: bool = True) -> None:
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    _refuse_unless(
        thread.author_id == user.pk or access.for_user(user).moderates(thread.space_id),
        _("Only the person who asked, or a moderator, can choose the answer."),
    )
    if thread.kind != Thread.Kind.QUESTION:
        raise ValidationError(NOT_A_QUESTION, code="not_question")
    if accept:
        if post.number == 1:
            raise ValidationError(ANSWER_NOT_FIRST, code="first")
        if not post.is_visible:
            raise ValidationError(POST_GONE, code="gone")
        thread.accepted_post = post
    elif thread.accepted_post_id == post.pk:
        thread.accepted_post = None
    thread.save(update_fields=["accepted_post"])
    if accept and post.author_id and post.author_id != user.pk:
        notify(
            recipients=[post.author],
            kind=Notification.Kind.REPLY,
            verb=Notification.Verb.ANSWER_ACCEPTED,
            target=thread.title,
            url=thread.post_url(post.number),
            actor=user,
            scope=(SCOPE, thread.space_id),
        )


def thread_mark_read(*, user, thread: Thread, number: int, already_read: int = 0) -> None:
    """Remember that `user` has read up to post `number` (never going backwards).
    `already_read`, how far they had read as this request found it, spares the writes when
    there is nothing new."""
    number = min(number, thread.last_number)
    if number <= already_read:
        return
    updated = ThreadRead.objects.filter(
        thread=thread, user=user, last_read_number__lt=number
    ).update(last_read_number=number)
    if updated:
        reading_changed([user.pk])  # an update sends no signal
    else:
        ThreadRead.objects.get_or_create(
            thread=thread, user=user, defaults={"last_read_number": number}
        )


def subscription_set(*, user, level: str, space: Space | None = None, thread=None) -> None:
    target_space = space.pk if space else thread.space_id
    _refuse_unless(access.for_user(user).is_readable(target_space))
    target = {"space": space} if space else {"thread": thread}
    if level == "default":
        Subscription.objects.filter(user=user, **target).delete()
        return
    if level not in Subscription.Level.values:
        raise ValidationError(_("Choose watching, tracking or muted."), code="level")
    Subscription.objects.update_or_create(user=user, **target, defaults={"level": level})


def _without_person(source: str, *, user, public_id: str | None) -> str:
    former = str(FORMER_MEMBER)
    source = MENTION.sub(
        lambda match: f"@{former}" if match.group(2) == public_id else match.group(0), source
    )
    return gdpr.without_names(source, user=user, replacement=former)


@transaction.atomic
def posts_forget_person(*, user) -> int:
    """Before an account is deleted: other people's posts that mention, quote or name the
    person call them "Former member" instead, in the text, in the earlier versions kept for
    moderators and in the search index. Returns how many posts changed."""
    public_id = Profile.objects.filter(user=user).values_list("public_id", flat=True).first()
    naming = Q(mentions__user=user) | Q(quoted_post__author=user)
    for name in gdpr.names_of(user):
        naming |= Q(source__icontains=name) | Q(revisions__source__icontains=name)
    if public_id:
        naming |= Q(source__contains=f"]({public_id})") | Q(
            revisions__source__contains=f"]({public_id})"
        )
    posts = list(Post.objects.filter(naming).distinct().select_related("thread", "space"))
    changed = []
    for post in posts:
        source = _without_person(post.source, user=user, public_id=public_id)
        if source != post.source:
            rendered = render(source, people=_mentionable(post.space, source))
            post.source, post.body, post.text = source, rendered.html, rendered.text
            post.save(update_fields=["source", "body", "text"])
            changed.append(post)
        for revision in post.revisions.all():
            earlier = _without_person(revision.source, user=user, public_id=public_id)
            if earlier != revision.source:
                revision.source = earlier
                revision.body = render(earlier, people=_mentionable(post.space, earlier)).html
                revision.save(update_fields=["source", "body"])
    Mention.objects.filter(user=user).delete()
    _reindex(changed)
    return len(changed)
