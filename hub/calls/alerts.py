"""What a saved search of calls watches (hub.alerts.sources): the listing's filters select the
calls, and people are told when a matching call opens and when it has a week left."""

from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.alerts.sources import AlertSource
from portal.core.query import clean_text

from . import selectors
from .forms import call_filter_form

OPENED, CLOSING = "opened", "closing"


def matching(params):
    """The calls a saved search's query string selects, as the listing's filters read it
    (the status filter aside: alerts are about calls opening and closing)."""
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(clean_text(key, max_length=50), [clean_text(value) for value in values])
    return selectors.filtered_calls(filters=call_filter_form(cleaned).filters())


def occasions(since, until):
    return [
        (OPENED, selectors.calls_opened_between(since, until)),
        (CLOSING, selectors.calls_closing_alert_between(since, until)),
    ]


def describe(call, occasion: str) -> tuple[str, str]:
    values = {
        "title": call.title,
        "programme": call.programme.name,
        "closes": date_format(call.local_closes_at, "DATETIME_FORMAT"),
        "zone": call.time_zone,
    }
    if occasion == OPENED:
        sentence = _(
            "A call for proposals you watch is open: “%(title)s” (%(programme)s). "
            "Applications close on %(closes)s (%(zone)s)."
        )
    else:
        sentence = _("A week left: “%(title)s” (%(programme)s) closes on %(closes)s (%(zone)s).")
    return sentence % values, call.get_absolute_url()


SOURCE = AlertSource(
    kind="calls",
    label=gettext_lazy("Calls for proposals"),
    listing_url_name="hub_calls:call_list",
    matching=matching,
    occasions=occasions,
    describe=describe,
)
