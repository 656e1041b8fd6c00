"""What the community's services share: the notification scopes, refusals, the moderator
check, the moderation log, and keeping a thread's counts and its posts' search entries right."""

from django.core.exceptions import PermissionDenied
from wagtail.search import index

from portal.accounts.models import User

from .. import access
from ..models import Membership, ModerationAction, Space, Thread

# Notifications about a space's content are shown while their reader may read the space;
# those about membership (requests, invitations, decisions) while they may see it.
SCOPE = "community.space"
VISIBLE_SCOPE = "community.space.visible"


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


def _recount(thread_id: int) -> None:
    thread = Thread.objects.get(pk=thread_id)
    visible = thread.posts.filter(is_deleted=False, is_hidden=False)
    thread.reply_count = max(0, visible.count() - (1 if visible.filter(number=1).exists() else 0))
    if thread.accepted_post_id and not visible.filter(pk=thread.accepted_post_id).exists():
        thread.accepted_post = None
    thread.save(update_fields=["reply_count", "accepted_post"])


def _reindex(posts) -> None:
    for post in posts:
        index.insert_or_update_object(post)
