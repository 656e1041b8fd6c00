from portal.accounts import gdpr

from .models import Event, EventAttendee, ProgrammeParticipation, SlamApplication, SlamVote


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


@gdpr.register("interreg_slam")
def slam_data(user):
    return {
        "applications": [
            {
                "edition": application.edition.year,
                "project": application.project_name,
                "status": application.status,
                "story": application.story,
                "contact_name": application.contact_name,
                "contact_email": application.contact_email,
                "contact_phone": application.contact_phone,
            }
            for application in SlamApplication.objects.filter(applicant=user).select_related(
                "edition"
            )
        ],
        "votes": [
            {
                "edition": vote.edition.year,
                "project": vote.application.project_name,
                "cast": gdpr.iso(vote.created_at),
                "changed": gdpr.iso(vote.updated_at),
            }
            for vote in SlamVote.objects.filter(voter=user).select_related("edition", "application")
        ],
    }
