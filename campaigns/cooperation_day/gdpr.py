from django.db import transaction
from django.db.models import Q

from portal.accounts import gdpr
from portal.core.cache import content_changed

from .models import Event, EventAttendee, ProgrammeParticipation


@gdpr.register("cooperation_day")
def cooperation_day_data(user):
    return {
        "events_organised": [
            {
                "title": event.title,
                "edition": event.edition.year,
                "status": event.status,
                "starts": gdpr.iso(event.starts_at),
                "public_contact_email": event.contact_email,
                "public_contact_phone": event.contact_phone,
                "registered": gdpr.iso(event.created_at),
            }
            for event in Event.objects.filter(organiser=user).select_related("edition")
        ],
        "sign_ups": [
            {
                "event": attendee.event.title,
                "name": attendee.name,
                "email": attendee.email,
                "status": attendee.status,
                "signed_up": gdpr.iso(attendee.created_at),
            }
            for attendee in EventAttendee.objects.filter(email__iexact=user.email).select_related(
                "event"
            )
        ],
        "programme_participations_registered": [
            {
                "programme": participation.programme.name,
                "edition": participation.edition.year,
                "contact_name": participation.contact_name,
                "contact_email": participation.contact_email,
            }
            for participation in ProgrammeParticipation.objects.filter(
                registered_by=user
            ).select_related("programme", "edition")
        ],
    }


@gdpr.register_erasure("cooperation_day")
def cooperation_day_erase(user):
    """A deleted account takes its drafts and events in review along; published events stay
    public, with the organiser's name gone (their foreign key is set to null) and without
    the person's address as the public contact. Their sign-ups to events go (they are kept
    by address, not by account), and so do their name and address as a programme's contact."""
    Event.objects.filter(organiser=user).exclude(status=Event.Status.PUBLISHED).delete()
    contact_of_published = Event.objects.filter(
        contact_email__iexact=user.email, status=Event.Status.PUBLISHED
    ).exists()
    for event in Event.objects.filter(
        Q(contact_email__iexact=user.email) | Q(pending_changes__icontains=user.email)
    ):
        if event.contact_email.lower() == user.email.lower():
            event.contact_email = ""
        if user.email.lower() in str(event.pending_changes).lower():
            event.pending_changes = {
                name: "" if str(value).lower() == user.email.lower() else value
                for name, value in event.pending_changes.items()
            }
        event.save(update_fields=["contact_email", "pending_changes"])
    if contact_of_published:
        # Event pages are kept until the next approval: the address leaves them now.
        transaction.on_commit(content_changed)
    EventAttendee.objects.filter(email__iexact=user.email).delete()
    name = user.get_full_name()
    ProgrammeParticipation.objects.filter(contact_email__iexact=user.email).update(contact_email="")
    if name:
        ProgrammeParticipation.objects.filter(contact_name__iexact=name).update(contact_name="")
