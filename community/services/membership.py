"""Membership: joining, requests and their decisions, invitations, leaving, and removing or
banning members."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.models import Profile, User
from portal.notifications.models import Notification
from portal.notifications.services import notify

from .. import access
from ..models import Membership, ModerationAction, Space, Subscription
from .common import VISIBLE_SCOPE, _log, _moderator_check, _moderators_of, _refuse_unless

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


def _notify_membership(*, space, recipients, verb, detail="", actor=None, url=None) -> None:
    notify(
        recipients=recipients,
        kind=Notification.Kind.MEMBERSHIP,
        verb=verb,
        target=space.name,
        detail=detail,
        url=url or space.get_absolute_url(),
        actor=actor,
        scope=(VISIBLE_SCOPE, space.pk),
    )


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
            verb=Notification.Verb.JOIN_REQUESTED,
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
        verb = Notification.Verb.REQUEST_APPROVED
    else:
        membership.delete()
        verb = Notification.Verb.REQUEST_DECLINED
    _notify_membership(
        space=space,
        recipients=[membership.user],
        verb=verb,
        detail=message.strip(),
        actor=moderator,
    )
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
        verb=Notification.Verb.INVITED,
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
