"""Query budgets: the catalogue, a course page and the dashboard cost the same at any size."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy import services
from academy.demo import seed_bulk_courses
from academy.models import AcademyLandingPage, CoursePage
from portal.core.cache import content_changed
from tests.factories.academy import make_course, make_lesson, make_module, make_session

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    content_changed()  # measure rendering, not the page cache
    client.get(url)  # warm per-process caches (content types, site root paths)
    content_changed()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_catalogue_and_course_page_cost_the_same_with_10_and_1000_courses(
    client, self_paced, learner
):
    catalogue = AcademyLandingPage.objects.get()
    course = self_paced["course"]
    make_session(make_course(format=CoursePage.Format.LIVE_ONLINE))
    services.enrolment_create(user=learner, course=course)
    signed_in = Client()
    signed_in.force_login(learner)
    filtered = f"{catalogue.url}?q=practice&format=live_online&upcoming=on"
    pages = [
        (client, catalogue.url),
        (client, filtered),
        (client, course.url),
        (signed_in, catalogue.url),
        (signed_in, filtered),
        (signed_in, course.url),
    ]
    seed_bulk_courses(catalogue, 10)
    small = [_queries(visitor, url) for visitor, url in pages]
    seed_bulk_courses(catalogue, 1000)
    assert CoursePage.objects.count() > 1000
    assert [_queries(visitor, url) for visitor, url in pages] == small


def test_course_page_cost_does_not_grow_with_sessions_or_lessons(client, home, learner):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    module = make_module(course)
    make_lesson(module)
    make_session(course)
    client.force_login(learner)
    small = _queries(client, course.url)
    for _ in range(10):
        make_lesson(module)
        make_session(course)
    assert _queries(client, course.url) == small


def test_my_learning_costs_the_same_for_1_and_12_courses(client, home, learner):
    client.force_login(learner)

    def enrol_in_new_course():
        course = make_course(format=CoursePage.Format.LIVE_ONLINE)
        make_lesson(make_module(course))
        services.enrolment_create(user=learner, course=course, session=make_session(course))

    enrol_in_new_course()
    small = _queries(client, reverse("academy:my_learning"))
    for _ in range(11):
        enrol_in_new_course()
    assert _queries(client, reverse("academy:my_learning")) == small


def test_lesson_page_cost_does_not_grow_with_the_course(client, self_paced, learner):
    services.enrolment_create(user=learner, course=self_paced["course"])
    client.force_login(learner)
    lesson = self_paced["lessons"][0]
    small = _queries(client, lesson.url)
    module = lesson.get_parent()
    for _ in range(8):
        make_lesson(module)
    assert _queries(client, lesson.url) == small
