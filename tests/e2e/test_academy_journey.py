"""Academy journeys: a newcomer finds a course, learns, passes the quiz and gets a certificate
that a signed-out visitor verifies; a learner waits for a full session and gets the seat."""

import pytest

from academy import services
from academy.models import Certificate, CoursePage
from tests.e2e.conftest import checked, visit
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.factories.academy import make_course, make_lesson, make_module, make_quiz, make_session

pytestmark = pytest.mark.e2e


def sign_in_from(page, email):
    """Fill in the sign-in form the browser is on; allauth sends the visitor back."""
    checked(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_load_state("load")


def test_newcomer_earns_a_certificate_anyone_can_verify(site, page, browser):
    course = make_course(
        title="Simplified cost options at your own pace",
        summary="Flat rates, unit costs and lump sums.",
        completion_requires_quizzes=True,
        audience_functions=["finance_officer"],
    )
    module = make_module(course, "Designing options")
    make_lesson(module, "Flat rates")
    make_lesson(module, "Unit costs")
    make_quiz(module)
    make_session(make_course(title="Simplified costs live", format=CoursePage.Format.LIVE_ONLINE))
    make_course(title="Storytelling basics", audience_functions=["communication_officer"])
    newcomer = UserFactory(email="ana@example.org", first_name="Ana", last_name="Ribeiro")

    # Finding the course with the catalogue's filters.
    visit(page, site.url + "/academy/", screenshot="academy-catalogue")
    page.get_by_label("Search courses").fill("simplified")
    page.get_by_label("Format").select_option("self_paced")
    page.get_by_label("For people working as").select_option("finance_officer")
    page.get_by_role("button", name="Show courses").click()
    checked(page)
    assert "format=self_paced" in page.url and "audience=finance_officer" in page.url
    assert page.get_by_role("status").inner_text() == "1 course"
    page.get_by_role("link", name=course.title).click()
    checked(page, screenshot="academy-course")

    # Signing in from the course page comes back to it; then enrolling.
    page.get_by_role("link", name="Sign in to enrol").click()
    sign_in_from(page, newcomer.email)
    assert page.url.endswith(course.url)
    page.get_by_role("button", name="Enrol", exact=True).click()
    checked(page)
    assert page.get_by_text("You are enrolled. A confirmation").is_visible()
    page.get_by_role("link", name="Start the course").click()

    # Two lessons, each marked done with its button.
    checked(page, screenshot="academy-lesson")
    assert page.get_by_role("heading", name="Flat rates").is_visible()
    page.get_by_role("button", name="Mark as done and continue").click()
    checked(page)
    assert page.get_by_role("heading", name="Unit costs").is_visible()
    page.get_by_role("button", name="Mark as done and continue").click()

    # The quiz: a mistake first (an unanswered question keeps the other answer), then a pass.
    checked(page)
    page.get_by_label("A flat rate").check()
    page.get_by_role("button", name="Submit my answers").click()
    checked(page)
    # Next to the question, and again in the summary at the top of the form.
    assert page.locator("p.errorlist").get_by_text("Answer this question.").is_visible()
    assert page.get_by_role("link", name="Question 2: Answer this question.").is_visible()
    assert page.get_by_label("A flat rate").is_checked()
    page.get_by_label("Unit costs").check()
    page.get_by_label("Flat rates", exact=True).check()
    page.get_by_role("button", name="Submit my answers").click()
    checked(page, screenshot="academy-quiz-passed")
    assert page.get_by_role("heading", name="Passed with 100%").is_visible()

    # The certificate: downloaded as a PDF, listed on the dashboard.
    page.get_by_role("link", name="Back to the course").click()
    checked(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    pdf_path = download_info.value.path()
    with open(pdf_path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    visit(page, site.url + "/academy/my-learning/", screenshot="academy-my-learning")
    certificate = Certificate.objects.get(holder=newcomer)
    assert page.get_by_text(certificate.code).is_visible()
    verify_url = site.url + certificate.get_absolute_url()

    # Anyone holding the link checks it, signed out.
    page.context.clear_cookies()
    visit(page, verify_url, screenshot="academy-certificate-check")
    assert page.get_by_text("Valid", exact=True).is_visible()
    assert page.get_by_text("Ana Ribeiro").is_visible()
    assert page.get_by_text(course.title).is_visible()


def test_waiting_learner_gets_the_seat_when_someone_cancels(site, page, mailoutbox):
    course = make_course(title="Monitoring with Jems, live", format=CoursePage.Format.LIVE_ONLINE)
    make_lesson(make_module(course))
    session = make_session(course, capacity=1)
    holder = UserFactory(email="holder@example.org")
    seat = services.enrolment_create(user=holder, course=course, session=session)
    learner = UserFactory(email="ben@example.org", first_name="Ben", last_name="Schneider")

    visit(page, site.url + course.url)
    assert page.get_by_text("Full: waiting list open").is_visible()
    page.get_by_role("link", name="Sign in to enrol").click()
    sign_in_from(page, learner.email)
    page.get_by_role("button", name="Join the waiting list").click()
    checked(page, screenshot="academy-waiting-list")
    assert page.get_by_text("You are number 1 on the waiting list").is_visible()

    mailoutbox.clear()
    services.enrolment_cancel(enrolment=seat, user=holder)
    assert [message.to for message in mailoutbox] == [[learner.email]]

    page.reload()
    checked(page)
    assert page.get_by_text("You are enrolled.").is_visible()
    assert page.get_by_role("link", name="Add to my calendar (.ics)").is_visible()
    visit(page, site.url + "/academy/my-learning/")
    assert page.get_by_role("link", name=course.title).first.is_visible()


def test_catalogue_and_course_work_on_a_phone(site, phone_page):
    course = make_course(title="Closing the programmes", format=CoursePage.Format.LIVE_ONLINE)
    make_session(course)
    visit(phone_page, site.url + "/academy/?format=live_online")
    phone_page.get_by_role("link", name=course.title).click()
    checked(phone_page, screenshot="academy-course-phone")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # nothing forces sideways scrolling
    assert phone_page.get_by_role("heading", name="Upcoming sessions").is_visible()
