"""Cooperation Day writes: participation, events and their moderation, attendee sign-ups."""

import re
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from academy.models import Certificate
from academy.services import certificate_issue
from campaigns.images import image_store
from portal.accounts import roles
from portal.core.cache import content_changed
from portal.core.capacity import (
    AlreadyHolding,
    PlaceStatus,
    place_release,
    place_take,
    places_fill,
)
from portal.core.languages import language_of
from portal.core.links import absolute_url
from portal.core.sanitize import sanitize_html
from portal.notifications.services import email_from_templates

from . import access, calendar
from .models import (
    Event,
    EventAttendee,
    EventPhoto,
    EventTransition,
    ProgrammeParticipation,
    SignUpEmail,
)

Status = Event.Status

PARTICIPATION_NOT_STAFF = _("Only approved staff of this programme can register it.")
PARTICIPATION_TWICE = _("This programme is already taking part in this edition.")
REGISTRATION_CLOSED = _("Event registration for this edition is closed.")
ORGANISER_CERTIFICATE = _("Organiser of “%(event)s”, Cooperation Day %(year)s")
ORGANISER_CERTIFICATE_FOR_PROJECT = _(
    "Organiser of “%(event)s” for the project %(project)s, Cooperation Day %(year)s"
)
EVENT_NOT_EDITABLE = _("A rejected event cannot be changed; register a new one instead.")
EVENT_NOT_SUBMITTABLE = _("This event is not waiting to be submitted.")
EVENT_NOT_IN_REVIEW = _("This event is not waiting for review.")
REASON_NEEDED = _("Choose a reason.")
MESSAGE_NEEDED = _("Explain what the organiser should know.")
REPORT_TOO_EARLY = _("You can report once the event has taken place.")
SIGN_UP_NOT_OFFERED = _("This event does not take sign-ups here.")
SIGN_UP_OVER = _("This event has already taken place.")
SIGN_UP_LINK_INVALID = _(
    "This confirmation link is not valid or has expired. Sign up again on the event's page."
)
SIGN_UP_LINK_MAX_AGE = timedelta(days=3)
SIGN_UP_SALT = "campaigns.sign-up"  # the salt signed links carry; changing it voids them
SIGN_UP_EMAIL_SALT = "campaigns.sign-up-email"  # keys the hash of addresses sent to
SIGN_UP_EMAIL_WINDOW = timedelta(days=1)
PHOTOS_COLLECTION = "Cooperation Day events"


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
    return {name: getattr(event, name) for name in Event.EDITABLE_FIELDS}


def event_pending_view(event: Event) -> Event:
    """The event as its organiser last edited it (published columns + waiting changes)."""
    if not event.pending_changes:
        return event
    pending = Event.objects.get(pk=event.pk)
    _restore(pending, event.pending_changes)
    return pending


_HAS_MARKUP = re.compile(r"<[a-zA-Z/]")


def description_html(text: str) -> str:
    """Organisers write plain paragraphs or a little HTML; either is stored sanitised."""
    text = (text or "").strip()
    if text and not _HAS_MARKUP.search(text):
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
        text = "".join(
            "<p>" + "<br>".join(escape(line) for line in paragraph.splitlines()) + "</p>"
            for paragraph in paragraphs
        )
    return sanitize_html(text)


def _clean_values(values: dict) -> dict:
    values = dict(values)
    if "description" in values:
        values["description"] = description_html(values["description"])
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
            snapshot = _snapshot({name: getattr(candidate, name) for name in Event.EDITABLE_FIELDS})
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
    if event.organiser is None:  # the account was deleted
        return
    language = language_of(event.organiser)
    with translation.override(language):
        email_from_templates(
            template=f"cooperation_day/email/event_{transition}",
            to=[event.organiser.email],
            context={
                "event": event,
                "reason": EventTransition.Reason(reason).label if reason else "",
                "message": message,
                "my_events_url": absolute_url(reverse("cooperation_day:my_events")),
            },
            language=language,
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


def is_in_review(event: Event) -> bool:
    return event.status == Status.SUBMITTED or event.pending_status == Status.SUBMITTED


def event_approve(*, event: Event, moderator) -> Event:
    if not access.may_moderate_event(moderator, event):
        raise PermissionDenied
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not is_in_review(event):
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
        if changes and event.booking == Event.Booking.SIGN_UP:
            # More places after the edit: the first people waiting get them.
            for attendee in places_fill(pool=event, holdings=_attendees_of):
                _tell_attendee(attendee, "promoted")
        transaction.on_commit(content_changed)
    _tell_organiser(event, "published")
    return event


def events_bulk_approve(*, events, moderator) -> int:
    """Approve every event in review that `moderator` may moderate; returns how many."""
    approved = 0
    for event in events:
        if access.may_moderate_event(moderator, event) and is_in_review(event):
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
        if not is_in_review(event):
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


def organiser_certificate_title(event: Event) -> str:
    """What an organiser's certificate recognises: the event, and the project it showed when
    keep.eu knows it (named by its acronym, as projects are known)."""
    values = {"event": event.title, "year": event.edition.year}
    if event.project_id is None:
        return str(ORGANISER_CERTIFICATE % values)
    values["project"] = event.project.acronym
    title = str(ORGANISER_CERTIFICATE_FOR_PROJECT % values)
    # A certificate's title holds 255 characters: a long event title gives way, not the rest.
    excess = len(title) - Certificate._meta.get_field("title").max_length
    if excess > 0:
        values["event"] = Truncator(event.title).chars(len(event.title) - excess)
        title = str(ORGANISER_CERTIFICATE_FOR_PROJECT % values)
    return title


def event_report(*, event: Event, user, actual_participants: int, photos=()) -> Certificate:
    """The organiser reports how many came and shares photos; they receive a certificate of
    participation (once: reporting again updates the figures and adds photos)."""
    if event.organiser_id != user.pk:
        raise PermissionDenied
    if not event.is_public or event.ends_at > timezone.now():
        raise ValidationError(REPORT_TOO_EARLY, code="too_early")
    with transaction.atomic():
        event.actual_participants = actual_participants
        event.reported_at = timezone.now()
        event.save(update_fields=["actual_participants", "reported_at", "updated_at"])
        for number, uploaded in enumerate(photos, start=1):
            image = image_store(
                uploaded=uploaded,
                title=f"{event.title} — {number}",
                user=user,
                collection=PHOTOS_COLLECTION,
            )
            EventPhoto.objects.create(event=event, image=image)
        transaction.on_commit(content_changed)
        return certificate_issue(
            kind=Certificate.Kind.COOPERATION_DAY_ORGANISER,
            source_key=f"cooperation-day:event:{event.pk}:organiser",
            holder=user,
            title=organiser_certificate_title(event),
            completed_on=timezone.localdate(event.ends_at),
        )


# Attendee sign-up --------------------------------------------------------------------------


def _attendees_of(event):
    return EventAttendee.objects.filter(event=event)


def _check_takes_sign_ups(event: Event) -> None:
    if not event.takes_sign_ups:
        raise ValidationError(SIGN_UP_NOT_OFFERED, code="not_offered")
    if event.has_ended:
        raise ValidationError(SIGN_UP_OVER, code="over")


def _event_url(event: Event) -> str:
    return absolute_url(reverse("cooperation_day:event_detail", args=[event.public_id]))


def _tell_attendee(attendee: EventAttendee, what: str) -> None:
    """In the language the attendee signed up in: they have no account to choose one."""
    event = attendee.event
    language = attendee.language
    with translation.override(language):
        attachments = ()
        if attendee.status == PlaceStatus.CONFIRMED:
            ics = calendar.event_ics(event)
            attachments = ((f"{event.public_id}.ics", ics, "text/calendar"),)
        email_from_templates(
            template=f"cooperation_day/email/attendee_{what}",
            to=[attendee.email],
            context={
                "attendee": attendee,
                "event": event,
                "event_url": _event_url(event),
                "cancel_url": absolute_url(
                    reverse("cooperation_day:sign_up_cancel", args=[attendee.cancel_token])
                ),
            },
            attachments=attachments,
            language=language,
        )


def sign_up_email_digest(email: str) -> str:
    """The address as kept in `SignUpEmail`: an HMAC keyed with SECRET_KEY, never the address."""
    return salted_hmac(SIGN_UP_EMAIL_SALT, email.strip().lower(), algorithm="sha256").hexdigest()


def _sign_up_emails_allowed(*, event: Event, digest: str) -> bool:
    since = timezone.now() - SIGN_UP_EMAIL_WINDOW
    sent = SignUpEmail.objects.filter(email_digest=digest, sent_at__gt=since)
    if sent.count() >= settings.SIGN_UP_EMAILS_PER_ADDRESS_PER_DAY:
        return False
    return sent.filter(event=event).count() < settings.SIGN_UP_EMAILS_PER_EVENT_PER_DAY


@transaction.atomic
def sign_up_request(*, event: Event, name: str, email: str, language: str = "") -> bool:
    """E-mail a link that confirms the address; only following it takes a place.

    `language` (by default the active one: the page's) is the language this e-mail and
    every later one to the attendee are written in; the link carries it.

    An address receives at most SIGN_UP_EMAILS_PER_EVENT_PER_DAY of these for one event and
    SIGN_UP_EMAILS_PER_ADDRESS_PER_DAY in all in 24 hours, whoever asks from wherever:
    counted from the `SignUpEmail` records. Beyond that nothing is sent, and the visitor is
    answered as usual (nobody learns what was asked for an address). Returns whether an
    e-mail was sent."""
    _check_takes_sign_ups(event)
    # Requests for one event are counted one after the other, not side by side.
    list(Event.objects.select_for_update().filter(pk=event.pk).values_list("pk", flat=True))
    digest = sign_up_email_digest(email)
    if not _sign_up_emails_allowed(event=event, digest=digest):
        return False
    SignUpEmail.objects.create(email_digest=digest, event=event)
    language = _sign_up_language(language or translation.get_language())
    token = signing.dumps(
        {"event": event.pk, "name": name.strip(), "email": email.strip(), "language": language},
        salt=SIGN_UP_SALT,
    )
    with translation.override(language):
        confirm_url = absolute_url(reverse("cooperation_day:sign_up_confirm", args=[token]))
        email_from_templates(
            template="cooperation_day/email/attendee_confirm",
            to=[email],
            context={
                "name": name,
                "event": event,
                "event_url": _event_url(event),
                "confirm_url": confirm_url,
                "valid_days": SIGN_UP_LINK_MAX_AGE.days,
            },
            language=language,
        )
    return True


def _sign_up_language(code) -> str:
    """One of the portal's languages: `code` when it is one, else the default."""
    languages = dict(settings.LANGUAGES)
    return code if code in languages else settings.LANGUAGE_CODE


def sign_up_emails_prune(*, now=None) -> int:
    """Forget the e-mails sent more than SIGN_UP_EMAIL_WINDOW ago; returns how many."""
    cutoff = (now or timezone.now()) - SIGN_UP_EMAIL_WINDOW
    deleted, _by_model = SignUpEmail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def _sign_up_data(token: str) -> tuple[Event, str, str, str]:
    """(event, name, e-mail, language) a confirmation link carries; the language is blank
    in links sent before sign-ups kept theirs."""
    try:
        data = signing.loads(token, salt=SIGN_UP_SALT, max_age=SIGN_UP_LINK_MAX_AGE.total_seconds())
        event = Event.objects.get(pk=data["event"])
        return event, data["name"], data["email"], str(data.get("language") or "")
    except (signing.BadSignature, Event.DoesNotExist, KeyError, TypeError, AttributeError):
        raise ValidationError(SIGN_UP_LINK_INVALID, code="invalid_link") from None


def sign_up_details(token: str) -> tuple[Event, str, str]:
    """(event, name, e-mail) a confirmation link carries; ValidationError when it is not ours
    or too old."""
    event, name, email, _language = _sign_up_data(token)
    return event, name, email


def sign_up_confirm(*, token: str) -> tuple[EventAttendee, bool]:
    """Take a place (or a waiting-list place) for the person the link names.

    Returns (attendee, created); following the link again returns the existing place."""
    event, name, email, language = _sign_up_data(token)
    # Links sent before sign-ups kept their language: the page the link opens is in it.
    language = _sign_up_language(language or translation.get_language())
    _check_takes_sign_ups(event)

    def create(pool, status):
        return EventAttendee.objects.create(
            event=pool, name=name, email=email, status=status, language=language
        )

    try:
        attendee = place_take(pool=event, holdings=_attendees_of, create=create)
    except AlreadyHolding:
        existing = EventAttendee.objects.filter(
            event=event,
            email__iexact=email,
            status__in=[PlaceStatus.CONFIRMED, PlaceStatus.WAITLISTED],
        ).first()
        return existing, False
    _tell_attendee(
        attendee, "confirmed" if attendee.status == PlaceStatus.CONFIRMED else "waitlisted"
    )
    return attendee, True


def sign_up_cancel(*, attendee: EventAttendee) -> None:
    promoted = place_release(holding=attendee, pool=attendee.event, holdings=_attendees_of)
    for person in promoted:
        _tell_attendee(person, "promoted")


def attendee_reminders_send(*, now=None, ahead=timedelta(hours=24)) -> int:
    """Remind confirmed attendees of events starting within `ahead`; once each."""
    now = now or timezone.now()
    due = EventAttendee.objects.filter(
        status=PlaceStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + ahead,
    ).select_related("event")
    sent = 0
    for attendee in due:
        with transaction.atomic():
            claimed = EventAttendee.objects.filter(
                pk=attendee.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                _tell_attendee(attendee, "reminder")
                sent += 1
    return sent
