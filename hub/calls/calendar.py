"""Calls' deadlines (and openings) as a subscribable iCalendar feed."""

from datetime import timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.core.ical import CalendarEntry, calendar_document
from portal.core.links import site_base_url

# A deadline is a moment; calendars show it as a short entry starting then.
ENTRY_LENGTH = timedelta(minutes=15)


def _local(moment, call) -> str:
    local = moment.astimezone(call.zone)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({call.time_zone})"


def _entries(call, base_url: str):
    url = base_url + call.get_absolute_url()
    programme = str(call.programme)
    yield CalendarEntry(
        uid=f"call-{call.pk}-deadline",
        starts_at=call.closes_at,
        ends_at=call.closes_at + ENTRY_LENGTH,
        summary=_("Deadline: %(title)s") % {"title": call.title},
        url=url,
        description="\n\n".join(
            [
                _("%(programme)s. Applications close on %(moment)s.")
                % {"programme": programme, "moment": _local(call.closes_at, call)},
                call.summary,
                url,
            ]
        ),
        categories=(_("Call deadline"),),
    )
    yield CalendarEntry(
        uid=f"call-{call.pk}-opening",
        starts_at=call.opens_at,
        ends_at=call.opens_at + ENTRY_LENGTH,
        summary=_("Call opens: %(title)s") % {"title": call.title},
        url=url,
        description="\n\n".join(
            [
                _("%(programme)s. The call opens on %(moment)s.")
                % {"programme": programme, "moment": _local(call.opens_at, call)},
                call.summary,
                url,
            ]
        ),
        categories=(_("Call opening"),),
    )


def deadlines_feed(calls, *, name: str, refresh_hours: int) -> str:
    base_url = site_base_url()
    entries = (entry for call in calls for entry in _entries(call, base_url))
    return calendar_document(
        entries, product="Calls for proposals", name=name, refresh_hours=refresh_hours
    )
