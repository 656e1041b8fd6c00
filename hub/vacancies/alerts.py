"""What a saved search of vacancies watches (hub/alerts/sources.py): the listing's own filters,
and two occasions, a vacancy published and a vacancy closing within a week."""

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
    """The job and its employer: the alerts engine says what happened around them ("New: …",
    "Closing soon: …") in each reader's language."""
    return f"{item.title} ({item.employer_label})", item.get_absolute_url()


SOURCE = AlertSource(
    kind="vacancies",
    label=gettext_lazy("Vacancies"),
    listing_url_name="hub_vacancies:vacancy_list",
    matching=matching,
    occasions=occasions,
    describe=describe,
)
