"""Cooperation Day writes: participation, events and their moderation, attendee sign-ups."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.models import Certificate
from academy.services import certificate_issue
from portal.accounts import roles
from portal.core.links import absolute_url
from portal.core.sanitize import sanitize_html
from portal.notifications.services import email_from_templates

from . import access
from .models import (
    Event,
    EventTransition,
    ProgrammeParticipation,
)

Status = Event.Status

PARTICIPATION_NOT_STAFF = _("Only approved staff of this programme can register it.")
PARTICIPATION_TWICE = _("This programme is already taking part in this edition.")
REGISTRATION_CLOSED = _("Event registration for this edition is closed.")
EVENT_NOT_EDITABLE = _("A rejected event cannot be changed; register a new one instead.")
EVENT_NOT_SUBMITTABLE = _("This event is not waiting to be submitted.")
EVENT_NOT_IN_REVIEW = _("This event is not waiting for review.")
REASON_NEEDED = _("Choose a reason.")
MESSAGE_NEEDED = _("Explain what the organiser should know.")
REPORT_TOO_EARLY = _("You can report once the event has taken place.")

# The fields an organiser edits; for a published event they wait in `pending_changes`.
EDITABLE_FIELDS = (
    "title", "description", "organiser_organisation", "programme", "project_name",
    "project_acronym", "project_url", "event_type", "format", "starts_at", "ends_at",
    "time_zone", "venue", "address", "countries", "latitude", "longitude", "second_latitude",
    "second_longitude", "online_link", "languages", "audience", "accessibility",
    "expected_participants", "image", "image_credit", "show_contact", "contact_email",
    "contact_phone", "booking", "capacity", "registration_url",
)  # fmt: skip


# Participation -----------------------------------------------------------------------------


def participation_register(*, edition, programme, user, **details) -> ProgrammeParticipation:
    if not (roles.is_programme_staff(user, programme) or roles.is_site_staff(user)):
        raise PermissionDenied(PARTICIPATION_NOT_STAFF)
    if ProgrammeParticipation.objects.filter(edition=edition, programme=programme).exists():
        raise ValidationError(PARTICIPATION_TWICE, code="twice")
    return ProgrammeParticipation.objects.create(
        edition=edition, programme=programme, registered_by=user, **details
    )


# Events ------------------------------------------------------------------------------------


def _snapshot(values: dict) -> dict:
    """Form values in a JSON-safe shape, to keep edits of a published event aside."""
    snapshot = {}
    for name, value in values.items():
        field = Event._meta.get_field(name)
        if field.is_relation:
            snapshot[name] = value.pk if value is not None else None
        elif name == "countries":
            snapshot[name] = [getattr(country, "code", country) for country in value]
        elif name == "languages":
            snapshot[name] = list(value)
        elif hasattr(value, "isoformat"):
            snapshot[name] = value.isoformat()
        elif value is not None and not isinstance(value, (str, int, bool)):
            snapshot[name] = str(value)  # Decimal
        else:
            snapshot[name] = value
    return snapshot


def _restore(event: Event, snapshot: dict) -> None:
    for name, value in snapshot.items():
        if name == "themes":
            continue
        field = Event._meta.get_field(name)
        if field.is_relation:
            setattr(event, field.attname, value)
        else:
            setattr(event, name, field.to_python(value) if value is not None else None)


def _values(event: Event) -> dict:
    return {name: getattr(event, name) for name in EDITABLE_FIELDS}


def event_pending_view(event: Event) -> Event:
    """The event as its organiser last edited it (published columns + waiting changes)."""
    if not event.pending_changes:
        return event
    pending = Event.objects.get(pk=event.pk)
    _restore(pending, event.pending_changes)
    return pending


def _clean_values(values: dict) -> dict:
    values = dict(values)
    if "description" in values:
        values["description"] = sanitize_html(values["description"])
    return values


def event_create(*, edition, organiser, values: dict, themes=()) -> Event:
    """A new draft; nothing is checked beyond what the form itself checked."""
    if not edition.registration_is_open() and not roles.is_site_staff(organiser):
        raise ValidationError(REGISTRATION_CLOSED, code="closed")
    event = Event(edition=edition, organiser=organiser, **_clean_values(values))
    event.full_clean(exclude=["organiser", "edition"])
    with transaction.atomic():
        event.save()
        event.themes.set(list(themes))
    return event


def event_update(*, event: Event, user, values: dict, themes=None) -> Event:
    """Save the organiser's edits. Edits to a published event wait for review while the
    published version stays visible."""
    if event.organiser_id != user.pk:
        raise PermissionDenied
    if event.status == Status.REJECTED:
        raise ValidationError(EVENT_NOT_EDITABLE, code="rejected")
    values = _clean_values(values)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == Status.PUBLISHED:
            candidate = event_pending_view(event)
            for name, value in values.items():
                setattr(candidate, name, value)
            candidate.full_clean(exclude=["organiser", "edition"])
            snapshot = _snapshot({name: getattr(candidate, name) for name in EDITABLE_FIELDS})
            if themes is not None:
                snapshot["themes"] = sorted(themes)
            event.pending_changes = snapshot
            event.pending_status = Status.DRAFT
            event.save(update_fields=["pending_changes", "pending_status", "updated_at"])
            return event
        for name, value in values.items():
            setattr(event, name, value)
        event.full_clean(exclude=["organiser", "edition"])
        if event.status == Status.SUBMITTED:
            event.status = Status.DRAFT  # edited while waiting: submit again when ready
        event.save()
        if themes is not None:
            event.themes.set(list(themes))
    return event


def _log(event, *, from_status, to_status, actor, changes=False, reason="", message=""):
    EventTransition.objects.create(
        event=event,
        from_status=from_status,
        to_status=to_status,
        applies_to_changes=changes,
        actor=actor,
        reason=reason,
        message=message,
    )


def _tell_organiser(event: Event, transition: str, *, reason="", message="") -> None:
    email_from_templates(
        template=f"campaigns/email/event_{transition}",
        to=[event.organiser.email],
        context={
            "event": event,
            "reason": EventTransition.Reason(reason).label if reason else "",
            "message": message,
            "edition_url": absolute_url(event.edition.url or "/"),
        },
    )


def event_submit(*, event: Event, user) -> Event:
    if event.organiser_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == Status.PUBLISHED and event.pending_status in (
            Status.DRAFT,
            Status.CHANGES_REQUESTED,
        ):
            candidate = event_pending_view(event)
            errors = candidate.completeness_errors()
            if errors:
                raise ValidationError(errors, code="incomplete")
            previous, event.pending_status = event.pending_status, Status.SUBMITTED
            event.save(update_fields=["pending_status", "updated_at"])
            _log(event, from_status=previous, to_status=Status.SUBMITTED, actor=user, changes=True)
        elif event.status in (Status.DRAFT, Status.CHANGES_REQUESTED):
            errors = event.completeness_errors()
            if errors:
                raise ValidationError(errors, code="incomplete")
            event.full_clean(exclude=["organiser", "edition"])
            previous, event.status = event.status, Status.SUBMITTED
            event.submitted_at = timezone.now()
            event.save(update_fields=["status", "submitted_at", "updated_at"])
            _log(event, from_status=previous, to_status=Status.SUBMITTED, actor=user)
        else:
            raise ValidationError(EVENT_NOT_SUBMITTABLE, code="not_submittable")
    _tell_organiser(event, "submitted")
    return event


def _in_review(event: Event) -> bool:
    return event.status == Status.SUBMITTED or event.pending_status == Status.SUBMITTED


def event_approve(*, event: Event, moderator) -> Event:
    if not access.may_moderate_event(moderator, event):
        raise PermissionDenied
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not _in_review(event):
            raise ValidationError(EVENT_NOT_IN_REVIEW, code="not_in_review")
        changes = event.status == Status.PUBLISHED
        if changes:
            themes = event.pending_changes.get("themes")
            _restore(event, event.pending_changes)
            event.pending_changes, event.pending_status = {}, ""
            if themes is not None:
                event.themes.set(themes)
        else:
            event.status = Status.PUBLISHED
            event.published_at = timezone.now()
        event.save()
        _log(
            event,
            from_status=Status.SUBMITTED,
            to_status=Status.PUBLISHED,
            actor=moderator,
            changes=changes,
        )
    _tell_organiser(event, "published")
    return event


def events_bulk_approve(*, events, moderator) -> int:
    """Approve every event in review that `moderator` may moderate; returns how many."""
    approved = 0
    for event in events:
        if access.may_moderate_event(moderator, event) and _in_review(event):
            event_approve(event=event, moderator=moderator)
            approved += 1
    return approved


def _decide_against(*, event, moderator, reason, message, to_status, transition):
    if not access.may_moderate_event(moderator, event):
        raise PermissionDenied
    errors = {}
    if reason not in EventTransition.Reason.values:
        errors["reason"] = REASON_NEEDED
    if reason == EventTransition.Reason.OTHER and not message.strip():
        errors["message"] = MESSAGE_NEEDED
    if errors:
        raise ValidationError(errors, code="reason")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not _in_review(event):
            raise ValidationError(EVENT_NOT_IN_REVIEW, code="not_in_review")
        changes = event.status == Status.PUBLISHED
        if changes:
            # The published version stays up; only the proposed edits are turned back
            # (for another try, or dropped when rejected).
            if to_status == Status.REJECTED:
                event.pending_changes, event.pending_status = {}, ""
            else:
                event.pending_status = to_status
            event.save(update_fields=["pending_status", "pending_changes", "updated_at"])
        else:
            event.status = to_status
            event.save(update_fields=["status", "updated_at"])
        _log(
            event,
            from_status=Status.SUBMITTED,
            to_status=to_status,
            actor=moderator,
            changes=changes,
            reason=reason,
            message=message.strip(),
        )
    _tell_organiser(event, transition, reason=reason, message=message.strip())
    return event


def event_request_changes(*, event, moderator, reason: str, message: str = "") -> Event:
    return _decide_against(
        event=event,
        moderator=moderator,
        reason=reason,
        message=message,
        to_status=Status.CHANGES_REQUESTED,
        transition="changes_requested",
    )


def event_reject(*, event, moderator, reason: str, message: str = "") -> Event:
    return _decide_against(
        event=event,
        moderator=moderator,
        reason=reason,
        message=message,
        to_status=Status.REJECTED,
        transition="rejected",
    )


# After the event ---------------------------------------------------------------------------


def event_report(*, event: Event, user, actual_participants: int) -> Certificate:
    """The organiser reports how many came; they receive a certificate of participation."""
    if event.organiser_id != user.pk:
        raise PermissionDenied
    if not event.is_public or event.ends_at > timezone.now():
        raise ValidationError(REPORT_TOO_EARLY, code="too_early")
    with transaction.atomic():
        event.actual_participants = actual_participants
        event.reported_at = timezone.now()
        event.save(update_fields=["actual_participants", "reported_at", "updated_at"])
        return certificate_issue(
            kind=Certificate.Kind.COOPERATION_DAY_ORGANISER,
            source_key=f"cooperation-day:event:{event.pk}:organiser",
            holder=user,
            title=str(
                _("Organiser of “%(event)s”, Cooperation Day %(year)s")
                % {"event": event.title, "year": event.edition.year}
            ),
            completed_on=timezone.localdate(event.ends_at),
        )
