"""Demo Interreg Slam: last year's edition complete (twenty applications reviewed, twelve
shortlisted films, the public vote and its winners), and this year's in its review: forty
applications closed, a jury part-way through scoring them, the shortlist still to come."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from hub.models import Project
from portal.accounts.demo import demo_account
from portal.accounts.models import Affiliation, Programme
from portal.core.pages import publish_child
from portal.home.demo import demo_person, stored_demo_image

from .models import (
    SlamApplication,
    SlamAssignment,
    SlamCriterion,
    SlamEditionPage,
    SlamJuror,
    SlamLandingPage,
    SlamPhase,
    SlamReview,
    SlamScore,
    SlamVideo,
    SlamVote,
)

Status = SlamApplication.Status
# Projects of the demo's keep.eu export (hub/data/demo_keep_projects.csv) that tell their
# story at the Slam: the programme whose application names them, and the keep.eu id.
KEEP_PROJECTS = {
    "ALCOTRA": "17663",  # GLACIERS-EAU
    "AURORA": "23946",  # TORNE-RIVER
    "CZ-PL": "15038",  # KRKONOŠE-KARKONOSZE
    "DE-NL": "26910",  # EMS-DOLLART
    "EMR": "19413",  # GEULDAL
    "HU-RS": "45383",  # TISZA-WATER
    "ITA-SLO": "34797",  # CARSO-KRAS
    "PEACEPLUS": "16905",  # ERNE-CATCHMENT
    "SK-AT": "32551",  # DANUBE-MARCH
    "VL-NL": "36554",  # SCHELDE-DELTA
}
PROJECTS = [
    "River Keepers",
    "Border Buses",
    "Shared Clinics",
    "Twin Schools",
    "Alpine Huts",
    "Forest Fire Watch",
    "Heritage Trails",
    "Youth Orchestra",
    "Sea Grass",
    "Night Trains",
    "Bee Corridors",
    "Language Cafés",
    "Flood Alarm",
    "Bridge Markets",
    "Cross-border Ambulance",
    "Cheese Route",
    "Solar Villages",
    "Wetland Birds",
    "Startup Bridge",
    "Care at Home",
    "Bike Valley",
    "Lake Guardians",
    "Lighthouse Stories",
    "Salt Roads",
    "Border Choirs",
    "Old Mills",
    "Clean Ports",
    "Island Hopping",
    "Green Rails",
    "Mountain Rescue",
    "Coastal Dunes",
    "Food Hubs",
    "Roma Inclusion",
    "Digital Twins",
    "Castle Network",
    "Pilgrim Ways",
    "Fish Ladders",
    "Skills Exchange",
    "Silent Borders",
    "Twin Libraries",
]
JURY = [
    ("margit.kovacs@slam.example.org", "Margit", "Kovács"),  # the chair
    ("sean.murphy@slam.example.org", "Seán", "Murphy"),
    ("katerina.dvorakova@slam.example.org", "Kateřina", "Dvořáková"),
    ("rui.almeida@slam.example.org", "Rui", "Almeida"),  # external
]
CRITERIA = [
    ("Story", "A person, a change, told so anyone can follow.", 3),
    ("Cooperation", "What only partners on both sides could achieve.", 2),
    ("Impact", "Results people notice in their daily life.", 2),
    ("Stage presence", "Energy and clarity for a live audience.", 1),
]


# This year's jury, half-way through its reviews: the share each has done (the chair all of hers).
REVIEWS_DONE = {
    "margit.kovacs@slam.example.org": 1,
    "sean.murphy@slam.example.org": 0.4,
    "katerina.dvorakova@slam.example.org": 0.75,
    "rui.almeida@slam.example.org": 0.5,
}
COMMENTS = [
    "A clear story with a real person at its heart; the cooperation could come through more.",
    "Moving, and it shows what only both sides together could do.",
    "Strong results, told a little like a report. Coaching would bring it to the stage.",
    "The theme fits well. I would like to hear from the people who use the service.",
    "Lively and concrete; the ending needs a change people can see.",
    "Good material for three minutes on stage, if the figures give way to the story.",
]


def _draw_thumbnail(colour: str, label: str):
    def draw():
        canvas = PILImage.new("RGB", (960, 540), colour)
        pen = ImageDraw.Draw(canvas)
        pen.ellipse((380, 170, 580, 370), outline="#ffffff", width=12)
        pen.polygon([(455, 215), (455, 325), (545, 270)], fill="#ffffff")
        pen.text((40, 480), label, fill="#ffffff")
        return canvas

    return draw


def _moments(phase: str, *, years_ago: int = 0) -> dict:
    """A timeline that puts today (or this day `years_ago`) in `phase`."""
    now = timezone.now() - timedelta(days=365 * years_ago)
    return SlamEditionPage.timeline_in_phase(phase, now=now)


def _edition(landing, year: int, phase: str, theme: str, years_ago=0) -> SlamEditionPage:
    existing = SlamEditionPage.objects.filter(year=year).first()
    if existing is not None:
        return existing
    edition = publish_child(
        landing,
        SlamEditionPage(
            title=f"Interreg Slam {year}",
            slug=str(year),
            year=year,
            theme=theme,
            summary="A poetry slam for cooperation projects.",
            intro=(
                "Projects tell what cooperation changed for people, on stage, in three "
                "minutes. The jury shortlists, the public votes, six finalists perform live."
            ),
            rules="<p>One story per project, told by the people who lived it. Videos last "
            "two to three minutes. Votes need a confirmed e-mail address.</p>",
            eligibility="<p>Projects funded by an Interreg programme, proposed by its "
            "managing authority or joint secretariat.</p>",
            prizes="<p>Storytelling coaching for every finalist; the winners open the "
            "European Week of Regions and Cities.</p>",
            final_event="the European Week of Regions and Cities in Brussels",
            jury_weight=50,
            **_moments(phase, years_ago=years_ago),
        ),
    )
    for order, (name, description, weight) in enumerate(CRITERIA):
        SlamCriterion.objects.create(
            edition=edition, name=name, description=description, weight=weight, sort_order=order
        )
    return edition


def _people(prefix: str, count: int, *, days_old: int):
    now = timezone.now()
    return [
        demo_person(
            f"{prefix}{number + 1}@slam.example.org",
            prefix.title(),
            str(number + 1),
            joined=now - timedelta(days=days_old + number),
        )
        for number in range(count)
    ]


def _applicants(programmes):
    applicants = {}
    for programme, user in zip(
        programmes, _people("secretariat", len(programmes), days_old=300), strict=True
    ):
        Affiliation.objects.get_or_create(
            user=user,
            programme=programme,
            defaults={
                "function": Affiliation.Function.JOINT_SECRETARIAT,
                "status": Affiliation.Status.APPROVED,
            },
        )
        applicants[programme.pk] = user
    return applicants


def _jury(edition) -> list:
    """This year's jury has names (its chair and a juror are personas to sign in as)."""
    if edition.year != timezone.localdate().year:
        jurors = _people(f"juror{edition.year}-", 4, days_old=400)
    else:
        jurors = [demo_account(email, first, last) for email, first, last in JURY]
    for number, juror in enumerate(jurors):
        SlamJuror.objects.create(
            edition=edition,
            user=juror,
            is_chair=number == 0,
            is_external=number == 3,
            sort_order=number,
        )
    return jurors


def _apply(edition, count: int) -> list[SlamApplication]:
    programmes = list(Programme.objects.order_by("acronym"))
    applicants = _applicants(programmes)
    entries = []
    for number in range(count):
        programme = programmes[number % len(programmes)]
        name = PROJECTS[number % len(PROJECTS)]
        entries.append(
            SlamApplication.objects.create(
                edition=edition,
                applicant=applicants[programme.pk],
                programme=programme,
                project_name=name,
                project_acronym=f"{name.split()[0][:6].upper()}{number + 1}",
                project_url="https://keep.eu/",
                story=(
                    f"Every morning Marta crosses the border for work. Before {name}, "
                    "nobody on either side knew who to call when things went wrong. Now the "
                    "partners share one team, one phone number and one plan."
                ),
                theme_fit="It turns a line on the map into a place people share.",
                contact_name="Communication officer",
                contact_email=f"stories@{programme.slug}.example.org",
                status=Status.SUBMITTED,
                submitted_at=edition.applications_close - timedelta(days=2),
            )
        )
    return entries


def _link_keep_projects(edition) -> int:
    """Each programme's first application in KEEP_PROJECTS names its keep.eu project, once the
    projects are imported (seed_demo imports them before the campaigns); until then the
    applications keep the project they name in words."""
    projects = {
        project.keep_id: project
        for project in Project.objects.filter(keep_id__in=KEEP_PROJECTS.values())
    }
    linked = 0
    for acronym, keep_id in KEEP_PROJECTS.items():
        project = projects.get(keep_id)
        application = edition.applications.filter(programme__acronym=acronym).order_by("pk").first()
        if project is None or application is None or application.project_id == project.pk:
            continue
        # The demo's story names the project it made up: name the real one instead.
        application.story = application.story.replace(application.project_name, project.acronym)
        application.project = project
        application.project_name = project.name[:200]
        application.project_acronym = project.acronym[:40]
        application.project_url = ""
        application.save(
            update_fields=["project", "project_name", "project_acronym", "project_url", "story"]
        )
        linked += 1
    return linked


def _review(edition, entries, jurors, *, rng, done: dict) -> None:
    """Three jurors read each application; each has reviewed the share `done` says of what
    they were given (the rest is still to do), between the close of applications and today."""
    criteria = list(edition.criteria.all())
    weights = sum(criterion.weight for criterion in criteria)
    given = {juror.pk: [] for juror in jurors}
    for application in entries:
        for juror in rng.sample(jurors, 3):
            SlamAssignment.objects.create(application=application, juror=juror)
            given[juror.pk].append(application)
    reviewing = min(timezone.now(), edition.shortlist_announced) - edition.applications_close
    for juror in jurors:
        assigned = given[juror.pk]
        for application in assigned[: round(done.get(juror.email, 1) * len(assigned))]:
            scores = {criterion.pk: rng.randint(3, 10) for criterion in criteria}
            total = 100 * sum(c.weight * scores[c.pk] for c in criteria) / (10 * weights)
            review = SlamReview.objects.create(
                application=application,
                juror=juror,
                comment=rng.choice(COMMENTS),
                total=round(total, 2),
            )
            SlamScore.objects.bulk_create(
                SlamScore(review=review, criterion=criterion, score=scores[criterion.pk])
                for criterion in criteria
            )
            # Saving dates a review today; the jury wrote these since applications closed.
            SlamReview.objects.filter(pk=review.pk).update(
                updated_at=edition.applications_close + reviewing * rng.random()
            )


def _shortlist(edition, entries, shortlisted: int) -> list[SlamApplication]:
    ranked = sorted(entries, key=lambda item: -sum(r.total for r in item.reviews.all()))
    chosen = ranked[:shortlisted]
    colours = ["#003399", "#0b6b3a", "#8a1c4a", "#6b4a00", "#1d5c7a", "#4b2c85"]
    for application in entries:
        application.status = Status.SHORTLISTED if application in chosen else Status.NOT_SHORTLISTED
        application.save(update_fields=["status"])
    for number, application in enumerate(chosen):
        thumbnail = stored_demo_image(
            f"Slam {edition.year}: {application.project_name}",
            f"slam-{edition.year}-{number + 1}.png",
            _draw_thumbnail(colours[number % len(colours)], application.project_name),
        )
        SlamVideo.objects.create(
            application=application,
            video_url=f"https://www.youtube.com/watch?v=slam{edition.year}v{number:02d}",
            thumbnail=thumbnail,
            description=f"{application.project_name} in three minutes.",
        )
    return chosen


def _vote_and_crown(edition, chosen, *, rng, voters) -> None:
    weights = [rng.randint(1, 12) for _ in chosen]
    # Votes fall between the opening of the vote and today (or its close), never later.
    voting_time = min(timezone.now(), edition.vote_closes) - edition.vote_opens
    for voter in voters:
        choice = rng.choices(chosen, weights=weights)[0]
        SlamVote.objects.create(
            edition=edition,
            voter=voter,
            application=choice,
            created_at=edition.vote_opens + voting_time * rng.random(),
        )
    by_votes = sorted(chosen, key=lambda item: -item.votes.count())
    for rank, application in enumerate(by_votes[:6]):
        application.is_finalist = True
        application.award = {0: "winner", 1: "audience", 2: "jury"}.get(rank, "")
        application.save(update_fields=["is_finalist", "award"])


@transaction.atomic
def seed_slam(landing: SlamLandingPage) -> int:
    rng = random.Random(2027)  # the same demo every time  # noqa: S311
    year = timezone.localdate().year
    added = 0
    past = _edition(landing, year - 1, SlamPhase.RESULTS, "Cooperation you can feel", 1)
    if not past.applications.exists():
        jurors = _jury(past)
        entries = _apply(past, 20)
        _review(past, entries, jurors, rng=rng, done={})
        chosen = _shortlist(past, entries, 12)
        # Last year's voters had their accounts before last year's vote.
        _vote_and_crown(past, chosen, rng=rng, voters=_people("voter", 60, days_old=400))
        added += len(entries)
    current = _edition(landing, year, SlamPhase.REVIEW, "Stories that cross borders")
    if not current.applications.exists():
        jurors = _jury(current)
        entries = _apply(current, 40)
        _review(current, entries, jurors, rng=rng, done=REVIEWS_DONE)
        added += len(entries)
    _link_keep_projects(past)
    _link_keep_projects(current)
    return added
