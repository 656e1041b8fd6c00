"""RSS and Atom feeds of open vacancies: the whole listing, or the view its filters select
(the same query string as the listing's address)."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.core.links import absolute_url
from portal.core.query import query_data

from . import selectors
from .forms import VacancyFilterForm
from .job_posting import plain_summary
from .models import Vacancy


def filter_form(params) -> VacancyFilterForm:
    """The listing's filters bound to `params`; the listing, the feeds and saved searches
    all read their filters through it."""
    return VacancyFilterForm(params or None, programme_choices=selectors.programme_choices())


def listing_query(request) -> str:
    """The listing's query string without its page number."""
    params = query_data(request)
    params.pop("page", None)
    return params.urlencode()


@dataclass(frozen=True)
class FeedView:
    filters: dict
    query: str


class VacancyRssFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        return FeedView(filter_form(query_data(request)).filters(), listing_query(request))

    def title(self, obj):
        return _("Vacancies in Interreg programmes")

    def description(self, obj):
        return _("Jobs in Interreg programme bodies and Interact, newest first.")

    def link(self, obj):
        listing = reverse("hub_vacancies:vacancy_list")
        return f"{listing}?{obj.query}" if obj.query else listing

    def items(self, obj):
        vacancies = selectors.open_vacancies(filters={**obj.filters, "sort": "newest"})
        return selectors.feed_items(vacancies)

    def item_title(self, item: Vacancy):
        return f"{item.title} · {item.employer_label}"

    def item_description(self, item: Vacancy):
        closes = item.local_closes_at
        return _("%(summary)s Applications close on %(date)s (%(zone)s).") % {
            "summary": plain_summary(item),
            "date": date_format(closes, "DATETIME_FORMAT"),
            "zone": item.time_zone,
        }

    def item_link(self, item: Vacancy):
        return item.get_absolute_url()

    def item_guid(self, item: Vacancy):
        # Stable when the title (and with it the page's address) changes.
        return absolute_url(reverse("hub_vacancies:vacancy_list")) + f"#vacancy-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Vacancy):
        return item.published_at

    def item_updateddate(self, item: Vacancy):
        return item.updated_at

    def item_author_name(self, item: Vacancy):
        return item.employer_label

    def item_categories(self, item: Vacancy):
        return [item.get_contract_type_display()]


class VacancyAtomFeed(VacancyRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
