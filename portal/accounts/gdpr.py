"""A person's data through its life: "download my data" gathers what every app registers
with `register`, and deleting the account runs what apps register with `register_erasure`.
"""

import re
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db import connection

from .models import Profile

_sections: dict[str, Callable[[Any], Any]] = {}
_erasures: dict[str, Callable[[Any], None]] = {}


def register(section: str):
    """Decorate a function `(user) -> JSON-serialisable data` to add it to the export."""

    def decorator(function):
        _sections[section] = function
        return function

    return decorator


def register_erasure(section: str):
    """Decorate a function `(user) -> None` that removes or anonymises what the app keeps
    about the person beyond what the database's own deletion rules (cascades, SET_NULL) do;
    it runs inside the account deletion's transaction, before the account row goes."""

    def decorator(function):
        _erasures[section] = function
        return function

    return decorator


def names_of(user) -> list[str]:
    """What other people's text may call the person by: their address, their full name and
    the name the portal shows for them in mentions and quotes. For finding rows to fix."""
    shown = user.display_name
    names = (user.email, _full_name(user), f"@{shown}", f"**{shown}:**")
    return list(dict.fromkeys(name for name in names if name))


def without_names(text: str, *, user, replacement: str) -> str:
    """`text` with the person's address and full name (as whole words), and the name shown
    for them where a mention (`@name`) or a quote (`**name:**`) uses it, replaced."""
    shown = re.escape(user.display_name)
    alternatives = [re.escape(user.email), rf"(?<=@){shown}(?!\w)", rf"(?<=\*\*){shown}(?=:\*\*)"]
    if full_name := _full_name(user):
        alternatives.append(rf"(?<!\w){re.escape(full_name)}(?!\w)")
    pattern = re.compile("|".join(alternatives), flags=re.IGNORECASE)
    return pattern.sub(lambda _match: replacement, text or "")


def _full_name(user) -> str:
    full_name = user.get_full_name().strip()
    return full_name if len(full_name) >= 3 else ""


def erase_user_data(user) -> None:
    for erase in _erasures.values():
        erase(user)


SQLITE_SEARCH_TABLE = "wagtailsearch_indexentry_fts"


def search_index_compact() -> None:
    """SQLite's full-text index keeps the words of changed or removed entries in its pages
    until they are merged; merging them now takes a deleted person's name out of the file."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL's search vectors are rewritten in place
    with connection.cursor() as cursor:
        if SQLITE_SEARCH_TABLE in connection.introspection.table_names(cursor):
            cursor.execute(
                f"INSERT INTO {SQLITE_SEARCH_TABLE}({SQLITE_SEARCH_TABLE}) VALUES ('optimize')"  # noqa: S608
            )


def export_user_data(user) -> dict[str, Any]:
    return {section: build(user) for section, build in sorted(_sections.items())}


def iso(value):
    """A date or time for the export, or None."""
    return value.isoformat() if value else None


@register("account")
def _account(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
    }


@register("profile")
def _profile(user):
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "organisation": profile.organisation,
        "country": profile.country.code or None,
        "languages": profile.languages,
        "about_me": profile.bio,
        "photo": profile.avatar.url if profile.avatar else None,
        "notification_emails": profile.email_frequency,
        "public_profile": profile.is_public,
        "public_certificates": profile.credentials_public,
        "shown_on_public_profile": {
            "organisation": profile.show_organisation,
            "country": profile.show_country,
            "languages": profile.show_languages,
            "about_me": profile.show_bio,
            "photo": profile.show_avatar,
        },
    }


@register("affiliations")
def _affiliations(user):
    return [
        {
            "programme": affiliation.programme.acronym,
            "function": affiliation.function,
            "status": affiliation.status,
            "programme_admin": affiliation.is_programme_admin,
            "listed": affiliation.listed,
            "requested_at": iso(affiliation.requested_at),
            "decided_at": iso(affiliation.decided_at),
            "decision_message": affiliation.decision_message,
        }
        for affiliation in user.affiliations.select_related("programme")
    ]


@register("consents")
def _consents(user):
    return [
        {
            "document": record.document,
            "version": record.version,
            "accepted_at": iso(record.accepted_at),
        }
        for record in user.consents.all()
    ]


@register("security")
def _security(user):
    return {
        # Which second factors exist, never their secrets.
        "second_factors": [
            {"type": authenticator.type, "created_at": iso(authenticator.created_at)}
            for authenticator in Authenticator.objects.filter(user=user)
        ],
        "sessions": [
            {
                "ip": session.ip,
                "user_agent": session.user_agent,
                "created_at": iso(session.created_at),
                "last_seen_at": iso(session.last_seen_at),
            }
            for session in UserSession.objects.filter(user=user)
        ],
    }
