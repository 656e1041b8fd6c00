"""Everything that changes the community: membership, threads and posts, reactions,
subscriptions, flags and moderation. Each service checks its own rules and says what is
wrong in a message the person can act on."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.search import index

from portal.accounts.models import Profile, User
from portal.notifications.models import Notification
from portal.notifications.services import notify

from . import access
from .markup import mentioned_ids, render
from .models import (
    POST_EMPTY,
    Attachment,
    Flag,
    Membership,
    Mention,
    ModerationAction,
    Post,
    PostRevision,
    Reaction,
    Space,
    Subscription,
    Thread,
    ThreadRead,
)

# Notifications about a space's content are shown while their reader may read the space;
# those about membership (requests, invitations, decisions) while they may see it.
SCOPE = "community.space"
VISIBLE_SCOPE = "community.space.visible"

ALREADY_MEMBER = gettext_lazy("You are already a member of this space.")
ALREADY_REQUESTED = gettext_lazy("You have already asked to join; the moderators will answer.")
CLOSED_SPACE = gettext_lazy("This space is closed: its moderators invite the people who join.")
NOT_A_MEMBER = gettext_lazy("You are not a member of this space.")
LAST_MODERATOR = gettext_lazy(
    "You are this space's only moderator: appoint another one before you leave."
)
NOT_ELIGIBLE_TO_INVITE = gettext_lazy("This person may not see this space, so cannot be invited.")
ALREADY_IN_SPACE = gettext_lazy("This person is already a member or has a pending invitation.")
NO_SUCH_PERSON = gettext_lazy("There is no account with this e-mail address.")
THREAD_LOCKED = gettext_lazy("This thread is locked: no new replies.")
NOT_YOUR_POST = gettext_lazy("You can only change your own posts.")
POST_GONE = gettext_lazy("This post has been deleted or hidden.")
NOT_A_QUESTION = gettext_lazy("Only a question can have an accepted answer.")
ANSWER_NOT_FIRST = gettext_lazy("The question itself cannot be its own answer.")
ALREADY_FLAGGED = gettext_lazy("You have already flagged this post; the moderators will look.")
FLAG_OWN_POST = gettext_lazy("You cannot flag your own post.")
SAME_SPACE = gettext_lazy("The thread is already in this space.")
MERGE_INTO_ITSELF = gettext_lazy("Choose another thread to merge into.")
MERGE_ACROSS_SPACES = gettext_lazy("Both threads must be in the same space.")
MOVE_NOT_MODERATED = gettext_lazy("You may only move threads to spaces you moderate.")


def _refuse_unless(condition: bool, message=None) -> None:
    if not condition:
        raise PermissionDenied(message or "")


def _moderator_check(user, space_id: int) -> None:
    _refuse_unless(access.for_user(user).moderates(space_id))


def _log(*, space, actor, action, thread=None, post=None, member=None, note="") -> None:
    ModerationAction.objects.create(
        space=space, actor=actor, action=action, thread=thread, post=post, member=member, note=note
    )


def _moderators_of(space: Space) -> list[User]:
    spaces = [space.pk] + ([space.parent_id] if space.parent_id else [])
    return list(
        User.objects.filter(
            space_memberships__space_id__in=spaces,
            space_memberships__status=Membership.Status.ACTIVE,
            space_memberships__is_moderator=True,
            is_active=True,
        ).distinct()
    )


def _notify_membership(*, space, recipients, title, actor=None, url=None) -> None:
    notify(
        recipients=recipients,
        kind=Notification.Kind.MEMBERSHIP,
        title=title,
        url=url or space.get_absolute_url(),
        actor=actor,
        scope=(VISIBLE_SCOPE, space.pk),
    )


# Membership -------------------------------------------------------------------------------


@transaction.atomic
def space_join(*, user, space: Space, message: str = "") -> Membership:
    """Join an open space, or ask to join an on-request one."""
    viewer = access.for_user(user)
    _refuse_unless(viewer.is_visible(space.pk), access.NOT_ELIGIBLE)
    current = Membership.objects.select_for_update().filter(space=space, user=user).first()
    if current is not None:
        if current.status == Membership.Status.BANNED:
            raise PermissionDenied(access.BANNED)
        if current.status == Membership.Status.ACTIVE:
            raise ValidationError(ALREADY_MEMBER, code="member")
        if current.status == Membership.Status.REQUESTED:
            raise ValidationError(ALREADY_REQUESTED, code="requested")
        if current.status == Membership.Status.INVITED:
            return invitation_accept(user=user, space=space)
    if space.kind == Space.Kind.CLOSED:
        raise ValidationError(CLOSED_SPACE, code="closed")
    status = (
        Membership.Status.ACTIVE if space.kind == Space.Kind.OPEN else Membership.Status.REQUESTED
    )
    membership = Membership.objects.create(
        space=space, user=user, status=status, request_message=message.strip()
    )
    # Members are mentioned by their profile's id.
    Profile.objects.get_or_create(user=user)
    access.forget(user)
    if status == Membership.Status.REQUESTED:
        _notify_membership(
            space=space,
            recipients=_moderators_of(space),
            title=_("%(name)s asks to join %(space)s")
            % {"name": user.display_name, "space": space.name},
            actor=user,
            url=_members_url(space),
        )
    return membership


def _members_url(space) -> str:
    return reverse("community:members", kwargs={"slug": space.slug})


@transaction.atomic
def request_decide(*, moderator, membership: Membership, approve: bool, message: str = ""):
    _moderator_check(moderator, membership.space_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."), code="answered")
    space = membership.space
    _log(
        space=space,
        actor=moderator,
        action=ModerationAction.Action.APPROVE if approve else ModerationAction.Action.DECLINE,
        member=membership.user,
        note=message[:500],
    )
    if approve:
        membership.status = Membership.Status.ACTIVE
        membership.decision_message = message
        membership.decided_by = moderator
        membership.save()
        title = _("Welcome to %(space)s: your request was approved") % {"space": space.name}
    else:
        membership.delete()
        title = _("Your request to join %(space)s was declined") % {"space": space.name}
    if message.strip():
        title = _("%(decision)s. Message from the moderators: %(message)s") % {
            "decision": title,
            "message": message.strip(),
        }
    _notify_membership(space=space, recipients=[membership.user], title=title, actor=moderator)
    return membership


@transaction.atomic
def member_invite(*, moderator, space: Space, email: str) -> Membership:
    _moderator_check(moderator, space.pk)
    invitee = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if invitee is None:
        raise ValidationError({"email": NO_SUCH_PERSON})
    if not access.for_users([invitee])[invitee.pk].is_visible(space.pk):
        raise ValidationError({"email": NOT_ELIGIBLE_TO_INVITE})
    current = Membership.objects.select_for_update().filter(space=space, user=invitee).first()
    if current is not None and current.status in (
        Membership.Status.ACTIVE,
        Membership.Status.INVITED,
        Membership.Status.BANNED,
    ):
        raise ValidationError({"email": ALREADY_IN_SPACE})
    if current is not None:
        current.delete()  # an invitation answers a pending request
    membership = Membership.objects.create(
        space=space, user=invitee, status=Membership.Status.INVITED, decided_by=moderator
    )
    Profile.objects.get_or_create(user=invitee)
    _log(space=space, actor=moderator, action=ModerationAction.Action.INVITE, member=invitee)
    _notify_membership(
        space=space,
        recipients=[invitee],
        title=_("%(name)s invites you to join %(space)s")
        % {"name": moderator.display_name, "space": space.name},
        actor=moderator,
    )
    return membership


@transaction.atomic
def invitation_accept(*, user, space: Space) -> Membership:
    _refuse_unless(access.for_user(user).is_visible(space.pk), access.NOT_ELIGIBLE)
    membership = (
        Membership.objects.select_for_update()
        .filter(space=space, user=user, status=Membership.Status.INVITED)
        .first()
    )
    if membership is None:
        raise ValidationError(_("There is no invitation to accept."), code="no_invitation")
    membership.status = Membership.Status.ACTIVE
    membership.save()
    access.forget(user)
    return membership


def invitation_decline(*, user, space: Space) -> None:
    Membership.objects.filter(space=space, user=user, status=Membership.Status.INVITED).delete()
    access.forget(user)


@transaction.atomic
def space_leave(*, user, space: Space) -> None:
    membership = (
        Membership.objects.select_for_update()
        .filter(space=space, user=user)
        .exclude(status=Membership.Status.BANNED)
        .first()
    )
    if membership is None:
        raise ValidationError(NOT_A_MEMBER, code="not_member")
    if membership.is_moderator and not (
        Membership.objects.filter(space=space, is_moderator=True).exclude(user=user).exists()
    ):
        raise ValidationError(LAST_MODERATOR, code="last_moderator")
    membership.delete()
    Subscription.objects.filter(user=user, space=space).delete()
    access.forget(user)


@transaction.atomic
def member_remove(*, moderator, membership: Membership, ban: bool = False, note: str = ""):
    """Take someone out of a space; a ban also keeps them from coming back."""
    space = membership.space
    _moderator_check(moderator, space.pk)
    if membership.user_id == moderator.pk:
        raise ValidationError(_("Use “Leave this space” to leave it yourself."), code="self")
    member = membership.user
    if ban:
        membership.status = Membership.Status.BANNED
        membership.is_moderator = False
        membership.save()
    else:
        membership.delete()
    Subscription.objects.filter(user=member, space=space).delete()
    _log(
        space=space,
        actor=moderator,
        action=ModerationAction.Action.BAN if ban else ModerationAction.Action.REMOVE,
        member=member,
        note=note[:500],
    )


@transaction.atomic
def member_unban(*, moderator, membership: Membership) -> None:
    _moderator_check(moderator, membership.space_id)
    if membership.status == Membership.Status.BANNED:
        membership.delete()
        _log(
            space=membership.space,
            actor=moderator,
            action=ModerationAction.Action.UNBAN,
            member=membership.user,
        )


# Threads and posts ------------------------------------------------------------------------


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
    name = author.display_name if author else _("Someone")
    titles = {
        Notification.Kind.MENTION: _("%(name)s mentioned you in “%(thread)s”"),
        Notification.Kind.REPLY: _("%(name)s quoted you in “%(thread)s”"),
        Notification.Kind.WATCHED: _("%(name)s started “%(thread)s”")
        if new_thread
        else _("%(name)s replied in “%(thread)s”"),
    }
    by_kind: dict[str, list] = {}
    for person in people:
        if readers[person.pk].is_readable(space.pk):
            by_kind.setdefault(wanted[person.pk], []).append(person)
    for kind, recipients in by_kind.items():
        notify(
            recipients=recipients,
            kind=kind,
            title=titles[kind] % {"name": name, "thread": thread.title},
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


def _recount(thread_id: int) -> None:
    thread = Thread.objects.get(pk=thread_id)
    visible = thread.posts.filter(is_deleted=False, is_hidden=False)
    thread.reply_count = max(0, visible.count() - (1 if visible.filter(number=1).exists() else 0))
    if thread.accepted_post_id and not visible.filter(pk=thread.accepted_post_id).exists():
        thread.accepted_post = None
    thread.save(update_fields=["reply_count", "accepted_post"])


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
            title=_("Your answer in “%(thread)s” was accepted") % {"thread": thread.title},
            url=thread.post_url(post.number),
            actor=user,
            scope=(SCOPE, thread.space_id),
        )


def thread_mark_read(*, user, thread: Thread, number: int) -> None:
    """Remember that `user` has read up to post `number` (never going backwards)."""
    number = min(number, thread.last_number)
    updated = ThreadRead.objects.filter(
        thread=thread, user=user, last_read_number__lt=number
    ).update(last_read_number=number)
    if not updated:
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


# Flags and moderation ---------------------------------------------------------------------


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
        title=_("A post in “%(thread)s” was flagged: %(reason)s")
        % {"thread": post.thread.title, "reason": flag.get_reason_display()},
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
            title=_("A moderator hid your post in “%(thread)s”") % {"thread": post.thread.title},
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


def _reindex(posts) -> None:
    for post in posts:
        index.insert_or_update_object(post)


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
