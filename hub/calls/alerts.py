"""What a saved search of calls watches (hub.alerts.sources): the listing's filters select the
calls, and people are told when a matching call opens and when it has a week left."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.alerts.sources import AlertSource

from . import selectors

OPENED, CLOSING = "opened", "closing"


def matching(params):
    """The calls a saved search's query string selects, as the listing's filters read it
    (the status filter aside: alerts are about calls opening and closing)."""
    from .views import filter_form

    return selectors.filtered_calls(filters=filter_form(params).filters())


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
