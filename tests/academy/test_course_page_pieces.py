"""A course page is one shared copy for everyone: the sessions with their seats left, the enrol
panel and a learner's syllabus are personal pieces, fresh on every view and only the person's."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from academy.access import NEEDS_PROGRAMME_STAFF
from academy.models import CoursePage, QuizAttempt
from academy.services import enrolment_create, lesson_complete
from tests.factories import UserFactory
from tests.factories.academy import make_course, make_failed_attempts, make_session
from tests.helpers import count_queries, queries_at_10_and_1000, signed_in_client

# What a signed-in request served from a shared copy costs before its pieces: the user, the
# signed-in device record, permissions and affiliations for the second-factor rule, and the
# restriction check (with savepoints), then the account menu's unread count.
SIGNED_IN_SHARED_BUDGET = 10

pytestmark = pytest.mark.django_db

SEATS = re.compile(rb"(\d+) seats? left")
ENROL_BUTTON = b"Enrol in this session"


@pytest.fixture
def course(home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE, enrolment_audience="anyone")
    make_session(course, capacity=3)
    return course


def test_visitors_share_the_page_and_see_the_seats_left_now(course):
    ana, ben = UserFactory(), UserFactory()
    visitor, ana_client, ben_client = Client(), signed_in_client(ana), signed_in_client(ben)

    first = visitor.get(course.url)
    assert first["X-Page-Cache"] == "miss"
    assert SEATS.search(first.content).group(1) == b"3"
    assert ENROL_BUTTON not in first.content
    assert b"Sign in to enrol" in first.content

    assert ENROL_BUTTON in ana_client.get(course.url).content
    enrolment_create(user=ana, course=course, session=course.sessions.get())

    again = visitor.get(course.url)
    assert again["X-Page-Cache"] == "hit"
    assert SEATS.search(again.content).group(1) == b"2"
    assert ENROL_BUTTON not in again.content

    ana_page = ana_client.get(course.url).content
    assert b"You are enrolled." in ana_page and ENROL_BUTTON not in ana_page
    assert SEATS.search(ana_page).group(1) == b"2"

    ben_page = ben_client.get(course.url).content
    assert ENROL_BUTTON in ben_page and b"You are enrolled." not in ben_page
    assert b"Sign in to enrol" not in ben_page
    assert SEATS.search(ben_page).group(1) == b"2"

    # The visitor's copy never picked up anything of Ana's or Ben's.
    last = visitor.get(course.url)
    assert last["X-Page-Cache"] == "hit"
    assert b"You are enrolled." not in last.content and ENROL_BUTTON not in last.content


def test_an_enrolment_form_rendered_in_the_piece_posts(course):
    person = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    page = client.get(course.url).content
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    session = course.sessions.get()
    response = client.post(
        reverse("academy:enrol", kwargs={"course_id": course.pk}),
        {"csrfmiddlewaretoken": token, "session": session.pk},
    )
    assert response.status_code == 302
    assert session.enrolments.filter(user=person).exists()


def _lesson_link(lesson) -> bytes:
    return f'href="{lesson.url}"'.encode()


def test_a_learner_another_person_and_a_visitor_interleaved_share_one_copy(
    self_paced, learner, other_learner
):
    course, lessons = self_paced["course"], self_paced["lessons"]
    enrolment_create(user=learner, course=course, session=None)
    lesson_complete(user=learner, lesson=lessons[0])
    visitor, learner_client, other_client = (
        Client(),
        signed_in_client(learner),
        signed_in_client(other_learner),
    )
    enrol_action = 'action="{}"'.format(reverse("academy:enrol", kwargs={"course_id": course.pk}))

    responses = []
    for _round in range(2):
        for name, client in (
            ("learner", learner_client),
            ("visitor", visitor),
            ("other", other_client),
        ):
            responses.append((name, client.get(course.url)))

    assert [response["X-Page-Cache"] for _name, response in responses] == ["miss"] + ["hit"] * 5
    for name, response in responses:
        content = response.content
        assert b"piece-" not in content
        if name == "learner":
            assert b"You are enrolled." in content
            assert b"1 of 4 steps done" in content
            assert _lesson_link(lessons[1]) in content
            assert b"Continue where you left off" in content
            assert enrol_action.encode() not in content
        else:
            assert b"You are enrolled." not in content
            assert _lesson_link(lessons[0]) not in content
            assert b"steps done" not in content and b"of 4 done" not in content
        if name == "other":
            assert enrol_action.encode() in content
            assert b"Sign in to enrol" not in content
        if name == "visitor":
            assert b"Sign in to enrol" in content
            assert enrol_action.encode() not in content


def test_enrolling_shows_on_the_next_request_of_the_shared_copy(self_paced, learner):
    course = self_paced["course"]
    client = signed_in_client(learner)
    Client().get(course.url)
    before = client.get(course.url)
    assert before["X-Page-Cache"] == "hit"
    assert b"You are enrolled." not in before.content
    # The redirect shows the confirmation, a flash message only this response carries.
    client.post(reverse("academy:enrol", kwargs={"course_id": course.pk}), follow=True)
    # A browser forgets the messages cookie once shown and emptied; the test client keeps it.
    assert client.cookies.pop("messages").value == ""
    after = client.get(course.url)
    assert after["X-Page-Cache"] == "hit"
    assert b"You are enrolled." in after.content
    assert b"Start the course" in after.content
    assert _lesson_link(self_paced["lessons"][0]) in after.content
    # The visitor's copy is untouched.
    assert b"Start the course" not in Client().get(course.url).content


def test_a_waitlisted_person_sees_their_place_and_the_next_one_the_enrol_forms(course):
    holder, waiting, newcomer = UserFactory(), UserFactory(), UserFactory()
    session = course.sessions.get()
    session.capacity = 1
    session.save()
    enrolment_create(user=holder, course=course, session=session)
    enrolment_create(user=waiting, course=course, session=session)
    Client().get(course.url)
    waiting_page = signed_in_client(waiting).get(course.url)
    assert waiting_page["X-Page-Cache"] == "hit"
    assert b"You are number 1 on the waiting list" in waiting_page.content
    assert b"Join the waiting list" not in waiting_page.content
    newcomer_page = signed_in_client(newcomer).get(course.url).content
    assert b"Join the waiting list" in newcomer_page
    assert b"waiting list for the session" not in newcomer_page


def test_someone_the_course_refuses_is_told_why_on_the_shared_copy(home):
    course = make_course(enrolment_audience=CoursePage.Audience.PROGRAMME_STAFF)
    Client().get(course.url)
    page = signed_in_client(UserFactory()).get(course.url)
    assert page["X-Page-Cache"] == "hit"
    assert str(NEEDS_PROGRAMME_STAFF).encode() in page.content


def test_a_learners_shared_course_page_costs_the_same_at_10_and_1000_quiz_attempts(
    self_paced, learner
):
    course, quiz = self_paced["course"], self_paced["quiz"]
    enrolment_create(user=learner, course=course, session=None)

    def grow(total):
        existing = QuizAttempt.objects.filter(user=learner).count()
        make_failed_attempts(learner, course, quiz, range(existing, total))

    client = signed_in_client(learner)
    few, many, response = queries_at_10_and_1000(client, course.url, grow)
    assert response["X-Page-Cache"] == "hit"
    assert few == many
    # What any signed-in request costs before the page, then the learner's syllabus.
    assert many <= SIGNED_IN_SHARED_BUDGET + 7, many


def test_a_signed_in_person_without_an_enrolment_costs_a_few_queries(self_paced, learner):
    client = signed_in_client(learner)
    client.get(self_paced["course"].url)
    queries, response = count_queries(client.get, self_paced["course"].url)
    assert response["X-Page-Cache"] == "hit"
    assert queries <= SIGNED_IN_SHARED_BUDGET + 3, queries
