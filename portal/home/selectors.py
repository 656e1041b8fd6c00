from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.dates import upcoming_campaign_dates
from portal.core.access import pages_visible_to
from portal.core.page_languages import localized_pages, shown_in_other_language

from .models import AccessibilityFeedback, NonAccessibleReason

UPCOMING_ITEMS_SHOWN = 4


@dataclass(frozen=True)
class ServiceCard:
    title: str
    summary: str
    url: str
    language: str = ""  # the page's own language, where it is not yet translated


def home_services(*, home, user) -> list[ServiceCard]:
    """The portal's services: the sections directly below the home page, in menu order, in
    the visitor's language where translated. Two queries (three in another language), however
    many types of page the sections are: Wagtail's `specific()` would read each type apart."""
    sections = localized_pages(
        list(pages_visible_to(user, home.get_children().in_menu())), specific=False
    )
    summaries = _summaries(sections)
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


def _summaries(pages) -> dict[int, str]:
    """The `summary` of each of `pages` (generic pages of any types) by id, in one query."""
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class].append(page.pk)
    reads = []
    for model, ids in ids_by_model.items():
        try:
            model._meta.get_field("summary")
        except (FieldDoesNotExist, AttributeError):  # no such field, or a type since removed
            continue
        reads.append(model.objects.filter(pk__in=ids).order_by().values_list("pk", "summary"))
    if not reads:
        return {}
    first, *others = reads
    return dict(first.union(*others, all=True) if others else first)


def home_upcoming_items(*, home) -> list:
    """The editors' upcoming items and the campaigns' next dates (from their editions'
    timelines, as the campaign pages show them), soonest first."""
    written = list(
        home.upcoming_items.filter(date__gte=timezone.localdate())
        .select_related("link_page")
        .order_by("date", "sort_order")[:UPCOMING_ITEMS_SHOWN]
    )
    items = sorted(written + upcoming_campaign_dates(), key=lambda item: item.date)
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
