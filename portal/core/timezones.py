"""Named time zones for things that happen somewhere: sessions, events.

Times are stored in UTC; each thing keeps the zone it takes place in, for display and for
checking local dates.
"""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNKNOWN_TIME_ZONE = _("Choose a time zone from the list, e.g. Europe/Brussels.")


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def validate_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(UNKNOWN_TIME_ZONE, code="unknown_time_zone")


def zone_or_utc(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
