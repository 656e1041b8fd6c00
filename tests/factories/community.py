"""Builders for community spaces, members and threads."""

import itertools

from community import services
from community.models import Membership, Space
from portal.accounts.models import Profile
from portal.accounts.roles import identity_changed
from portal.core.cache import content_changed

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


def grow_top_level_spaces(total: int, people, *, first_person_moderates=False) -> None:
    """Top-level spaces up to `total` (open, on request and closed in turn, for anyone signed
    in), an open sub-space in every twentieth of those made, and `people` as members of each:
    the directory's query budgets grow it from 10 to 1,000."""
    existing = Space.objects.filter(parent=None).count()
    made = Space.objects.bulk_create(
        Space(
            name=f"Space {number}",
            slug=f"space-{number}",
            description="About.",
            kind=("open", "on_request", "closed")[number % 3],
            eligibility="signed_in",
        )
        for number in range(existing, total)
    )
    Space.objects.bulk_create(
        Space(
            name=f"{space.name} group",
            slug=f"{space.slug}-g",
            description="Inside.",
            kind="open",
            parent=space,
        )
        for space in made[:: max(1, len(made) // 20)]
    )
    Membership.objects.bulk_create(
        Membership(
            space=space,
            user=person,
            status="active",
            is_moderator=first_person_moderates and index == 0,
        )
        for space in made
        for index, person in enumerate(people)
    )
    # Saving spaces and memberships one by one drops what is cached about spaces and what is
    # kept of each person's memberships; bulk_create sends no signal.
    content_changed()
    identity_changed()
