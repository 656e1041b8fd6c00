"""RSS and Atom feeds of calls, whole or as filtered as the listing's address."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.core.query import query_data

from . import selectors
from .forms import call_filter_form


class CallFeed(Feed):
    """The newest calls the filters in the address select."""

    def get_object(self, request, *args, **kwargs):
        params = query_data(request)
        params.pop("page", None)
        return {"filters": call_filter_form(params).filters(), "query": params.urlencode()}

    def title(self, obj):
        return _("Interreg calls for proposals")

    def description(self, obj):
        return _("New calls for proposals of Interreg programmes, as published on the portal.")

    subtitle = description

    def link(self, obj):
        query = obj["query"]
        return reverse("hub_calls:call_list") + (f"?{query}" if query else "")

    def items(self, obj):
        return selectors.feed_calls(filters=obj["filters"])

    def item_title(self, call):
        return call.title

    def item_description(self, call):
        closes = date_format(call.local_closes_at, "DATETIME_FORMAT")
        return _("%(programme)s. %(summary)s Deadline: %(closes)s (%(zone)s).") % {
            "programme": call.programme,
            "summary": call.summary,
            "closes": closes,
            "zone": call.time_zone,
        }

    def item_link(self, call):
        return call.get_absolute_url()

    def item_guid(self, call):
        return f"call-{call.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, call):
        return call.created_at

    def item_updateddate(self, call):
        return call.updated_at

    def item_categories(self, call):
        return [str(call.programme.get_strand_display())]


class CallAtomFeed(CallFeed):
    feed_type = Atom1Feed
