"""Trying every role without reading code: on a development sign-in page, one click per persona
signs in as them and lands on a page that shows the role at work."""

import pytest
from django.utils import timezone

from academy.models import Enrolment, LessonProgress
from campaigns.cooperation_day.models import Event
from campaigns.slam.models import SlamAssignment, SlamJuror
from portal.accounts.models import Programme
from portal.accounts.personas import PERSONAS, PERSONAS_BY_KEY
from tests.e2e.conftest import checked, visit
from tests.factories import AffiliationFactory, UserFactory
from tests.factories.academy import make_course, make_lesson, make_module
from tests.factories.brand import make_brand_manager
from tests.factories.cooperation_day import make_edition, make_event, make_moderator
from tests.factories.slam import make_applicant, make_application, make_slam_edition

pytestmark = pytest.mark.e2e


def person(key, **fields):
    persona = PERSONAS_BY_KEY[key]
    first, last = persona.name.split(" ", 1)
    return UserFactory(email=persona.email, first_name=first, last_name=last, **fields)


def the_demo_people() -> dict[str, str]:
    """Each persona in a minimal state, and what proves it on their landing page."""
    alcotra = Programme.objects.get(acronym="ALCOTRA")
    learner = person("learner")
    course = make_course(title="State aid in cooperation projects")
    module = make_module(course)
    first = make_lesson(module, title="The five criteria")
    make_lesson(module, title="De minimis")
    Enrolment.objects.create(user=learner, course=course)
    LessonProgress.objects.create(user=learner, lesson=first, course=course)

    for key, function in [
        ("communication-officer", "communication_officer"),
        ("finance-officer", "finance_officer"),
        ("controller", "controller"),
    ]:
        AffiliationFactory(user=person(key), programme=alcotra, function=function)

    edition = make_edition()
    organiser = person("organiser")
    make_event(edition, alcotra, organiser, title="Guided walk along the old border path")
    make_event(
        edition, alcotra, organiser, status=Event.Status.SUBMITTED, title="Tree planting day"
    )
    make_moderator(PERSONAS_BY_KEY["campaign-moderator"].email)

    slam = make_slam_edition(timezone.localdate().year, phase="review")
    chair, juror = person("jury-chair"), person("juror")
    SlamJuror.objects.create(edition=slam, user=chair, is_chair=True, sort_order=0)
    SlamJuror.objects.create(edition=slam, user=juror, sort_order=1)
    application = make_application(
        slam, alcotra, make_applicant(alcotra), project_name="Border Buses"
    )
    SlamAssignment.objects.create(application=application, juror=juror)

    AffiliationFactory(user=person("programme-admin"), programme=alcotra, is_programme_admin=True)
    AffiliationFactory(
        user__first_name="Giulia", user__last_name="Ferrero", programme=alcotra, status="pending"
    )
    make_brand_manager(PERSONAS_BY_KEY["brand-manager"].email)
    return {
        "learner": 'text="1 of 2 steps done"',
        "communication-officer": 'td:text-is("Communication officer")',
        "organiser": 'text="Tree planting day"',
        "campaign-moderator": 'text="Tree planting day"',
        "jury-chair": 'th:has-text("Border Buses")',
        "juror": 'tr:has(a:has-text("Border Buses")) td:text-is("To do")',
        "finance-officer": 'td:text-is("Finance officer")',
        "controller": 'td:text-is("Controller")',
        "programme-admin": "text=Giulia Ferrero",
        "brand-manager": "text=Brand downloads",
    }


def test_one_click_signs_in_as_each_persona(site, page, phone_page, settings):
    settings.DEBUG = True
    settings.DEMO_PERSONAS = True
    proof = the_demo_people()
    assert set(proof) == {persona.key for persona in PERSONAS}

    visit(phone_page, site.url + "/accounts/login/", screenshot="personas-phone")
    first = phone_page.get_by_role("button", name=f"{PERSONAS[0].name}, {PERSONAS[0].role}")
    assert first.is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    for number, persona in enumerate(PERSONAS):
        visit(page, site.url + "/accounts/login/", screenshot="personas" if not number else "")
        button = page.get_by_role("button", name=f"{persona.name}, {persona.role}")
        button.focus()
        page.keyboard.press("Enter")  # one click, or one key
        page.wait_for_url(site.url + persona.lands_on)
        checked(page)
        assert page.locator(proof[persona.key]).first.is_visible(), persona.key
        page.context.clear_cookies()  # signed out: the next persona starts afresh
