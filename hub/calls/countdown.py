"""How long until a call opens or closes, or since it closed, in words ("closes in 3 days").

The server writes the words when it renders a page; a cached copy of that page may be served
for a while afterwards, so static/js/call-countdown.js rewrites them in the browser from the
`<time>` element's moments and the same wording (`countdown_words`), and the text is right
whenever it is read. Without scripts the server's words stay, at most one cache period old.
"""

from datetime import datetime

from django.utils.translation import ngettext

from campaigns.cooperation_day.page_views import plural_table

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY
MONTH = 30 * DAY

# (unit, its length in seconds, from how many seconds it is used), largest first; the browser
# script reads the same table.
UNITS = [
    ("months", MONTH, 60 * DAY),
    ("weeks", WEEK, 14 * DAY),
    ("days", DAY, 2 * DAY),
    ("hours", HOUR, 2 * HOUR),
    ("minutes", MINUTE, 0),
]


def _words(kind: str, unit: str, count: int) -> str:
    """Every wording, each a whole sentence fragment so that translators can order it."""
    forms = {
        ("opens", "minutes"): lambda n: ngettext(
            "opens in %(count)s minute", "opens in %(count)s minutes", n
        ),
        ("opens", "hours"): lambda n: ngettext(
            "opens in %(count)s hour", "opens in %(count)s hours", n
        ),
        ("opens", "days"): lambda n: ngettext(
            "opens in %(count)s day", "opens in %(count)s days", n
        ),
        ("opens", "weeks"): lambda n: ngettext(
            "opens in %(count)s week", "opens in %(count)s weeks", n
        ),
        ("opens", "months"): lambda n: ngettext(
            "opens in %(count)s month", "opens in %(count)s months", n
        ),
        ("closes", "minutes"): lambda n: ngettext(
            "closes in %(count)s minute", "closes in %(count)s minutes", n
        ),
        ("closes", "hours"): lambda n: ngettext(
            "closes in %(count)s hour", "closes in %(count)s hours", n
        ),
        ("closes", "days"): lambda n: ngettext(
            "closes in %(count)s day", "closes in %(count)s days", n
        ),
        ("closes", "weeks"): lambda n: ngettext(
            "closes in %(count)s week", "closes in %(count)s weeks", n
        ),
        ("closes", "months"): lambda n: ngettext(
            "closes in %(count)s month", "closes in %(count)s months", n
        ),
        ("closed", "minutes"): lambda n: ngettext(
            "closed %(count)s minute ago", "closed %(count)s minutes ago", n
        ),
        ("closed", "hours"): lambda n: ngettext(
            "closed %(count)s hour ago", "closed %(count)s hours ago", n
        ),
        ("closed", "days"): lambda n: ngettext(
            "closed %(count)s day ago", "closed %(count)s days ago", n
        ),
        ("closed", "weeks"): lambda n: ngettext(
            "closed %(count)s week ago", "closed %(count)s weeks ago", n
        ),
        ("closed", "months"): lambda n: ngettext(
            "closed %(count)s month ago", "closed %(count)s months ago", n
        ),
    }
    return forms[(kind, unit)](count)


KINDS = ("opens", "closes", "closed")


def _measure(seconds: float) -> tuple[str, int]:
    for unit, length, threshold in UNITS:
        if seconds >= threshold:
            return unit, max(1, int(seconds // length))
    return "minutes", 1


def countdown(*, opens_at: datetime, closes_at: datetime, now: datetime) -> str:
    if now < opens_at:
        kind, seconds = "opens", (opens_at - now).total_seconds()
    elif now < closes_at:
        kind, seconds = "closes", (closes_at - now).total_seconds()
    else:
        kind, seconds = "closed", (now - closes_at).total_seconds()
    unit, count = _measure(seconds)
    return _words(kind, unit, count) % {"count": count}


def countdown_words() -> dict:
    """The wording and the units for the browser script, in the page's language."""
    return {
        "units": [[unit, length, threshold] for unit, length, threshold in UNITS],
        "words": {
            f"{kind}-{unit}": plural_table(lambda n, kind=kind, unit=unit: _words(kind, unit, n))
            for kind in KINDS
            for unit, _length, _threshold in UNITS
        },
    }


def with_countdowns(calls, now: datetime) -> list:
    """`calls`, each given its `countdown` in words as read at `now`, and the moment it counts
    to or from (`countdown_at`)."""
    calls = list(calls)
    for call in calls:
        call.countdown = countdown(opens_at=call.opens_at, closes_at=call.closes_at, now=now)
        call.countdown_at = call.opens_at if now < call.opens_at else call.closes_at
    return calls
