"""A French programme officer enrols in a session from the French pages and receives the
enrolment e-mail in French: its words, its date and its links."""

import pytest
from django.utils import translation
from django.utils.formats import date_format

from academy.models import CoursePage
from portal.accounts.models import Profile
from tests.catalogues import translated  # noqa: F401 -- a fixture
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import UserFactory
from tests.factories.academy import make_course, make_lesson, make_module, make_session

pytestmark = pytest.mark.e2e


def in_language(code: str, message: str) -> str:
    with translation.override(code):
        return translation.gettext(message)


@pytest.mark.usefixtures("translated")
def test_a_french_officers_enrolment_e_mail_is_in_french(site, page, mailoutbox):
    course = make_course(title="Simplified cost options", format=CoursePage.Format.LIVE_ONLINE)
    make_lesson(make_module(course))
    session = make_session(course, capacity=5)
    officer = UserFactory(email="claire@example.org", first_name="Claire", last_name="Martin")
    Profile.objects.update_or_create(user=officer, defaults={"interface_language": "fr"})

    visit(page, site.url + "/accounts/login/")
    sign_in_from(page, officer.email)
    visit(page, site.url + course.url)  # their chosen language: the French address
    assert page.url.startswith(site.url + "/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    mailoutbox.clear()
    page.get_by_role("button", name=in_language("fr", "Enrol in this session")).click()
    page.wait_for_load_state("load")
    checked(page, screenshot="academy-enrolled-in-french")

    (message,) = mailoutbox
    assert message.to == [officer.email]
    assert message.subject == in_language("fr", "You are enrolled: %(course)s") % {
        "course": course.title
    }
    assert message.subject != f"You are enrolled: {course.title}"
    with translation.override("fr"):
        start = date_format(session.local_starts_at, "DATETIME_FORMAT")
    assert start in message.body  # "15 juin 2027 10:00"
    assert "/fr/academy/my-learning/" in message.body
