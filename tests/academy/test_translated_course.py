"""A course translated into French is the same course: enrolling on the French page enrols in
the course, a French lesson marked done counts for the lesson, a French quiz's attempt for the
quiz."""

import pytest
from django.urls import reverse
from django.utils import translation

from academy import services
from academy.models import Enrolment, LessonProgress, QuizAttempt
from portal.core.demo_translations import translate_page
from tests.factories.academy import question_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def french(self_paced, home):
    """The course, its module, lessons and quiz in French (parents first)."""
    course = self_paced["course"]
    pages = {}
    for page in course.get_descendants(inclusive=True).live().order_by("path"):
        pages[page.pk] = translate_page(page, "fr", {page.title: f"{page.title} (FR)"}).specific
    return {
        "course": pages[course.pk],
        "lessons": [pages[lesson.pk] for lesson in self_paced["lessons"]],
        "quiz": pages[self_paced["quiz"].pk],
    }


def test_a_translation_is_served_under_its_language_and_knows_its_original(
    client, self_paced, french
):
    course = french["course"]
    assert course.url.startswith("/fr/")
    assert course.original == self_paced["course"]
    response = client.get(course.url)
    assert response.status_code == 200
    assert f"{self_paced['course'].title} (FR)" in response.text
    assert '<html lang="fr">' in response.text


def test_enrolling_on_the_french_page_enrols_in_the_course(client, learner, self_paced, french):
    client.force_login(learner)
    response = client.post(reverse("academy:enrol", kwargs={"course_id": french["course"].pk}))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.course_id == self_paced["course"].pk
    # And the French page shows it.
    with translation.override("fr"):
        page = client.get(french["course"].url)
        cancel = reverse("academy:enrolment_cancel", kwargs={"pk": enrolment.pk})
    assert f'action="{cancel}"' in page.text


def test_a_french_lesson_done_counts_for_the_lesson(client, learner, self_paced, french):
    services.enrolment_create(user=learner, course=self_paced["course"], session=None)
    client.force_login(learner)
    lesson = french["lessons"][0]
    assert client.get(lesson.url).status_code == 200
    response = client.post(lesson.url)
    assert response.status_code == 302
    progress = LessonProgress.objects.get(user=learner)
    assert progress.lesson_id == self_paced["lessons"][0].pk
    assert progress.course_id == self_paced["course"].pk
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.last_visited_id == self_paced["lessons"][0].pk


def test_a_french_quiz_attempt_counts_for_the_quiz(client, learner, self_paced, french):
    services.enrolment_create(user=learner, course=self_paced["course"], session=None)
    for lesson in self_paced["lessons"]:
        services.lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)
    single, several = question_ids(self_paced["quiz"])
    response = client.post(french["quiz"].url, {single: ["0"], several: ["0", "2"]})
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(user=learner)
    assert attempt.quiz_id == self_paced["quiz"].pk
    assert Enrolment.objects.get(user=learner).completed_at is not None
