"""The demo itself: each persona in the state the sign-in page promises, and content that reads
as people wrote it. One seeding for all (it is slow)."""

import json
import re

from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone
from wagtail_localize.models import Translation

from academy.models import AcademyLandingPage, Certificate, Enrolment, LessonPage, LessonProgress
from campaigns.cooperation_day.demo import OWN_LANGUAGE_EVENTS, TITLES
from campaigns.cooperation_day.models import CampaignModerator, Event
from campaigns.slam import selectors as slam_selectors
from campaigns.slam.models import (
    SlamAssignment,
    SlamEditionPage,
    SlamJuror,
    SlamPhase,
    SlamReview,
    SlamVideo,
    SlamVote,
)
from community.models import Post
from portal.accounts import roles
from portal.accounts.models import Affiliation, User
from portal.accounts.personas import PERSONAS_BY_KEY
from portal.core.demo_translations import seed_translations
from portal.home.models import HomePage

WRITTEN_TITLES = [
    re.compile(re.escape(title).replace(re.escape("{place}"), ".+"))
    for titles in TITLES.values()
    for title in titles
]


def persona(key) -> User:
    return User.objects.get(email=PERSONAS_BY_KEY[key].email)


def test_the_demo_has_every_persona_in_its_state_and_reads_as_real(home):
    home.delete()
    call_command("seed_demo")

    # Every persona exists, has a confirmed address, and signs in only through the dev page.
    for key in PERSONAS_BY_KEY:
        person = persona(key)
        assert roles.has_verified_email(person)
        assert not person.has_usable_password()

    learner = persona("learner")
    assert Certificate.objects.filter(holder=learner, revoked_at=None).exists()
    half_way = [
        enrolment.course
        for enrolment in Enrolment.objects.filter(user=learner, completed_at=None)
        if 0
        < LessonProgress.objects.filter(user=learner, course=enrolment.course).count()
        < LessonPage.objects.descendant_of(enrolment.course).live().count()
    ]
    assert half_way

    organiser_states = set(
        Event.objects.filter(organiser=persona("organiser")).values_list("status", flat=True)
    )
    assert organiser_states == set(Event.Status.values)

    moderator = persona("campaign-moderator")
    assert CampaignModerator.objects.filter(user=moderator).exists()
    assert moderator.groups.filter(name="Campaign team").exists()
    assert roles.has_mfa(moderator)
    assert Event.objects.filter(status=Event.Status.SUBMITTED).count() >= 5

    # This year's Slam edition is the current one and in its review: the juror has
    # applications still to review, the chair sees the reviews come in. Last year's is
    # complete, with its films and winners.
    this_year = timezone.localdate().year
    edition = slam_selectors.current_edition()
    assert edition.year == this_year and edition.phase() == SlamPhase.REVIEW
    chair = SlamJuror.objects.get(user=persona("jury-chair"), edition=edition)
    assert chair.is_chair
    juror = SlamJuror.objects.get(user=persona("juror"), edition=edition)
    assert not juror.is_chair
    to_review = SlamAssignment.objects.filter(juror=juror.user, application__edition=edition)
    reviewed = SlamReview.objects.filter(juror=juror.user, application__edition=edition)
    assert to_review.exclude(application__in=reviewed.values("application")).exists()
    assert reviewed.exists()
    assert slam_selectors.reviews_to_do(user=juror.user) > 0
    assert slam_selectors.reviews_to_do(user=chair.user) == 0
    assert SlamReview.objects.filter(application__edition=edition).exclude(juror=juror.user)
    assert not SlamVote.objects.filter(edition=edition).exists()
    last_year = SlamEditionPage.objects.get(year=this_year - 1)
    assert last_year.phase() == SlamPhase.RESULTS
    assert SlamVideo.objects.filter(application__edition=last_year).exists()
    assert [entry["edition"] for entry in slam_selectors.hall_of_fame()] == [last_year]

    assert roles.is_finance_staff(persona("finance-officer"))
    controller = persona("controller")
    assert roles.has_function(controller, Affiliation.Function.CONTROLLER)
    assert not roles.is_finance_staff(controller)
    assert roles.has_function(persona("communication-officer"), "communication_officer")

    programme_admin = persona("programme-admin")
    programmes = roles.administered_programme_ids(programme_admin)
    assert programmes and roles.has_mfa(programme_admin)
    waiting = Affiliation.objects.filter(
        programme_id__in=programmes, status=Affiliation.Status.PENDING
    )
    assert waiting.count() >= 2

    brand_manager = persona("brand-manager")
    assert brand_manager.groups.filter(name="Brand managers").exists()
    assert brand_manager.has_perm("brand.view_assetdownload")
    assert roles.has_mfa(brand_manager)

    # Reads as real: no vote or review from the future, no voter who joined after voting, no
    # two lessons alike, titles people wrote.
    assert SlamVote.objects.exists()
    assert not SlamVote.objects.filter(created_at__gt=timezone.now()).exists()
    assert not SlamVote.objects.filter(created_at__lt=F("voter__date_joined")).exists()
    assert not SlamReview.objects.filter(updated_at__gt=timezone.now()).exists()
    bodies = [
        json.dumps([block["value"] for block in lesson.body.raw_data], sort_keys=True)
        for lesson in LessonPage.objects.all()
    ]
    assert len(bodies) > 20
    assert len(set(bodies)) == len(bodies)
    titles = set(Event.objects.values_list("title", flat=True))
    assert titles
    in_own_language = {event[1] for event in OWN_LANGUAGE_EVENTS}
    generated = [t for t in titles if not any(p.fullmatch(t) for p in WRITTEN_TITLES)]
    assert sorted(generated) == sorted(in_own_language)

    # Content written in other languages carries its language: an event described in
    # Slovenian, one in Italian, and a reply in Italian.
    slovenian = Event.objects.get(language="sl", status=Event.Status.PUBLISHED)
    page = Client().get(f"/cooperation-day/events/{slovenian.public_id}/").text
    assert re.search(r'<h1[^>]*lang="sl"[^>]*>\s*Dan odprtih vrat ob Soči', page)
    assert Event.objects.filter(language="it", status=Event.Status.PUBLISHED).exists()
    italian = Post.objects.get(author__email="giulia.bianchi@community.example.org")
    assert italian.language == "it"

    # The demo's translations are wagtail-localize's, which editors sync and edit; French and
    # German pages are served in their language, and seeding again adds none.
    for code, heading in (("fr", "Académie"), ("de", "Akademie")):
        translation_job = Translation.objects.get(
            source__object_id=AcademyLandingPage.objects.get(
                locale__language_code="en"
            ).translation_key,
            target_locale__language_code=code,
        )
        assert translation_job.enabled
        response = Client().get(f"/{code}/academy/")
        assert response.status_code == 200
        assert response.context["page"].title == heading
    assert seed_translations(HomePage.objects.get(locale__language_code="en")) == 0
