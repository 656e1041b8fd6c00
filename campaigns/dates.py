"""The next dates of both campaigns' current editions, read from the very timelines their own
pages show, so that the home page's "Coming up" and the campaign pages always agree."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from campaigns.cooperation_day import selectors as cooperation_day
from campaigns.slam import selectors as slam


@dataclass(frozen=True)
class CampaignDate:
    """Shaped like an upcoming item the editors write (date, title, summary, url)."""

    date: date
    title: str
    summary: str
    url: str


def _title(edition, step) -> str:
    return _("%(edition)s: %(step)s") % {"edition": edition.title, "step": capfirst(step["label"])}


def current_editions() -> list[QuerySet]:
    """Both campaigns' current editions, unread (each a queryset of at most one edition), for
    a page to read with what else it shows: `upcoming_campaign_dates` takes their rows."""
    return [slam.current_edition_query(), cooperation_day.current_edition_query()]


def upcoming_campaign_dates(
    slam_editions: list, cooperation_day_editions: list
) -> list[CampaignDate]:
    """The next step of each campaign's current edition (the rows `current_editions` read)
    and, for Cooperation Day, the day itself; past editions and past steps are left out."""
    dates = []
    edition = slam_editions[0] if slam_editions else None
    if edition is not None:
        upcoming = [step for step in slam.timeline(edition) if not step["past"]]
        if upcoming:
            step = upcoming[0]
            dates.append(
                CampaignDate(
                    date=timezone.localdate(step["moment"]),
                    title=_title(edition, step),
                    summary=edition.theme,
                    url=edition.url,
                )
            )
    edition = cooperation_day_editions[0] if cooperation_day_editions else None
    if edition is not None:
        upcoming = [step for step in cooperation_day.edition_timeline(edition) if not step["past"]]
        for step in upcoming:
            is_day = step["name"] == "day"
            if is_day or step is upcoming[0]:
                dates.append(
                    CampaignDate(
                        date=step["date"],
                        title=edition.title if is_day else _title(edition, step),
                        summary=edition.theme,
                        url=edition.url,
                    )
                )
    return dates
