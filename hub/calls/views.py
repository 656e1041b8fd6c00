"""Calls for proposals: the listing, a call's page, its feeds and deadline calendar, and the
forms programmes publish with."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from hub import access
from portal.core.cache import shared_with_everyone_until
from portal.core.forms import submitted
from portal.core.query import query_data, query_page

from . import calendar, selectors, services
from .countdown import countdown_words, with_countdowns
from .forms import CallForm, call_filter_form
from .models import CallStatus

PUBLISHED = gettext_lazy("The call is published.")
SAVED = gettext_lazy("Your changes to the call are published.")
CALENDAR_REFRESH_HOURS = 6
FEED_MAX_AGE = 300

SECTION_HEADINGS = {
    "closing_soon": gettext_lazy("Closing soon"),
    "open": gettext_lazy("Open now"),
    "planned": gettext_lazy("Planned"),
    "closed": gettext_lazy("Recently closed"),
}


def _listing_query(request) -> str:
    """The listing's filters as its address carries them, without the page number."""
    params = query_data(request)
    params.pop("page", None)
    return params.urlencode()


def _next_status_change(now):
    return selectors.next_status_change(now=now)


@require_GET
@shared_with_everyone_until(_next_status_change)
def call_list(request):
    now = timezone.now()
    form = call_filter_form(query_data(request))
    filters, status = form.filters(), form.chosen_status()
    sections = selectors.listing_sections(
        filters=filters, status=status, page=query_page(request), now=now
    )
    query = _listing_query(request)
    for section in sections:
        section.heading = SECTION_HEADINGS[section.key]
        section.calls = with_countdowns(section.calls, now)
        # "See all": the section alone, paginated ("closing soon" among all open calls).
        shown = CallStatus.OPEN if section.key == "closing_soon" else section.key
        section.all_url = "?" + "&".join(part for part in (query, f"status={shown}") if part)
    suffix = f"?{query}" if query else ""
    return render(
        request,
        "hub/calls/call_list.html",
        {
            "filter_form": form,
            "filtered": bool(filters) or bool(status),
            "status": status,
            "sections": sections,
            "found": sum(section.total for section in sections),
            "query": query,
            "rss_url": reverse("hub_calls:feed_rss") + suffix,
            "atom_url": reverse("hub_calls:feed_atom") + suffix,
            "calendar_url": reverse("hub_calls:calendar") + suffix,
            "countdown_words": countdown_words(),
            "next": request.get_full_path(),
        },
    )


@require_GET
@shared_with_everyone_until(_next_status_change)
def call_detail(request, programme_slug, slug):
    call = selectors.call_for_page(programme_slug=programme_slug, slug=slug)
    if call is None:
        raise Http404
    now = timezone.now()
    with_countdowns([call], now)
    return render(
        request,
        "hub/calls/call_detail.html",
        {
            "call": call,
            "is_open": call.status_at(now) == "open",
            "countdown_words": countdown_words(),
            "calendar_url": reverse("hub_calls:calendar") + f"?programme={call.programme.slug}",
        },
    )


# Publishing ------------------------------------------------------------------------------------


def _document_and_themes(form) -> dict:
    data = form.cleaned_data
    new_document = None
    if data.get("document_file"):
        new_document = (data["document_title"], data["document_file"])
    return {"themes": data.get("themes") or [], "new_document": new_document}


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    if not access.may_publish(request.user):
        # Signed in, but publishing for no programme: say who publishes and how to become one
        # (a POST is refused with the same page).
        status = 403 if request.method == "POST" else 200
        return render(request, "hub/calls/call_publishers_only.html", status=status)
    programmes = access.publishing_programmes(request.user)
    form = CallForm(request.POST or None, request.FILES or None, programmes=programmes)
    if len(programmes) == 1 and not form.is_bound:
        form.initial["programme"] = programmes[0].pk

    def apply(data):
        call = services.call_create(
            user=request.user, values=form.call_values(), **_document_and_themes(form)
        )
        return call.get_absolute_url()

    done = submitted(request, form, apply, success=PUBLISHED)
    if done:
        return done
    return render(
        request,
        "hub/calls/call_form.html",
        {"form": form, "call": None, "title": _("Publish a call for proposals")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request, programme_slug, slug):
    call = selectors.call_for_edit(programme_slug=programme_slug, slug=slug)
    if call is None:
        raise Http404
    if not access.may_publish_for(request.user, call.programme):
        raise PermissionDenied
    form = CallForm(
        request.POST or None,
        request.FILES or None,
        instance=call,
        programmes=access.publishing_programmes(request.user),
    )

    def apply(data):
        saved = services.call_update(
            call=call,
            user=request.user,
            values=form.call_values(),
            remove_documents=data.get("remove_documents") or [],
            **_document_and_themes(form),
        )
        return saved.get_absolute_url()

    done = submitted(request, form, apply, success=SAVED)
    if done:
        return done
    return render(
        request,
        "hub/calls/call_form.html",
        {
            "form": form,
            "call": call,
            "title": _("Edit the call"),
            "history": selectors.call_history(call),
        },
    )


# Feeds and the deadline calendar ---------------------------------------------------------------


@require_GET
def deadline_calendar(request):
    filters = call_filter_form(query_data(request)).filters()
    calls = selectors.calendar_calls(filters=filters)
    body = calendar.deadlines_feed(
        calls,
        name=_("Interreg calls for proposals: deadlines"),
        refresh_hours=CALENDAR_REFRESH_HOURS,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="call-deadlines.ics"'
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response
