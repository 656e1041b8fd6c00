"""My learning is kept for each learner alone (portal.core.cache.kept_for_person): two
learners and a visitor interleaved each get their own, and each change the page shows
(enrolling, a lesson done, a place cancelled, the lesson to continue from, a certificate, a
public record) shows on the next request; what changes by the clock bounds the copy."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from academy import selectors, services
from academy.models import Certificate, CoursePage
from tests.accounts.test_profile_and_data import profile_post
from tests.factories import UserFactory
from tests.factories.academy import make_course, make_session
from tests.helpers import count_queries, page_text, signed_in_client

pytestmark = pytest.mark.django_db

URL = reverse("academy:my_learning")


def _page(client) -> str:
    return page_text(client, URL)


def _percent(page: str, course: CoursePage) -> int:
    found = re.search(rf'aria-label="Progress in {re.escape(course.title)}">(\d+)%', page)
    assert found, f"no progress shown for {course.title}"
    return int(found.group(1))


def test_two_learners_and_a_visitor_interleaved_each_get_their_own(client, self_paced):
    ana, ben = UserFactory(), UserFactory()
    own_course = {ana: self_paced["course"], ben: make_course(title="Audit basics")}
    for person, course in own_course.items():
        services.enrolment_create(user=person, course=course)
    clients = {person: signed_in_client(person) for person in own_course}
    for round_number in range(2):
        for person, other in ((ana, ben), (ben, ana)):
            response = clients[person].get(URL)
            page = response.content.decode()
            assert f"Progress in {own_course[person].title}" in page
            assert f"Progress in {own_course[other].title}" not in page
            assert response["X-Page-Cache"] == ("miss" if round_number == 0 else "hit")
            assert not re.search(r"piece-[0-9a-f]{32}-", page)
        visitor = client.get(URL)
        assert visitor.status_code == 302
    # From the kept copy, a request asks only for the person's row.
    queries, response = count_queries(clients[ana].get, URL)
    assert response["X-Page-Cache"] == "hit" and queries <= 1, queries


def test_enrolling_shows_on_the_next_request(learner, self_paced):
    course = self_paced["course"]
    learner_client = signed_in_client(learner)
    _page(learner_client)
    assert "You are not taking a course at the moment." in _page(learner_client)
    # As a browser does: the course page it is sent back to shows the message.
    enrolled = learner_client.post(reverse("academy:enrol", args=[course.pk]), follow=True)
    assert enrolled.status_code == 200
    assert f"Progress in {course.title}" in _page(learner_client)


def test_a_lesson_done_moves_the_progress_on_the_next_request(learner, self_paced):
    course, first = self_paced["course"], self_paced["lessons"][0]
    services.enrolment_create(user=learner, course=course)
    learner_client = signed_in_client(learner)
    _page(learner_client)
    before = _percent(_page(learner_client), course)
    learner_client.post(first.url, follow=True)
    assert _percent(_page(learner_client), course) > before


def test_visiting_a_lesson_moves_continue_to_it_on_the_next_request(learner, self_paced):
    course, second = self_paced["course"], self_paced["lessons"][1]
    services.enrolment_create(user=learner, course=course)
    learner_client = signed_in_client(learner)
    _page(learner_client)
    assert f'href="{second.url}"' not in _page(learner_client)
    assert learner_client.get(second.url).status_code == 200
    assert f'href="{second.url}"' in _page(learner_client)


def test_a_cancelled_place_goes_on_the_next_request(learner, home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE, title="Live audit course")
    enrolment = services.enrolment_create(user=learner, course=course, session=make_session(course))
    learner_client = signed_in_client(learner)
    _page(learner_client)
    assert "Live audit course" in _page(learner_client)
    learner_client.post(reverse("academy:enrolment_cancel", args=[enrolment.pk]), follow=True)
    assert "Live audit course" not in _page(learner_client)


def test_a_new_certificate_and_a_public_record_show_on_the_next_request(learner, self_paced):
    learner_client = signed_in_client(learner)
    _page(learner_client)
    assert "Budget basics certificate" not in _page(learner_client)
    Certificate.objects.create(
        code="KEPT000001",
        kind=Certificate.Kind.COURSE,
        source_key="kept:1",
        holder=learner,
        holder_name="Łucja Dvořák",
        title="Budget basics certificate",
        completed_on=timezone.localdate(),
        course=self_paced["course"],
    )
    page = _page(learner_client)
    assert "Budget basics certificate" in page
    assert "See your public certificates" not in page
    assert profile_post(learner_client, credentials_public="on").status_code == 302
    learner_client.get(reverse("accounts:profile"))  # where its message is shown
    assert "See your public certificates" in _page(learner_client)


def test_the_copy_is_kept_no_later_than_a_session_or_a_certificate_changes_by_the_clock(
    learner, home
):
    now = timezone.now()
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, days=3)
    services.enrolment_create(user=learner, course=course, session=session)
    context = selectors.my_learning(user=learner)
    assert selectors.my_learning_changes_at(context, now=now) == session.starts_at
    later = session.starts_at + timedelta(minutes=1)
    assert selectors.my_learning_changes_at(context, now=later) == session.ends_at
    assert selectors.my_learning_changes_at(context, now=session.ends_at) is None


def test_a_page_about_to_change_by_the_clock_is_not_kept(learner, home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE, title="Starting now course")
    # Its session starts within the second: the page would show otherwise at once.
    session = make_session(course, days=0, starts_at=timezone.now() + timedelta(milliseconds=300))
    services.enrolment_create(user=learner, course=course, session=session)
    learner_client = signed_in_client(learner)
    assert learner_client.get(URL).get("X-Page-Cache") is None
    assert learner_client.get(URL).get("X-Page-Cache") != "hit"
