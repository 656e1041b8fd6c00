from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.dates import current_editions, upcoming_campaign_dates
from portal.core.access import pages_visible_to
from portal.core.cache import keep_value, kept_value
from portal.core.page_languages import localized_pages, shown_in_other_language
from portal.core.selectors import page_summaries

from .models import AccessibilityFeedback, NonAccessibleReason

UPCOMING_ITEMS_SHOWN = 4


@dataclass(frozen=True)
class ServiceCard:
    title: str
    summary: str
    url: str
    language: str = ""  # the page's own language, where it is not yet translated


class HomeServices:
    """The portal's services: the sections directly below the home page, in menu order, in
    the visitor's language where translated. Their pages are read with the home page's other
    sections (`reads`), their summaries in one query more (another in another language),
    however many types of page the sections are: Wagtail's `specific()` would read each type
    apart. Visitors' cards are kept until the next publish, per language (their titles,
    summaries and addresses): every page publish, unpublish, move or restriction change drops
    them, and while they are kept nothing is read."""

    def __init__(self, *, home, user):
        self.key, self.cards = None, None
        if not user.is_authenticated:
            self.key, self.cards = kept_value(("home-services", home.pk, get_language()))
        self.reads = []
        if self.cards is None:
            self.reads = [pages_visible_to(user, home.get_children().in_menu())]

    def built(self, rows: list[list]) -> list[ServiceCard]:
        """The cards, from the rows of `reads` where they were not kept."""
        if self.cards is None:
            self.cards = _services(rows[0])
            if self.key is not None:
                keep_value(self.key, self.cards, settings.PAGE_CACHE_SECONDS)
        return self.cards


def _services(pages: list) -> list[ServiceCard]:
    sections = localized_pages(pages, specific=False)
    summaries = page_summaries(sections)
    cards = []
    for section in sections:
        page = section.specific_deferred  # its own type's address, with no query
        cards.append(
            ServiceCard(
                title=section.title,
                summary=summaries.get(section.pk, ""),
                url=page.url,
                language=shown_in_other_language(page) or "",
            )
        )
    return cards


def upcoming_reads(*, home) -> list[QuerySet]:
    """What "Coming up" is made of, unread, for the page to read with its other sections: the
    editors' items to come and both campaigns' current editions."""
    written = (
        home.upcoming_items.filter(date__gte=timezone.localdate())
        .select_related("link_page")
        .order_by("date", "sort_order")[:UPCOMING_ITEMS_SHOWN]
    )
    return [written, *current_editions()]


def home_upcoming_items(rows: list[list]) -> list:
    """The editors' upcoming items and the campaigns' next dates (from their editions'
    timelines, as the campaign pages show them), soonest first: from the rows of
    `upcoming_reads`."""
    written, *editions = rows
    items = sorted(written + upcoming_campaign_dates(*editions), key=lambda item: item.date)
    return items[:UPCOMING_ITEMS_SHOWN]


def accessibility_feedback_readers():
    """The active accounts that may read accessibility feedback in the admin."""
    policy = ModelPermissionPolicy(AccessibilityFeedback)
    return policy.users_with_permission("view").filter(is_active=True)


def accessibility_statement_sections(statement) -> list[tuple[str, list]]:
    """The statement's non-accessible content grouped by reason, in the model statement's
    order, each group with its heading; reasons without content are left out."""
    groups = {reason: [] for reason in NonAccessibleReason.values}
    for block in statement.non_accessible_content:
        if block.value["reason"] in groups:
            groups[block.value["reason"]].append(block.value)
    return [(NonAccessibleReason(reason).label, items) for reason, items in groups.items() if items]
