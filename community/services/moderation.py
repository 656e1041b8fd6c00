"""Moderation: flags, hiding and restoring posts, dismissing flags, locking and pinning,
moving and merging threads."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.notifications.models import Notification
from portal.notifications.services import notify

from .. import access
from ..models import Flag, ModerationAction, Post, Space, Subscription, Thread
from .common import (
    SCOPE,
    _log,
    _moderator_check,
    _moderators_of,
    _recount,
    _refuse_unless,
    _reindex,
)

ALREADY_FLAGGED = gettext_lazy("You have already flagged this post; the moderators will look.")
FLAG_OWN_POST = gettext_lazy("You cannot flag your own post.")
SAME_SPACE = gettext_lazy("The thread is already in this space.")
MERGE_INTO_ITSELF = gettext_lazy("Choose another thread to merge into.")
MERGE_ACROSS_SPACES = gettext_lazy("Both threads must be in the same space.")
MOVE_NOT_MODERATED = gettext_lazy("You may only move threads to spaces you moderate.")


@transaction.atomic
def post_flag(*, user, post: Post, reason: str, note: str = "") -> Flag:
    _refuse_unless(access.for_user(user).may_post(post.space_id), access.JOIN_TO_POST)
    if post.author_id == user.pk:
        raise ValidationError(FLAG_OWN_POST, code="own")
    if Flag.objects.filter(post=post, reporter=user, status=Flag.Status.OPEN).exists():
        raise ValidationError(ALREADY_FLAGGED, code="flagged")
    flag = Flag.objects.create(post=post, reporter=user, reason=reason, note=note.strip())
    space = post.space
    notify(
        recipients=_moderators_of(space),
        kind=Notification.Kind.MODERATION,
        verb=Notification.Verb.POST_FLAGGED,
        target=post.thread.title,
        detail=str(flag.get_reason_display()),
        url=_queue_url(space),
        actor=user,
        scope=(SCOPE, space.pk),
    )
    return flag


def _queue_url(space) -> str:
    return reverse("community:moderation", kwargs={"slug": space.slug})


def _close_flags(*, post: Post, moderator, status: str) -> int:
    return Flag.objects.filter(post=post, status=Flag.Status.OPEN).update(
        status=status, reviewed_by=moderator, reviewed_at=timezone.now()
    )


@transaction.atomic
def post_hide(*, moderator, post: Post, reason: str = "") -> None:
    _moderator_check(moderator, post.space_id)
    post.is_hidden = True
    post.hidden_reason = reason.strip()[:300]
    post.save(update_fields=["is_hidden", "hidden_reason"])
    _close_flags(post=post, moderator=moderator, status=Flag.Status.UPHELD)
    _recount(post.thread_id)
    _log(
        space=post.space,
        actor=moderator,
        action=ModerationAction.Action.HIDE,
        thread=post.thread,
        post=post,
        note=post.hidden_reason,
    )
    if post.author_id and post.author_id != moderator.pk:
        notify(
            recipients=[post.author],
            kind=Notification.Kind.MODERATION,
            verb=Notification.Verb.POST_HIDDEN,
            target=post.thread.title,
            excerpt=post.hidden_reason,
            url=post.thread.post_url(post.number),
            scope=(SCOPE, post.space_id),
        )


@transaction.atomic
def post_restore(*, moderator, post: Post) -> None:
    _moderator_check(moderator, post.space_id)
    post.is_hidden = False
    post.hidden_reason = ""
    post.save(update_fields=["is_hidden", "hidden_reason"])
    _recount(post.thread_id)
    _log(
        space=post.space,
        actor=moderator,
        action=ModerationAction.Action.RESTORE,
        thread=post.thread,
        post=post,
    )


@transaction.atomic
def flags_dismiss(*, moderator, post: Post) -> None:
    _moderator_check(moderator, post.space_id)
    if _close_flags(post=post, moderator=moderator, status=Flag.Status.DISMISSED):
        _log(
            space=post.space,
            actor=moderator,
            action=ModerationAction.Action.DISMISS_FLAGS,
            thread=post.thread,
            post=post,
        )


THREAD_TOGGLES = {
    "lock": ("is_locked", True, ModerationAction.Action.LOCK),
    "unlock": ("is_locked", False, ModerationAction.Action.UNLOCK),
    "pin": ("is_pinned", True, ModerationAction.Action.PIN),
    "unpin": ("is_pinned", False, ModerationAction.Action.UNPIN),
}


@transaction.atomic
def thread_toggle(*, moderator, thread: Thread, change: str) -> None:
    """Lock, unlock, pin or unpin."""
    _moderator_check(moderator, thread.space_id)
    field, value, action = THREAD_TOGGLES[change]
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    _log(space=thread.space, actor=moderator, action=action, thread=thread)


@transaction.atomic
def thread_move(*, moderator, thread: Thread, to_space: Space) -> None:
    viewer = access.for_user(moderator)
    _moderator_check(moderator, thread.space_id)
    if not viewer.moderates(to_space.pk):
        raise ValidationError({"to_space": MOVE_NOT_MODERATED})
    if to_space.pk == thread.space_id:
        raise ValidationError({"to_space": SAME_SPACE})
    origin = thread.space
    thread.space = to_space
    thread.save(update_fields=["space"])
    thread.posts.update(space=to_space)
    _reindex(thread.posts.select_related("thread"))
    note = _("from %(origin)s to %(space)s") % {"origin": origin.name, "space": to_space.name}
    for space in (origin, to_space):
        _log(
            space=space,
            actor=moderator,
            action=ModerationAction.Action.MOVE,
            thread=thread,
            note=note,
        )


@transaction.atomic
def thread_merge(*, moderator, thread: Thread, into: Thread) -> Thread:
    """Append `thread`'s posts to `into` (in their order) and leave a pointer behind."""
    _moderator_check(moderator, thread.space_id)
    if into.pk == thread.pk or into.merged_into_id:
        raise ValidationError({"into": MERGE_INTO_ITSELF})
    if into.space_id != thread.space_id:
        raise ValidationError({"into": MERGE_ACROSS_SPACES})
    into = Thread.objects.select_for_update().get(pk=into.pk)
    start = into.posts.aggregate(highest=Max("number"))["highest"] or 0
    moving = list(thread.posts.order_by("number"))
    # Renumber beyond both ranges first so the unique (thread, number) never collides.
    offset = start + thread.last_number + len(moving) + 1
    thread.posts.update(number=F("number") + offset)
    for position, post in enumerate(moving, start=start + 1):
        Post.objects.filter(pk=post.pk).update(thread=into, number=position)
    Subscription.objects.filter(thread=thread).exclude(
        user__in=Subscription.objects.filter(thread=into).values("user")
    ).update(thread=into)
    into.last_number = start + len(moving)
    into.last_posted_at = max(into.last_posted_at, thread.last_posted_at)
    into.save(update_fields=["last_number", "last_posted_at"])
    _recount(into.pk)
    _reindex(Post.objects.filter(thread=into, number__gt=start).select_related("thread"))
    thread.merged_into = into
    thread.is_locked = True
    thread.last_number = 0
    thread.reply_count = 0
    thread.accepted_post = None
    thread.save(
        update_fields=["merged_into", "is_locked", "last_number", "reply_count", "accepted_post"]
    )
    _log(
        space=thread.space,
        actor=moderator,
        action=ModerationAction.Action.MERGE,
        thread=into,
        note=_("“%(from)s” merged into “%(into)s”") % {"from": thread.title, "into": into.title},
    )
    return into
