"""Builders for community spaces, members and threads."""

import itertools

from community import services
from community.models import Membership, Space
from portal.accounts.models import Profile

from .users import AffiliationFactory, UserFactory

_numbers = itertools.count(1)


def make_space(**fields) -> Space:
    number = next(_numbers)
    values = {
        "name": f"Space {number}",
        "slug": f"space-{number}",
        "description": "A space for the tests.",
        "kind": Space.Kind.OPEN,
        "eligibility": Space.Eligibility.SIGNED_IN,
    }
    values.update(fields)
    return Space.objects.create(**values)


def make_member(space: Space, user=None, *, moderator=False, **user_fields):
    user = user or UserFactory(**user_fields)
    Profile.objects.get_or_create(user=user)
    Membership.objects.update_or_create(
        space=space,
        user=user,
        defaults={"status": Membership.Status.ACTIVE, "is_moderator": moderator},
    )
    return user


def make_person_with(function: str, **fields):
    """A user approved in `function` in a new programme."""
    return AffiliationFactory(function=function, **fields).user


def make_thread(
    space: Space,
    author=None,
    *,
    replies=0,
    title="A question about reporting",
    kind="discussion",
    source="What do you think?",
    tags=(),
):
    author = author or make_member(space)
    thread = services.thread_create(
        user=author, space=space, title=title, kind=kind, source=source, tags=tags
    )
    for number in range(replies):
        services.post_create(user=author, thread=thread, source=f"Reply {number + 1}")
    thread.refresh_from_db()
    return thread
