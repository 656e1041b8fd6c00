"""What a saved search of vacancies watches (hub/alerts/sources.py): the listing's own filters,
and two occasions, a vacancy published and a vacancy closing within a week."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.alerts.sources import AlertSource

from . import selectors
from .feeds import filter_form

PUBLISHED = "published"
CLOSING = "closing"


def matching(params):
    """Open vacancies the saved filters select, through the listing's own form and selector."""
    return selectors.open_vacancies(filters=filter_form(params).filters())


def occasions(since, until) -> list[tuple]:
    return [
        (PUBLISHED, selectors.published_between(since, until)),
        (CLOSING, selectors.closing_notice_between(since, until)),
    ]


def describe(item, occasion: str) -> tuple[str, str]:
    values = {
        "title": item.title,
        "employer": item.employer_label,
        "date": date_format(item.local_closes_at, "DATETIME_FORMAT"),
        "zone": item.time_zone,
    }
    if occasion == CLOSING:
        sentence = _(
            "Applications for “%(title)s” (%(employer)s) close on %(date)s (%(zone)s time)."
        )
    else:
        sentence = _(
            "New vacancy: “%(title)s” (%(employer)s). Applications close on %(date)s "
            "(%(zone)s time)."
        )
    return sentence % values, item.get_absolute_url()


SOURCE = AlertSource(
    kind="vacancies",
    label=gettext_lazy("Vacancies"),
    listing_url_name="hub_vacancies:vacancy_list",
    matching=matching,
    occasions=occasions,
    describe=describe,
)
