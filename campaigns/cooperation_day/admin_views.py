"""The campaign team's screens in the admin: the moderation queue, reviewing one event, and
the campaign dashboard with its CSV export."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries as all_countries

from portal.accounts.models import Programme
from portal.core.exports import spreadsheet_safe
from portal.core.forms import PortalForm, add_service_errors
from portal.core.page_languages import originals
from portal.core.query import query_data, query_form, query_int, query_page

from . import access, selectors, services
from .forms import DecisionForm
from .models import CooperationDayEditionPage, Event, EventTransition

QUEUE_STATE_LABELS = [
    ("review", gettext_lazy("Waiting for review")),
    ("changes", gettext_lazy("Edits to published events")),
    ("changes_requested", gettext_lazy("Changes requested")),
    ("published", gettext_lazy("Published")),
    ("rejected", gettext_lazy("Rejected")),
    ("draft", gettext_lazy("Drafts")),
    ("all", gettext_lazy("All")),
]


class QueueFilterForm(PortalForm):
    state = forms.ChoiceField(
        label=gettext_lazy("Show"), required=False, choices=QUEUE_STATE_LABELS
    )
    edition = forms.TypedChoiceField(
        label=gettext_lazy("Edition"), required=False, coerce=int, empty_value=None
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    programme = forms.TypedChoiceField(
        label=gettext_lazy("Programme"), required=False, coerce=int, empty_value=None
    )
    q = forms.CharField(label=gettext_lazy("Title or organiser"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["edition"].choices = anything + [
            (year, str(year))
            for year in originals(CooperationDayEditionPage.objects.order_by("-year")).values_list(
                "year", flat=True
            )
        ]
        self.fields["country"].choices = anything + list(all_countries)
        self.fields["programme"].choices = anything + list(
            Programme.objects.order_by("name").values_list("pk", "name")
        )


def _campaign_team_only(request):
    if not access.is_campaign_team(request.user):
        raise PermissionDenied


@require_GET
def queue(request):
    _campaign_team_only(request)
    form = query_form(QueueFilterForm, request)
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.moderation_queue(user=request.user, filters=filters, page=query_page(request))
    return render(
        request,
        "cooperation_day/admin/queue.html",
        {
            "header_title": _("Cooperation Day: moderation"),
            "filter_form": form,
            "events": page,
            "query": query_data(request).urlencode(),
        },
    )


@require_POST
def bulk_approve(request):
    _campaign_team_only(request)
    ids = [value for value in request.POST.getlist("event") if value.isdigit()]
    events = Event.objects.filter(pk__in=ids).select_related("edition", "organiser")
    approved = services.events_bulk_approve(events=events, moderator=request.user)
    skipped = len(ids) - approved
    messages.success(
        request,
        _("%(approved)s events published.") % {"approved": approved}
        + (
            " "
            + _("%(skipped)s were not in review or not yours to moderate.") % {"skipped": skipped}
            if skipped
            else ""
        ),
    )
    return redirect(reverse("cooperation_day_admin:queue") + "?" + request.POST.get("query", ""))


@require_http_methods(["GET", "POST"])
def review(request, pk):
    event = get_object_or_404(
        Event.objects.select_related("edition", "programme", "organiser", "image"), pk=pk
    )
    if not access.may_moderate_event(request.user, event):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        reason, message = form.cleaned_data["reason"], form.cleaned_data["message"]
        try:
            if decision == "approve":
                services.event_approve(event=event, moderator=request.user)
                messages.success(request, _("“%(title)s” is published.") % {"title": event.title})
            elif decision == "changes":
                services.event_request_changes(
                    event=event, moderator=request.user, reason=reason, message=message
                )
                messages.success(request, _("The organiser is asked for changes."))
            elif decision == "reject":
                services.event_reject(
                    event=event, moderator=request.user, reason=reason, message=message
                )
                messages.success(request, _("The event is rejected; the organiser is told why."))
            else:
                raise ValidationError(_("Choose what to do with the event."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("cooperation_day_admin:queue")
    proposed = services.event_pending_view(event) if event.pending_changes else None
    return render(
        request,
        "cooperation_day/admin/review.html",
        {
            "header_title": _("Review: %(title)s") % {"title": event.title},
            "event": event,
            "shown": proposed or event,
            "changed_fields": _changed_fields(event, proposed) if proposed else [],
            "form": form,
            "transitions": selectors.event_transitions(event),
            "in_review": services.is_in_review(event),
            "reasons": EventTransition.Reason.choices,
        },
    )


def _changed_fields(published, proposed) -> list[dict]:
    rows = []
    for name in Event.EDITABLE_FIELDS:
        before, after = getattr(published, name), getattr(proposed, name)
        if before != after:
            field = Event._meta.get_field(name)
            rows.append({"label": field.verbose_name, "before": before, "after": after})
    return rows


def _edition_from(request):
    year = query_int(request, "edition", minimum=1)
    editions = originals(CooperationDayEditionPage.objects.order_by("-year"))
    return (editions.filter(year=year).first() if year else None) or editions.first()


@require_GET
def dashboard(request):
    _campaign_team_only(request)
    edition = _edition_from(request)
    context = {
        "header_title": _("Cooperation Day dashboard"),
        "edition": edition,
        "editions": originals(CooperationDayEditionPage.objects.order_by("-year")).values_list(
            "year", flat=True
        ),
    }
    if edition is not None:
        context.update(selectors.campaign_dashboard(edition))
        context["participations"] = edition.participations.select_related("programme")
    return render(request, "cooperation_day/admin/dashboard.html", context)


EXPORT_HEADINGS = [
    gettext_lazy("Reference"),
    gettext_lazy("Title"),
    gettext_lazy("Status"),
    gettext_lazy("Type"),
    gettext_lazy("Format"),
    gettext_lazy("Starts (UTC)"),
    gettext_lazy("Ends (UTC)"),
    gettext_lazy("Time zone"),
    gettext_lazy("Countries"),
    gettext_lazy("Venue"),
    gettext_lazy("Address"),
    gettext_lazy("Latitude"),
    gettext_lazy("Longitude"),
    gettext_lazy("Programme"),
    gettext_lazy("Strand"),
    gettext_lazy("Project"),
    gettext_lazy("Acronym"),
    gettext_lazy("Organised by"),
    gettext_lazy("Organiser e-mail"),
    gettext_lazy("Themes"),
    gettext_lazy("Expected participants"),
    gettext_lazy("Actual participants"),
]


def _export_row(event) -> list:
    programme = event.programme
    return [
        event.public_id,
        event.title,
        event.get_status_display(),
        event.get_event_type_display(),
        event.get_format_display(),
        event.starts_at.isoformat() if event.starts_at else "",
        event.ends_at.isoformat() if event.ends_at else "",
        event.time_zone,
        " ".join(country.code for country in event.countries),
        event.venue,
        event.address,
        event.latitude,
        event.longitude,
        programme.name if programme else "",
        programme.get_strand_display() if programme else "",
        event.project_name,
        event.project_acronym,
        event.organiser_organisation,
        event.organiser.email if event.organiser else "",
        ", ".join(item.tag.name for item in event.tagged_items.all()),
        event.expected_participants,
        event.actual_participants,
    ]


@require_GET
def dashboard_export(request):
    _campaign_team_only(request)
    edition = _edition_from(request)
    if edition is None:
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="cooperation-day-{edition.year}-events.csv"'
    )
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading in EXPORT_HEADINGS])
    for event in selectors.events_for_export(edition).iterator(chunk_size=500):
        writer.writerow([spreadsheet_safe(value) for value in _export_row(event)])
    return response
