"""A certified quiz keeps its integrity: a failed attempt reveals no correct answer, the pass
does; and a quiz that opens only once the lessons before it are done."""

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from academy import services
from academy.models import Certificate, CertificateTemplate
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import UserFactory
from tests.factories.academy import make_course, make_lesson, make_module, make_quiz

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = os.environ.get("PORTAL_SCREENSHOTS", "")


def _sign_in_to(page, site, url, email):
    visit(page, f"{site.url}/accounts/login/?next={quote(url)}")
    sign_in_from(page, email)
    assert page.url.endswith(url)


def _phone_screenshot(page, name):
    """The page as a phone shows it: nothing wider than the screen, and a screenshot."""
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if SCREENSHOT_DIR:
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_failed_attempt_reveals_nothing_and_the_pass_reveals_the_answers(site, page):
    course = make_course(
        title="Simplified cost options, certified", completion_requires_quizzes=True
    )
    module = make_module(course, "Designing options")
    lesson = make_lesson(module, "Flat rates")
    quiz = make_quiz(module)
    learner = UserFactory(email="ines@example.org", first_name="Inês", last_name="Moura")
    template = CertificateTemplate.load()
    template.signatory_name, template.signatory_title = (
        "Dr Katarina Novak",
        "Director, Interreg Academy",
    )
    template.save()
    services.enrolment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=lesson)

    _sign_in_to(page, site, quiz.url, learner.email)
    checked(page)

    # A wrong attempt: the score, and when the answers will come; nothing that helps to copy.
    page.get_by_label("A lump sum").check()
    page.get_by_label("Every receipt").check()
    page.get_by_role("button", name="Submit my answers").click()
    checked(page, screenshot="quiz-failed-certified")
    assert page.get_by_role("heading", name="Not passed yet: 0%").is_visible()
    assert page.get_by_text(
        "Correct answers are shown once you pass or after your last attempt."
    ).is_visible()
    assert page.get_by_text("(correct)").count() == 0
    assert page.get_by_text("A lump sum is fixed.").count() == 0
    assert page.get_by_text("Flat rates are percentages.").count() == 0
    _phone_screenshot(page, "quiz-failed-certified-phone")

    # The second attempt passes; now the review shows the correct answers and the feedback.
    page.get_by_label("A flat rate").check()
    page.get_by_label("Unit costs").check()
    page.get_by_label("Flat rates", exact=True).check()
    page.get_by_role("button", name="Submit a new attempt").click()
    checked(page, screenshot="quiz-passed-certified")
    assert page.get_by_role("heading", name="Passed with 100%").is_visible()
    assert page.get_by_text("(correct)").count() == 3
    assert page.get_by_text("Flat rates are percentages.").is_visible()

    # The failed attempt, seen again, now explains its mistakes.
    visit(page, f"{site.url}{quiz.url}?attempt=1")
    assert page.get_by_text("A lump sum is fixed.").is_visible()
    assert page.get_by_text("(correct)").count() == 3

    # The certificate was issued with the pass, signed by the template's signatory.
    visit(page, site.url + course.url)
    assert page.get_by_role("link", name="Download your certificate (PDF)").is_visible()
    certificate = Certificate.objects.get(holder=learner, course=course)
    visit(page, site.url + certificate.get_absolute_url(), screenshot="certificate-signatory")
    assert page.get_by_text("Dr Katarina Novak, Director, Interreg Academy").is_visible()


def test_a_quiz_opens_once_the_lessons_before_it_are_done(site, page):
    course = make_course(
        title="Monitoring with Jems", quizzes_require_lessons=True, completion_requires_quizzes=True
    )
    module = make_module(course, "Getting started")
    first = make_lesson(module, "Logging in")
    make_lesson(module, "Reporting a period")
    quiz = make_quiz(module)
    learner = UserFactory(email="piotr@example.org", first_name="Piotr", last_name="Zając")
    services.enrolment_create(user=learner, course=course)

    _sign_in_to(page, site, course.url, learner.email)
    checked(page, screenshot="quiz-locked-course")
    assert page.get_by_text("Opens after 2 more lessons").is_visible()

    # Opening the quiz early says why it is closed, with nothing to answer.
    page.get_by_role("link", name="Quiz", exact=True).click()
    checked(page, screenshot="quiz-locked")
    assert page.get_by_text(
        "This quiz opens once you have done the lessons before it: 2 lessons to go."
    ).is_visible()
    assert page.get_by_role("button", name="Submit my answers").count() == 0
    _phone_screenshot(page, "quiz-locked-phone")

    # The two lessons, each marked done, lead to the quiz, now open.
    visit(page, site.url + first.url)
    page.get_by_role("button", name="Mark as done and continue").click()
    checked(page)
    page.get_by_role("button", name="Mark as done and continue").click()
    checked(page, screenshot="quiz-unlocked")
    assert page.url.endswith(quiz.url)
    assert page.get_by_text("lessons to go").count() == 0
    assert page.get_by_role("button", name="Submit my answers").is_visible()
