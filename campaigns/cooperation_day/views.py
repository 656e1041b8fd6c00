"""Cooperation Day endpoints beyond the Wagtail pages: registering and managing events, event
pages, feeds, attendee sign-up and the after-event report."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.drafts import draft_save_and_submit, submitting
from campaigns.images import image_store
from portal.accounts import roles
from portal.accounts.models import Programme
from portal.core import cache as page_cache
from portal.core.cache import PERSONAL_COPY_UNTIL, kept_for_person
from portal.core.capacity import PlaceStatus, waitlist_position
from portal.core.exports import spreadsheet_safe
from portal.core.forms import add_service_errors
from portal.core.links import absolute_url
from portal.core.page_languages import originals
from portal.core.pages import Crumb
from portal.core.query import query_choice, query_data, query_int, query_page, query_text
from portal.core.ratelimit import over_limit, too_many_requests

from . import access, calendar, feeds, selectors, services
from .forms import EventForm, ParticipationForm, ReportForm, SignUpForm
from .models import CooperationDayEditionPage, Event, EventAttendee, ProgrammeParticipation
from .organiser_versions import my_events_versions
from .page_views import event_filter_form, map_settings
from .pieces import sign_up_panel

DRAFT_SAVED = gettext_lazy("Your draft is saved. You can finish it later from “My events”.")
SUBMITTED = gettext_lazy(
    "Thank you! Your event is waiting for review; we e-mail you when it is published."
)
SUBMIT_INCOMPLETE = gettext_lazy(
    "Your draft is saved, but it cannot be submitted yet: see the fields below."
)


def _map_context() -> dict:
    return {"map_settings": map_settings()}


# Registering and managing events -----------------------------------------------------------


def _owned_event(request, public_id) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("edition", "programme", "image"), public_id=public_id
    )
    if event.organiser_id != request.user.pk:
        raise Http404
    return event


def _event_save(request, form, *, edition, event=None) -> Event:
    """Store the form as a draft, or as pending edits of a published event."""
    values = form.event_values()
    uploaded = form.cleaned_data.get("image_file")
    if uploaded:
        values["image"] = image_store(
            uploaded=uploaded,
            title=values.get("title") or "",
            user=request.user,
            collection=services.PHOTOS_COLLECTION,
        )
    themes = form.cleaned_data.get("themes") or []
    if event is None:
        return services.event_create(
            edition=edition, organiser=request.user, values=values, themes=themes
        )
    return services.event_update(event=event, user=request.user, values=values, themes=themes)


def _event_page_url(event: Event) -> str:
    return reverse("cooperation_day:event_detail", args=[event.public_id])


def _event_form_page(request, form, *, edition, event=None, registration_open=True):
    """Save (and maybe submit) on a valid POST, else show the form with what was typed."""
    if request.method == "POST" and registration_open and form.is_valid():
        draft, done, earlier_url = draft_save_and_submit(
            request,
            form,
            save=lambda data: _event_save(request, form, edition=edition, event=event),
            submit=lambda draft: services.event_submit(event=draft, user=request.user),
            renamed={"image": "image_file"},
            result_url=_event_page_url if event is None else None,
        )
        if earlier_url:  # the same form sent again: its event exists already
            return redirect(earlier_url)
        if done:
            messages.success(request, SUBMITTED if submitting(request) else DRAFT_SAVED)
            return redirect("cooperation_day:my_events")
        if draft is not None:
            event = draft
            messages.warning(request, SUBMIT_INCOMPLETE)
    return render(
        request,
        "cooperation_day/event_form.html",
        {
            "form": form,
            "edition": edition,
            "event": event,
            "registration_open": registration_open,
            **_map_context(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    edition = selectors.current_edition()
    if edition is None:
        raise Http404
    form = EventForm(request.POST or None, request.FILES or None, edition=edition)
    return _event_form_page(
        request,
        form,
        edition=edition,
        registration_open=edition.registration_is_open() or roles.is_site_staff(request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, public_id):
    event = _owned_event(request, public_id)
    if event.status == Event.Status.REJECTED:
        messages.error(request, services.EVENT_NOT_EDITABLE)
        return redirect("cooperation_day:my_events")
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        instance=services.event_pending_view(event),
        edition=event.edition,
    )
    return _event_form_page(request, form, edition=event.edition, event=event)


@login_required
@require_POST
def event_submit(request, public_id):
    event = _owned_event(request, public_id)
    try:
        services.event_submit(event=event, user=request.user)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            messages.warning(request, SUBMIT_INCOMPLETE)
            return redirect("cooperation_day:event_edit", public_id=event.public_id)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, SUBMITTED)
    return redirect("cooperation_day:my_events")


@login_required
@require_GET
@kept_for_person(my_events_versions)
def my_events(request):
    now = timezone.now()
    page_obj = selectors.my_events(user=request.user, page_number=query_page(request))
    edition = selectors.current_edition()
    response = render(
        request,
        "cooperation_day/my_events.html",
        {
            "page_obj": page_obj,
            "events": page_obj.object_list,
            "edition": edition,
            "now": now,
            "reason_labels": dict(services.EventTransition.Reason.choices),
        },
    )
    changes_at = selectors.my_events_changes_at(list(page_obj.object_list), edition, now=now)
    setattr(response, PERSONAL_COPY_UNTIL, changes_at)
    return response


@login_required
@require_GET
def event_attendees(request, public_id):
    event = _owned_event(request, public_id)
    if not access.may_see_attendees(request.user, event):
        raise PermissionDenied
    attendees = selectors.attendees_for(event)
    if query_choice(request, "format", ["csv"]) == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="attendees-{event.public_id}.csv"'
        writer = csv.writer(response)
        writer.writerow([_("Name"), _("E-mail"), _("Status"), _("Signed up")])
        for attendee in attendees:
            writer.writerow(
                [
                    spreadsheet_safe(attendee.name),
                    spreadsheet_safe(attendee.email),
                    attendee.get_status_display(),
                    attendee.created_at.isoformat(),
                ]
            )
        return response
    return render(
        request, "cooperation_day/event_attendees.html", {"event": event, "attendees": attendees}
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_report(request, public_id):
    event = _owned_event(request, public_id)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        initial={"actual_participants": event.actual_participants},
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.event_report(
                event=event,
                user=request.user,
                actual_participants=form.cleaned_data["actual_participants"],
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you for reporting. Your certificate of participation is ready."),
            )
            return redirect(certificate.get_absolute_url())
    return render(
        request,
        "cooperation_day/event_report.html",
        {"event": event, "form": form, "too_early": not event.has_ended or not event.is_public},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation(request):
    edition = selectors.current_edition()
    if edition is None:
        raise Http404
    staff_of = Programme.objects.order_by("name")
    if not roles.is_site_staff(request.user):
        staff_of = staff_of.filter(pk__in=roles.staff_programme_ids(request.user))
    own_ids = set(staff_of.values_list("pk", flat=True))
    taking_part = list(
        ProgrammeParticipation.objects.filter(
            edition=edition, programme_id__in=own_ids
        ).select_related("programme")
    )
    available = staff_of.exclude(pk__in=[item.programme_id for item in taking_part])
    form = ParticipationForm(
        request.POST or None,
        programmes=available,
        initial={"contact_name": request.user.get_full_name(), "contact_email": request.user.email},
    )
    if request.method == "POST" and form.is_valid():
        details = {name: form.cleaned_data[name] for name in form.Meta.fields[1:]}
        try:
            services.participation_register(
                edition=edition,
                programme=form.cleaned_data["programme"],
                user=request.user,
                **details,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error("programme", str(error))
        else:
            messages.success(
                request,
                _("%(programme)s takes part in Cooperation Day %(year)s. Thank you!")
                % {"programme": form.cleaned_data["programme"], "year": edition.year},
            )
            return redirect("cooperation_day:participation")
    return render(
        request,
        "cooperation_day/participation.html",
        {
            "edition": edition,
            "form": form,
            "may_register": available.exists(),
            "own_participations": taking_part,
        },
    )


# Public event pages and feeds --------------------------------------------------------------


@require_GET
def event_detail(request, public_id):
    """A published event's page is one copy for everyone (the places left, the person's own
    place and the organiser's and moderators' links are personal pieces), kept until the next
    approval or the event's end; PageCacheMiddleware answers from it. An event in review is
    rendered for its organiser and moderators alone."""
    event = selectors.event_for_page(public_id)
    if event is None or not access.may_preview_event(request.user, event):
        raise Http404
    if not event.is_public:
        return _event_page(request, event)
    return page_cache.serve_shared(
        request,
        lambda: _event_page(request, event),
        signed_in=True,
        # Once the event has ended its page says so, and offers no sign-up.
        keep_for=lambda: None if event.has_ended else page_cache.seconds_until(event.ends_at),
    )


def _event_page(request, event, *, sign_up=None):
    response = render(
        request,
        "cooperation_day/event_detail.html",
        {
            "event": event,
            "breadcrumb_ancestors": _breadcrumbs(event),
            # The title is in the organiser's language, whatever the visitor's.
            "breadcrumb_current": Crumb(event.title, "", event.language),
            "preview": not event.is_public,
            "sign_up": sign_up,
            "share_url": absolute_url(
                reverse("cooperation_day:event_detail", args=[event.public_id])
            ),
            "json_ld": _json_ld_script(event) if event.is_public else "",
            "event_positions": _positions(event),
            **_map_context(),
        },
    )
    if not event.is_public:
        response["X-Robots-Tag"] = "noindex"
    return response


def _breadcrumbs(event) -> list[Crumb]:
    """From Home, like a page's: the edition's ancestors, then the edition's list of events."""
    edition = event.edition
    return [
        *edition.breadcrumbs(),
        Crumb(_("Cooperation Day %(year)s") % {"year": edition.year}, f"{edition.url}#events"),
    ]


def _positions(event) -> list:
    positions = []
    if event.latitude is not None:
        positions.append([float(event.latitude), float(event.longitude)])
    if event.second_latitude is not None:
        positions.append([float(event.second_latitude), float(event.second_longitude)])
    return positions


def _json_ld_script(event) -> str:
    # json_script escapes what could end the element; only the type differs for JSON-LD.
    return mark_safe(  # noqa: S308 - escaped by json_script
        json_script(_json_ld(event)).replace(
            'type="application/json"', 'type="application/ld+json"', 1
        )
    )


def _json_ld(event) -> dict:
    """schema.org Event, public fields only."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.local_starts_at.isoformat(),
        "endDate": event.local_ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": {
            Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
            Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
            Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
        }[event.format],
        "url": absolute_url(reverse("cooperation_day:event_detail", args=[event.public_id])),
        "organizer": {"@type": "Organization", "name": event.organiser_organisation},
        "isAccessibleForFree": True,
    }
    locations = []
    if event.format != Event.Format.ONLINE:
        place = {
            "@type": "Place",
            "name": event.venue,
            "address": event.address,
        }
        if event.latitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        locations.append(place)
    if event.format != Event.Format.IN_PERSON and event.online_link:
        locations.append({"@type": "VirtualLocation", "url": event.online_link})
    if locations:
        data["location"] = locations if len(locations) > 1 else locations[0]
    if event.image_id:
        data["image"] = absolute_url(event.image.get_rendition(selectors.DETAIL_IMAGE).url)
    if event.languages:
        data["inLanguage"] = list(event.languages)
    return data


@require_GET
def event_calendar(request, public_id):
    event = get_object_or_404(Event, public_id=public_id, status=Event.Status.PUBLISHED)
    response = HttpResponse(calendar.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.public_id}.ics"'
    return response


def _feed_edition(request):
    year = query_int(request, "edition", minimum=1)
    editions = originals(CooperationDayEditionPage.objects.live())
    if year:
        return editions.filter(year=year).first()
    return selectors.current_edition()


def _feed(request, *, content_type: str, body_for, headers: dict) -> HttpResponse:
    """A public feed of the published events the URL's filters select. What it shows depends
    on the address alone (its edition and filters, its language), never on the person: only
    published events, which everyone may see, and no organiser's or moderator's own. So it is
    kept as one copy per address, language and content version (every change to an event or
    an edition makes a new one), answered to everyone before sessions and routing, and
    gzip-compressed once for the clients that accept it (portal.core.cache)."""

    def render() -> HttpResponse:
        edition = _feed_edition(request)
        if edition is None:
            raise Http404
        filters = event_filter_form(query_data(request), edition).filters()
        body = body_for(edition, selectors.published_events(edition=edition, filters=filters))
        response = HttpResponse(body, content_type=content_type)
        patch_vary_headers(response, ["Accept-Encoding"])
        response["Cache-Control"] = "public, max-age=300"
        for name, value in headers.items():
            response[name] = value
        return response

    return page_cache.serve_shared(request, render, signed_in=True, for_everyone=True)


def _ics_body(edition, events) -> bytes:
    name = _("Cooperation Day %(year)s") % {"year": edition.year}
    return feeds.ical_document(events, name=name, most=feeds.CALENDAR_MOST_EVENTS)


@require_GET
def events_geojson(request):
    """The map's events: one by one, or grouped beyond a number (`feeds.map_document`), in the
    view `zoom` and `bbox` (west,south,east,north) ask for; the whole world without."""
    area = feeds.MapArea.from_query(
        query_text(request, "zoom", max_length=8), query_text(request, "bbox", max_length=200)
    )
    return _feed(
        request,
        content_type="application/geo+json",
        body_for=lambda edition, events: feeds.map_document(events, area),
        headers={"Access-Control-Allow-Origin": "*"},
    )


@require_GET
def events_ics(request):
    return _feed(
        request,
        content_type="text/calendar; charset=utf-8",
        body_for=_ics_body,
        headers={"Content-Disposition": 'inline; filename="cooperation-day.ics"'},
    )


# Attendee sign-up --------------------------------------------------------------------------


@require_POST
def sign_up(request, public_id):
    event = get_object_or_404(Event, public_id=public_id, status=Event.Status.PUBLISHED)
    if over_limit(
        request,
        action="event-sign-up",
        limit=settings.EVENT_SIGN_UPS_PER_HOUR,
        window_seconds=3600,
    ):
        return too_many_requests(request)
    form = SignUpForm(request.POST)
    if form.is_valid():
        try:
            services.sign_up_request(
                event=event, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return render(
                request,
                "cooperation_day/sign_up_sent.html",
                {"event": event, "email": form.cleaned_data["email"]},
            )
    detail = selectors.event_for_page(public_id)
    panel = sign_up_panel(
        request,
        event_id=detail.pk,
        public_id=detail.public_id,
        capacity=detail.capacity or 0,
        form=form,
    )
    return _event_page(request, detail, sign_up=panel)


@never_cache  # a link for one person: no browser or proxy keeps the page
@require_http_methods(["GET", "POST"])
def sign_up_confirm(request, token):
    """The link from the e-mail. GET asks to confirm (mail scanners follow links); POST does."""
    try:
        event, name, email = services.sign_up_details(token)
    except ValidationError as error:
        return render(
            request,
            "cooperation_day/sign_up_invalid.html",
            {"message": error.messages[0]},
            status=200,
        )
    attendee = None
    if request.method == "POST":
        try:
            attendee, _created = services.sign_up_confirm(token=token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    position = None
    if attendee is not None and attendee.status == PlaceStatus.WAITLISTED:
        position = waitlist_position(
            holding=attendee, holdings=EventAttendee.objects.filter(event=event)
        )
    response = render(
        request,
        "cooperation_day/sign_up_confirm.html",
        {"event": event, "name": name, "email": email, "attendee": attendee, "position": position},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache  # a link for one person: no browser or proxy keeps the page
@require_http_methods(["GET", "POST"])
def sign_up_cancel(request, token):
    attendee = EventAttendee.objects.select_related("event").filter(cancel_token=token).first()
    if attendee is None:
        raise Http404
    cancelled = attendee.status == PlaceStatus.CANCELLED
    if request.method == "POST" and not cancelled:
        services.sign_up_cancel(attendee=attendee)
        cancelled = True
        messages.success(request, _("Your place is cancelled. Thank you for letting us know."))
    response = render(
        request,
        "cooperation_day/sign_up_cancel.html",
        {"attendee": attendee, "event": attendee.event, "cancelled": cancelled},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
