"""A quiz's review options: what a learner sees after an attempt, and when; and quizzes that
open only once the lessons before them are done, for each role."""

import importlib

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy import selectors, services
from academy.models import CoursePage, QuizAttempt, QuizPage
from academy.selectors import quiz_lock_message, quiz_review_disclosure, quiz_state
from portal.core.cache import content_changed
from tests.factories import UserFactory
from tests.factories.academy import (
    SINGLE,
    make_course,
    make_lesson,
    make_module,
    make_quiz,
    question_ids,
)

pytestmark = pytest.mark.django_db

Detail, Timing = QuizPage.ReviewDetail, QuizPage.ReviewTiming


def _answers(quiz, *, right: bool) -> dict[str, list[str]]:
    single, several = question_ids(quiz)
    if right:
        return {single: ["0"], several: ["0", "2"]}
    return {single: ["1"], several: ["1"]}


# What the review shows, for every option and timing -----------------------------------------

# Where the learner stands: (passed at some attempt, out of attempts).
FAILED_WITH_ATTEMPTS_LEFT = (False, False)
PASSED = (True, False)
FAILED_ALL_ATTEMPTS = (False, True)
PASSED_AT_LAST_ATTEMPT = (True, True)

LATER = {
    (
        Detail.MISTAKES,
        Timing.ONCE_PASSED,
    ): "Which of your answers were wrong is shown once you pass.",
    (Detail.MISTAKES, Timing.AFTER_LAST_ATTEMPT): (
        "Which of your answers were wrong is shown once you pass or after your last attempt."
    ),
    (Detail.ANSWERS, Timing.ONCE_PASSED): "Correct answers are shown once you pass.",
    (Detail.ANSWERS, Timing.AFTER_LAST_ATTEMPT): (
        "Correct answers are shown once you pass or after your last attempt."
    ),
}


def _expected(detail, timing, standing):
    """(mistakes shown, answers shown, what is said about later), written out by hand."""
    passed, exhausted = standing
    if detail == Detail.SCORE:
        return False, False, ""
    due = {
        Timing.IMMEDIATELY: True,
        Timing.ONCE_PASSED: passed,
        Timing.AFTER_LAST_ATTEMPT: passed or exhausted,
    }[timing]
    if due:
        return True, detail == Detail.ANSWERS, ""
    if exhausted:
        return False, False, ""  # it can no longer be earned
    return False, False, LATER[detail, timing]


@pytest.mark.parametrize("detail", Detail.values)
@pytest.mark.parametrize("timing", Timing.values)
@pytest.mark.parametrize(
    "standing",
    [FAILED_WITH_ATTEMPTS_LEFT, PASSED, FAILED_ALL_ATTEMPTS, PASSED_AT_LAST_ATTEMPT],
    ids=["failed-attempts-left", "passed", "failed-all-attempts", "passed-at-last-attempt"],
)
def test_each_option_and_timing_shows_what_it_promises(detail, timing, standing):
    quiz = QuizPage(review_detail=detail, review_timing=timing, max_attempts=3)
    passed, exhausted = standing
    disclosure = quiz_review_disclosure(quiz=quiz, passed=passed, exhausted=exhausted)
    assert (disclosure.mistakes, disclosure.answers, disclosure.later) == _expected(
        detail, timing, standing
    )


def test_with_unlimited_attempts_there_is_no_last_attempt_to_promise():
    quiz = QuizPage(
        review_detail=Detail.ANSWERS, review_timing=Timing.AFTER_LAST_ATTEMPT, max_attempts=0
    )
    disclosure = quiz_review_disclosure(quiz=quiz, passed=False, exhausted=False)
    assert disclosure.later == "Correct answers are shown once you pass."


@pytest.fixture
def certified_quiz(home, learner):
    course = make_course(kind=CoursePage.Kind.CERTIFIED, completion_requires_quizzes=True)
    quiz = make_quiz(make_module(course), max_attempts=3)
    services.enrolment_create(user=learner, course=course)
    return quiz


def test_a_failed_attempt_at_a_certified_quiz_reveals_nothing_but_the_score(
    certified_quiz, learner
):
    services.quiz_submit(
        user=learner, quiz=certified_quiz, answers=_answers(certified_quiz, right=False)
    )
    state = quiz_state(quiz=certified_quiz, user=learner, shown=1)
    assert state["review"].score == 0
    assert state["feedback"] == []
    assert state["disclosure"].later == LATER[Detail.ANSWERS, Timing.AFTER_LAST_ATTEMPT]


def test_after_the_pass_every_attempt_shows_the_correct_answers(certified_quiz, learner):
    services.quiz_submit(
        user=learner, quiz=certified_quiz, answers=_answers(certified_quiz, right=False)
    )
    services.quiz_submit(
        user=learner, quiz=certified_quiz, answers=_answers(certified_quiz, right=True)
    )
    first = quiz_state(quiz=certified_quiz, user=learner, shown=1)["feedback"]
    assert [item["is_right"] for item in first] == [False, False]
    single = first[0]
    assert [choice["correct"] for choice in single["choices"]] == [True, False]
    assert single["choices"][1]["feedback"] == "A lump sum is fixed."  # the one they picked
    assert single["explanation"] == "Flat rates are percentages."


def test_the_last_failed_attempt_shows_the_correct_answers(certified_quiz, learner):
    for _attempt in range(3):
        services.quiz_submit(
            user=learner, quiz=certified_quiz, answers=_answers(certified_quiz, right=False)
        )
    state = quiz_state(quiz=certified_quiz, user=learner, shown=3)
    assert not state["may_attempt"]
    assert [choice["correct"] for choice in state["feedback"][0]["choices"]] == [True, False]


def test_mistakes_only_never_name_the_correct_options(home, learner):
    course = make_course(kind=CoursePage.Kind.SHORT, completion_requires_quizzes=True)
    quiz = make_quiz(
        make_module(course), review_detail=Detail.MISTAKES, review_timing=Timing.IMMEDIATELY
    )
    services.enrolment_create(user=learner, course=course)
    single, several = question_ids(quiz)
    services.quiz_submit(user=learner, quiz=quiz, answers={single: ["0"], several: ["1"]})
    feedback = quiz_state(quiz=quiz, user=learner, shown=1)["feedback"]
    assert [item["is_right"] for item in feedback] == [True, False]
    for item in feedback:
        assert item["explanation"] == ""
        assert {choice["correct"] for choice in item["choices"]} == {None}
        assert {choice["feedback"] for choice in item["choices"]} == {""}


# Defaults: new quizzes in the admin, the factories, and existing quizzes ---------------------


def test_a_certified_trainings_quiz_waits_and_a_short_courses_shows_immediately(home):
    certified = make_quiz(make_module(make_course(kind=CoursePage.Kind.CERTIFIED)))
    short = make_quiz(make_module(make_course(kind=CoursePage.Kind.SHORT)))
    assert (certified.review_detail, certified.review_timing) == (
        Detail.ANSWERS,
        Timing.AFTER_LAST_ATTEMPT,
    )
    assert short.review_timing == Timing.IMMEDIATELY


def test_the_admin_offers_the_certified_default_for_a_new_quiz(client, home, superuser):
    module = make_module(make_course(kind=CoursePage.Kind.CERTIFIED))
    client.force_login(superuser)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["academy", "quizpage", module.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="after_last_attempt" selected>' in html
    assert "After an attempt, learners see" in html


def test_the_data_migration_gives_existing_certified_quizzes_the_default(home):
    certified = make_quiz(
        make_module(make_course(kind=CoursePage.Kind.CERTIFIED)), review_timing=Timing.IMMEDIATELY
    )
    certified.save_revision()
    short = make_quiz(make_module(make_course(kind=CoursePage.Kind.SHORT)))
    migration = importlib.import_module(
        "academy.migrations.0004_quiz_review_options_and_lesson_gate"
    )
    migration.certified_quizzes_wait_for_pass_or_last_attempt(apps, None)
    certified.refresh_from_db()
    short.refresh_from_db()
    assert certified.review_timing == Timing.AFTER_LAST_ATTEMPT
    assert certified.get_latest_revision().content["review_timing"] == Timing.AFTER_LAST_ATTEMPT
    assert short.review_timing == Timing.IMMEDIATELY


# The result page -----------------------------------------------------------------------------


def test_the_result_page_of_a_failed_certified_attempt_says_when_answers_come(
    client, certified_quiz, learner
):
    client.force_login(learner)
    single, several = question_ids(certified_quiz)
    response = client.post(certified_quiz.url, {single: "1", several: "1"})
    html = client.get(response["Location"]).content.decode()
    assert "Not passed yet: 0%" in html
    assert "Correct answers are shown once you pass or after your last attempt." in html
    assert "(correct)" not in html
    assert "A lump sum is fixed." not in html  # the feedback on a choice tells it is wrong
    assert "Flat rates are percentages." not in html
    response = client.post(certified_quiz.url, {single: "0", several: ["0", "2"]})
    html = client.get(f"{certified_quiz.url}?attempt=1").content.decode()
    assert "(correct)" in html and "Flat rates are percentages." in html


def _result_page_queries(client, url) -> int:
    content_changed()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_result_page_costs_the_same_with_10_and_1000_attempts_and_questions(
    client, home, learner
):
    course = make_course(kind=CoursePage.Kind.SHORT)
    module = make_module(course)
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    costs = []
    for size in (10, 1000):
        quiz = make_quiz(module, max_attempts=0, questions=[SINGLE] * size)
        answers = {qid: ["1"] for qid in question_ids(quiz)}
        now = timezone.now()
        QuizAttempt.objects.bulk_create(
            QuizAttempt(
                user=learner,
                course=course,
                quiz=quiz,
                number=number,
                score=0,
                correct_count=0,
                question_count=size,
                passed=False,
                answers=answers,
                submitted_at=now,
            )
            for number in range(1, size + 1)
        )
        costs.append(_result_page_queries(client, f"{quiz.url}?attempt={size}"))
    assert costs[0] == costs[1]


# Quizzes that open once the lessons before them are done ------------------------------------


@pytest.fixture
def gated(home):
    """A course whose quiz opens after its two required lessons (an optional one and a lesson
    after the quiz do not count)."""
    course = make_course(quizzes_require_lessons=True, completion_requires_quizzes=True)
    module = make_module(course)
    lessons = [make_lesson(module, "One"), make_lesson(module, "Two")]
    make_lesson(module, "Extra", required=False)
    quiz = make_quiz(module)
    make_lesson(make_module(course, "Afterwards"), "Later")
    return {"course": course, "lessons": lessons, "quiz": quiz}


def test_the_lock_counts_the_required_lessons_before_the_quiz(gated, learner):
    services.enrolment_create(user=learner, course=gated["course"])
    quiz = gated["quiz"]
    assert selectors.quiz_lessons_to_go(quiz=quiz, user=learner) == 2
    services.lesson_complete(user=learner, lesson=gated["lessons"][0])
    assert selectors.quiz_lessons_to_go(quiz=quiz, user=learner) == 1
    services.lesson_complete(user=learner, lesson=gated["lessons"][1])
    assert selectors.quiz_lessons_to_go(quiz=quiz, user=learner) == 0


def test_the_lock_message_counts_in_words():
    assert quiz_lock_message(1).endswith("1 lesson to go.")
    assert quiz_lock_message(3).endswith("3 lessons to go.")


def test_a_closed_quiz_refuses_an_attempt(gated, learner):
    services.enrolment_create(user=learner, course=gated["course"])
    quiz = gated["quiz"]
    with pytest.raises(ValidationError) as error:
        services.quiz_submit(user=learner, quiz=quiz, answers=_answers(quiz, right=True))
    assert error.value.messages == [quiz_lock_message(2)]
    assert not QuizAttempt.objects.exists()


def test_without_the_setting_the_quiz_is_open_from_the_start(home, learner):
    course = make_course()
    module = make_module(course)
    make_lesson(module)
    quiz = make_quiz(module)
    services.enrolment_create(user=learner, course=course)
    attempt = services.quiz_submit(user=learner, quiz=quiz, answers=_answers(quiz, right=True))
    assert attempt.passed


def test_anonymous_visitors_are_sent_to_sign_in(client, gated):
    quiz = gated["quiz"]
    for response in (client.get(quiz.url), client.post(quiz.url, {})):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not QuizAttempt.objects.exists()


def test_people_not_enrolled_are_sent_to_the_course(client, gated):
    client.force_login(UserFactory())
    quiz = gated["quiz"]
    for response in (client.get(quiz.url), client.post(quiz.url, {})):
        assert response.status_code == 302 and response["Location"] == gated["course"].url
    assert not QuizAttempt.objects.exists()


def test_learners_with_lessons_missing_are_told_how_many(client, gated, learner):
    services.enrolment_create(user=learner, course=gated["course"])
    services.lesson_complete(user=learner, lesson=gated["lessons"][0])
    client.force_login(learner)
    quiz = gated["quiz"]
    single, several = question_ids(quiz)
    html = client.get(quiz.url).content.decode()
    assert "This quiz opens once you have done the lessons before it: 1 lesson to go." in html
    assert f'name="{single}"' not in html  # no questions to answer
    assert "Opens after 1 more lesson" in html  # next to its link in the outline

    response = client.post(quiz.url, {single: "0", several: ["0", "2"]})
    assert response.status_code == 302 and response["Location"] == quiz.url
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        quiz_lock_message(1)
    ]
    assert not QuizAttempt.objects.exists()
    course_html = client.get(gated["course"].url).content.decode()
    assert "Opens after 1 more lesson" in course_html


def test_learners_with_the_lessons_done_take_the_quiz(client, gated, learner):
    services.enrolment_create(user=learner, course=gated["course"])
    for lesson in gated["lessons"]:
        services.lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)
    quiz = gated["quiz"]
    single, several = question_ids(quiz)
    html = client.get(quiz.url).content.decode()
    assert f'name="{single}"' in html and "lessons to go" not in html
    response = client.post(quiz.url, {single: "0", several: ["0", "2"]})
    assert response.status_code == 302
    assert QuizAttempt.objects.get(user=learner).passed


def test_editors_preview_a_closed_quiz(client, gated, staff_user):
    client.force_login(staff_user)
    quiz = gated["quiz"]
    single, _several = question_ids(quiz)
    html = client.get(quiz.url).content.decode()
    assert f'name="{single}"' in html
    assert "Preview: learners open this quiz once they have done the required lessons" in html
    response = client.post(quiz.url, {single: "0"})
    assert response.status_code == 302  # editors preview; they have no attempts to record
    assert not QuizAttempt.objects.exists()
