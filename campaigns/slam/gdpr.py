from portal.accounts import gdpr

from .models import SlamApplication, SlamVote


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


@gdpr.register_erasure("slam")
def slam_erase(user):
    """Applications stay with their programme (the applicant becomes null); where the person
    was the contact, their name, address and phone number go. Votes go with the account."""
    by_address = SlamApplication.objects.filter(contact_email__iexact=user.email)
    by_address.update(contact_name="", contact_email="", contact_phone="")
    name = user.get_full_name()
    if name:
        SlamApplication.objects.filter(contact_name__iexact=name).update(
            contact_name="", contact_phone=""
        )
