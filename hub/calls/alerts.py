"""What a saved search of calls watches (hub.alerts.sources): the listing's filters select the
calls, and people are told when a matching call opens and when it has a week left."""

from django.http import QueryDict
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
    """The call's programme and title: the alerts engine says what happened around them
    ("Now open: …", "Closing soon: …") in each reader's language."""
    return f"{call.programme.name}: {call.title}", call.get_absolute_url()


SOURCE = AlertSource(
    kind="calls",
    label=gettext_lazy("Calls for proposals"),
    listing_url_name="hub_calls:call_list",
    matching=matching,
    occasions=occasions,
    describe=describe,
)
