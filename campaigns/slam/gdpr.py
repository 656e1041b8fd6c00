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
