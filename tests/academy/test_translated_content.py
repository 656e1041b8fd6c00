"""On French pages the Academy shows each course, module, lesson and quiz in French where it is
translated, and marks what is still in English with `lang="en"`."""

import re

import pytest
from django.utils import translation

from academy import services
from academy.models import QuizAttempt
from portal.core.demo_translations import translate_page
from tests.factories.academy import make_course, question_ids

pytestmark = pytest.mark.django_db

FRENCH_QUESTIONS = {
    "Which option is a percentage of staff costs?": "Quelle option est un pourcentage ?",
    "A flat rate": "Un taux forfaitaire",
    "A lump sum": "Une somme forfaitaire",
    "Which reduce paperwork?": "Lesquels réduisent les papiers ?",
    "Unit costs": "Coûts unitaires",
    "Yes: a percentage.": "Oui : un pourcentage.",
    "Flat rates are percentages.": "Les taux forfaitaires sont des pourcentages.",
    "What the module covers.": "Ce que couvre le module.",
}


@pytest.fixture
def french(self_paced, home):
    """The course, its module, required lessons and quiz in French (parents first); the
    optional lesson is left in English."""
    course = self_paced["course"]
    module = self_paced["quiz"].get_parent().specific
    module.intro = "What the module covers."
    module.save_revision().publish()
    pages = {}
    for page in course.get_descendants(inclusive=True).live().order_by("path"):
        if page.pk == self_paced["optional"].pk:
            continue
        texts = {page.title: f"{page.title} (FR)", **FRENCH_QUESTIONS}
        pages[page.pk] = translate_page(page, "fr", texts).specific
    return {
        "course": pages[course.pk],
        "lessons": [pages[lesson.pk] for lesson in self_paced["lessons"]],
        "quiz": pages[self_paced["quiz"].pk],
    }


def _catalogue_url(self_paced, language="en"):
    with translation.override(language):
        return self_paced["course"].get_parent().specific.url


def test_the_french_catalogue_shows_the_french_course_and_marks_an_english_one(
    client, self_paced, french
):
    untranslated = make_course(title="Audit basics", parent=self_paced["course"].get_parent())
    expected = f"/fr{untranslated.url}"
    response = client.get(_catalogue_url(self_paced, "fr"))
    assert response.status_code == 200
    text = response.text
    title = f"{self_paced['course'].title} (FR)"
    assert f'<a href="{french["course"].url}">{title}</a>' in text
    assert french["course"].url.startswith("/fr/")
    card = re.search(r'<h2 class="card__title"([^>]*)>\s*<a href="([^"]+)">Audit basics</a>', text)
    assert card is not None
    assert 'lang="en"' in card.group(1)
    assert card.group(2) == expected


def test_the_english_catalogue_is_unchanged(client, self_paced, french):
    response = client.get(_catalogue_url(self_paced))
    assert f'<a href="{self_paced["course"].url}">{self_paced["course"].title}</a>' in response.text
    assert "(FR)" not in response.text


def test_the_outline_of_the_french_course_shows_french_titles(client, learner, self_paced, french):
    services.enrolment_create(user=learner, course=self_paced["course"], session=None)
    client.force_login(learner)
    lesson = french["lessons"][0]
    response = client.get(lesson.url)
    assert response.status_code == 200
    outline = response.text.split('class="course-outline"')[1].split("</nav>")[0]
    assert "One (FR)" in outline and "Two (FR)" in outline and "Module (FR)" in outline
    assert f'href="{french["lessons"][1].url}"' in outline
    current = re.search(r'<li class="is-current">\s*<a href="([^"]+)" aria-current="page"', outline)
    assert current is not None and current.group(1) == lesson.url
    # The optional lesson, not translated, is marked as English.
    assert 'lang="en"' in outline.split("Extra")[0].rsplit("<a ", 1)[1]
    # The course page's syllabus too.
    syllabus = client.get(french["course"].url).text
    assert "One (FR)" in syllabus and "Module (FR)" in syllabus
    assert re.search(r"<p\s*>Ce que couvre le module.</p>", syllabus)  # French: no lang
    assert "What the module covers." not in syllabus


def test_a_french_quiz_shows_french_questions_and_scores_a_right_answer(
    client, learner, self_paced, french
):
    services.enrolment_create(user=learner, course=self_paced["course"], session=None)
    for lesson in self_paced["lessons"]:
        services.lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)
    quiz = french["quiz"]
    assert question_ids(quiz) == question_ids(self_paced["quiz"])
    page = client.get(quiz.url).text
    assert "Quelle option est un pourcentage ?" in page
    assert "Un taux forfaitaire" in page
    assert "Which option is a percentage of staff costs?" not in page
    single, several = question_ids(self_paced["quiz"])
    response = client.post(quiz.url, {single: ["0"], several: ["0", "2"]})
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(user=learner)
    assert attempt.quiz_id == self_paced["quiz"].pk
    assert attempt.passed and attempt.score == 100
    # The review is worded as the learner read the quiz: French prompts, choices, feedback.
    review = client.get(response.url).text.split('class="quiz-feedback"')[1].split("</ol>")[0]
    assert "Quelle option est un pourcentage ?" in review
    assert "Oui : un pourcentage." in review
    assert "Les taux forfaitaires sont des pourcentages." in review
    assert "percentage" not in review


def test_a_translation_with_another_structure_shows_the_original_questions(
    client, learner, self_paced, french
):
    quiz = french["quiz"]
    quiz.questions = list(quiz.questions.raw_data)[:1]
    quiz.save_revision().publish()
    services.enrolment_create(user=learner, course=self_paced["course"], session=None)
    for lesson in self_paced["lessons"]:
        services.lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)
    page = client.get(quiz.url).text
    assert "Which option is a percentage of staff costs?" in page
    assert "Quelle option est un pourcentage ?" not in page
