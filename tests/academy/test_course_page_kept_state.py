"""What a course page's pieces show of the person (their enrolment, progress, place on the
waiting list, certificate) is kept between requests under their learning version
(academy/learning_versions.py): two learners and a visitor interleaved each see their own
panel, each change shows on the next request, and a signed-in request from the shared copy
reads nothing of the academy."""

import pytest
from django.test import Client
from django.urls import reverse

from academy.models import CoursePage, Enrolment
from academy.services import enrolment_cancel, enrolment_create, lesson_complete
from tests.factories import UserFactory
from tests.factories.academy import make_course, make_one_lesson_course, make_session
from tests.helpers import query_log, signed_in_client

pytestmark = pytest.mark.django_db

ENROL_BUTTON = b"Enrol in this session"


def _panel(client, course) -> bytes:
    response = client.get(course.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] in ("hit", "miss")
    return response.content


def test_two_learners_and_a_visitor_interleaved_each_see_their_own_panel(
    self_paced, learner, other_learner
):
    course, lessons = self_paced["course"], self_paced["lessons"]
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons[0])
    enrolment_create(user=other_learner, course=course)
    newcomer = UserFactory()
    clients = {
        "learner": signed_in_client(learner),
        "other": signed_in_client(other_learner),
        "newcomer": signed_in_client(newcomer),
        "visitor": Client(),
    }
    enrol_action = 'action="{}"'.format(reverse("academy:enrol", kwargs={"course_id": course.pk}))
    for _round in range(3):
        for name, client in clients.items():
            page = _panel(client, course)
            assert (b"1 of 4 steps done" in page) == (name == "learner"), name
            assert (b"0 of 4 steps done" in page) == (name == "other"), name
            assert (b"You are enrolled." in page) == (name in ("learner", "other")), name
            assert (enrol_action.encode() in page) == (name == "newcomer"), name
            assert (b"Sign in to enrol" in page) == (name == "visitor"), name
            assert (f'href="{lessons[1].url}"'.encode() in page) == (
                name in ("learner", "other")
            ), name


def test_a_hit_reads_nothing_of_the_academy(self_paced, learner):
    course = self_paced["course"]
    enrolment_create(user=learner, course=course)
    client = signed_in_client(learner)
    client.get(course.url)
    client.get(course.url)
    course_queries = query_log(client.get, course.url)
    assert not [sql for sql in course_queries if "academy_" in sql], course_queries
    # Only the routing's site, which the test settings do not keep between requests.
    assert not [sql for sql in course_queries if "wagtailcore_site" not in sql], course_queries


def test_enrolling_doing_a_lesson_and_cancelling_each_show_on_the_next_request(self_paced, learner):
    course, lessons = self_paced["course"], self_paced["lessons"]
    client = signed_in_client(learner)
    _panel(client, course)
    assert b"You are enrolled." not in _panel(client, course)

    client.post(reverse("academy:enrol", kwargs={"course_id": course.pk}), follow=True)
    client.cookies.pop("messages", None)
    page = _panel(client, course)
    assert b"You are enrolled." in page and b"0 of 4 steps done" in page

    client.post(lessons[0].url, follow=True)
    client.cookies.pop("messages", None)
    assert b"1 of 4 steps done" in _panel(client, course)

    enrolment = Enrolment.objects.get(user=learner, course=course)
    client.post(reverse("academy:enrolment_cancel", args=[enrolment.pk]), follow=True)
    client.cookies.pop("messages", None)
    page = _panel(client, course)
    assert b"You are enrolled." not in page and b"steps done" not in page


def test_a_place_on_the_waiting_list_moves_up_and_is_promoted_on_the_next_request(home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE, enrolment_audience="anyone")
    session = make_session(course, capacity=1)
    holder, first, second = UserFactory(), UserFactory(), UserFactory()
    held = enrolment_create(user=holder, course=course, session=session)
    waiting = enrolment_create(user=first, course=course, session=session)
    enrolment_create(user=second, course=course, session=session)
    first_client, second_client = signed_in_client(first), signed_in_client(second)
    for _round in range(2):
        assert b"You are number 1 on the waiting list" in _panel(first_client, course)
        assert b"You are number 2 on the waiting list" in _panel(second_client, course)

    # Someone ahead leaves the list: the one behind moves up.
    enrolment_cancel(enrolment=waiting, user=first)
    assert b"You are number 1 on the waiting list" in _panel(second_client, course)
    assert b"waiting list for the session" not in _panel(first_client, course)

    # The seat frees up: the first waiting is promoted.
    enrolment_cancel(enrolment=held, user=holder)
    page = _panel(second_client, course)
    assert b"You are enrolled." in page and b"waiting list for the session" not in page
    assert b"Your session:" in page


def test_a_certificate_shows_on_the_next_request(home, learner):
    course, lesson = make_one_lesson_course(enrolment_audience="anyone")
    enrolment_create(user=learner, course=course)
    client = signed_in_client(learner)
    _panel(client, course)
    assert b"Download your certificate" not in _panel(client, course)
    certificate = lesson_complete(user=learner, lesson=lesson)
    assert certificate is not None
    page = _panel(client, course)
    assert b"You completed this course" in page
    assert certificate.get_absolute_url().encode() in page
