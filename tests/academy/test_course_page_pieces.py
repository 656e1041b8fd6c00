"""A course page's sessions are a personal piece: visitors share one copy of the page, yet
every view shows the seats left as of now, and the enrol forms only to those who may use them."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from academy.models import CoursePage
from academy.services import enrolment_create
from tests.factories import UserFactory
from tests.factories.academy import make_course, make_session

pytestmark = pytest.mark.django_db

SEATS = re.compile(rb"(\d+) seats? left")
ENROL_BUTTON = b"Enrol in this session"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def course(home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE, enrolment_audience="anyone")
    make_session(course, capacity=3)
    return course


def test_visitors_share_the_page_and_see_the_seats_left_now(course):
    ana, ben = UserFactory(), UserFactory()
    visitor, ana_client, ben_client = Client(), _signed_in(ana), _signed_in(ben)

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
