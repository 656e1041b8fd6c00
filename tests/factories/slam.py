"""Builders for Interreg Slam editions, applicants and applications."""

from django.utils import timezone

from campaigns.slam import services
from campaigns.slam.models import SlamApplication, SlamCriterion, SlamEditionPage, SlamLandingPage
from portal.accounts.models import Affiliation
from portal.core.pages import publish_child
from tests.factories.users import UserFactory


def make_slam_edition(year=None, *, phase="applications", **fields):
    """A published Slam edition whose timeline puts today in `phase`."""
    now = timezone.now()
    year = year or now.year + 1
    moments = SlamEditionPage.timeline_in_phase(phase, now=now)
    values = {
        "title": f"Interreg Slam {year}",
        "slug": str(year),
        "year": year,
        "theme": "Stories that cross borders",
        "intro": "Projects tell their story on stage.",
        **moments,
        **fields,
    }
    landing = SlamLandingPage.objects.get()
    edition = publish_child(landing, SlamEditionPage(**values))
    SlamCriterion.objects.create(edition=edition, name="Story", weight=2, sort_order=0)
    SlamCriterion.objects.create(edition=edition, name="Impact", weight=1, sort_order=1)
    return edition


def make_application(edition, programme, applicant, *, status="submitted", **fields):
    values = {
        "project_name": f"Project {SlamApplication.objects.count() + 1}",
        "project_acronym": f"P{SlamApplication.objects.count() + 1}",
        "story": "Once, the river was a border.",
        "theme_fit": "It crosses borders.",
        "contact_name": "Contact",
        "contact_email": "contact@example.org",
        **fields,
    }
    return SlamApplication.objects.create(
        edition=edition, programme=programme, applicant=applicant, status=status, **values
    )


def make_applicant(programme, email=None):
    """An approved joint secretariat member of `programme`: may apply for its projects."""
    user = UserFactory(**({"email": email} if email else {}))
    Affiliation.objects.create(
        user=user, programme=programme, function="joint_secretariat", status="approved"
    )
    return user


def application_values(programme, **overrides) -> dict:
    """What an applicant types in the application form, as the service receives it."""
    return {
        "programme": programme,
        "project_name": "River Stories",
        "project_acronym": "RIST",
        "story": "Ana crosses the bridge every morning.",
        "theme_fit": "Borders become bridges.",
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        **overrides,
    }


def score_application(edition, application, juror, story, impact, **kwargs):
    """A juror's review of `application` on the two criteria `make_slam_edition` gives."""
    story_criterion, impact_criterion = edition.criteria.order_by("sort_order")
    return services.review_save(
        application=application,
        juror=juror,
        scores={story_criterion.pk: story, impact_criterion.pk: impact},
        **kwargs,
    )
