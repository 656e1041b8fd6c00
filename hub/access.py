"""Who publishes news, calls and vacancies for which programme.

Approved staff of a programme in a publishing function publish for that programme only;
people who edit the site publish for every programme. Every part of the hub asks here, as a
refusal (`may_publish_for`) and as a filter (`publishing_programmes`).
"""

from portal.accounts import roles
from portal.accounts.models import Affiliation, Programme

Function = Affiliation.Function

PUBLISHING_FUNCTIONS = frozenset(
    {Function.MANAGING_AUTHORITY, Function.JOINT_SECRETARIAT, Function.COMMUNICATION_OFFICER}
)


def publishes_everywhere(user) -> bool:
    return roles.may_edit_site(user)


def publishing_programme_ids(user) -> set[int] | None:
    """Ids of the programmes `user` publishes for; None means every programme."""
    if publishes_everywhere(user):
        return None
    if not roles.has_verified_email(user):
        return set()
    return roles.programme_ids_with_functions(user, PUBLISHING_FUNCTIONS)


def publishing_programmes(user):
    """The programmes `user` may choose when publishing, by name."""
    ids = publishing_programme_ids(user)
    programmes = Programme.objects.order_by("name")
    return programmes if ids is None else programmes.filter(pk__in=ids)


def may_publish(user) -> bool:
    """Whether `user` publishes for at least one programme."""
    ids = publishing_programme_ids(user)
    return ids is None or bool(ids)


def may_publish_for(user, programme: Programme | int) -> bool:
    ids = publishing_programme_ids(user)
    programme_id = programme if isinstance(programme, int) else programme.pk
    return ids is None or programme_id in ids
