"""Named time zones for things that happen somewhere: sessions, events.

Times are stored in UTC; each thing keeps the zone it takes place in, for display and for
checking local dates.
"""

import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNKNOWN_TIME_ZONE = _("Choose a time zone from the list, e.g. Europe/Brussels.")


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def validate_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(UNKNOWN_TIME_ZONE, code="unknown_time_zone")


@functools.lru_cache(maxsize=1024)
def zone_or_utc(name: str) -> zoneinfo.ZoneInfo:
    # ZoneInfo keeps only the last few zones it made; a feed of events all over Europe asks
    # for hundreds, and reading one from its file again costs a third of a millisecond.
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
