from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from academy import services
from academy.models import Certificate, CoursePage, Enrolment, LessonProgress, QuizAttempt
from portal.accounts import roles
from portal.core.capacity import PlaceStatus
from tests.factories import AffiliationFactory, UserFactory
from tests.factories.academy import (
    make_course,
    make_lesson,
    make_module,
    make_session,
    question_ids,
)

pytestmark = pytest.mark.django_db(transaction=False)


def _right_answers(quiz):
    single, several = question_ids(quiz)
    return {single: ["0"], several: ["0", "2"]}


def _finish(learner, course_setup, run=lambda service, **kwargs: service(**kwargs)):
    for lesson in course_setup["lessons"]:
        run(services.lesson_complete, user=learner, lesson=lesson)
    return run(
        services.quiz_submit,
        user=learner,
        quiz=course_setup["quiz"],
        answers=_right_answers(course_setup["quiz"]),
    )


# Enrolment -----------------------------------------------------------------------------------


def test_self_paced_enrolment_is_confirmed_and_mailed(self_paced, learner, outbox, committed):
    enrolment = committed(services.enrolment_create, user=learner, course=self_paced["course"])
    assert enrolment.status == PlaceStatus.CONFIRMED
    assert [message.to for message in outbox] == [[learner.email]]
    assert "You are enrolled" in outbox[0].subject


def test_enrolling_twice_is_refused(self_paced, learner):
    services.enrolment_create(user=learner, course=self_paced["course"])
    with pytest.raises(ValidationError) as error:
        services.enrolment_create(user=learner, course=self_paced["course"])
    assert error.value.messages == [str(services.ALREADY_ENROLLED)]


def test_a_self_paced_course_takes_no_session(self_paced, learner):
    other = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(other)
    with pytest.raises(ValidationError):
        services.enrolment_create(user=learner, course=self_paced["course"], session=session)


def test_full_session_puts_learners_on_the_waiting_list(home, outbox, committed):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, capacity=2)
    first, second, third = UserFactory.create_batch(3)
    assert committed(
        services.enrolment_create, user=first, course=course, session=session
    ).is_confirmed
    assert committed(
        services.enrolment_create, user=second, course=course, session=session
    ).is_confirmed
    waiting = committed(services.enrolment_create, user=third, course=course, session=session)
    assert waiting.status == PlaceStatus.WAITLISTED
    assert "waiting list" in outbox[-1].subject


def test_cancelling_promotes_the_first_waiting_and_tells_them(home, outbox, committed):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, capacity=1)
    holder, early, late = UserFactory.create_batch(3)
    taken = committed(services.enrolment_create, user=holder, course=course, session=session)
    first_waiting = committed(services.enrolment_create, user=early, course=course, session=session)
    committed(services.enrolment_create, user=late, course=course, session=session)
    outbox.clear()
    promoted = committed(services.enrolment_cancel, enrolment=taken, user=holder)
    assert [enrolment.pk for enrolment in promoted] == [first_waiting.pk]
    first_waiting.refresh_from_db()
    assert first_waiting.status == PlaceStatus.CONFIRMED
    assert [message.to for message in outbox] == [[early.email]]
    assert "seat is yours" in outbox[0].subject
    assert Enrolment.objects.get(user=late).status == PlaceStatus.WAITLISTED


def test_adding_seats_promotes_waiting_learners(home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, capacity=1)
    users = UserFactory.create_batch(3)
    for user in users:
        services.enrolment_create(user=user, course=course, session=session)
    session.capacity = 2
    session.save()
    promoted = services.session_capacity_changed(session=session)
    assert [enrolment.user for enrolment in promoted] == [users[1]]


def test_someone_else_cannot_cancel_a_place(home, learner, other_learner):
    course = make_course()
    enrolment = services.enrolment_create(user=learner, course=course)
    with pytest.raises(PermissionDenied):
        services.enrolment_cancel(enrolment=enrolment, user=other_learner)


def test_enrolment_closes(home, learner):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, enrolment_closes_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        services.enrolment_create(user=learner, course=course, session=session)
    assert error.value.messages == [str(services.ENROLMENT_CLOSED)]


def test_a_session_of_another_course_is_refused(home, learner):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    other_session = make_session(make_course(format=CoursePage.Format.LIVE_ONLINE))
    with pytest.raises(ValidationError):
        services.enrolment_create(user=learner, course=course, session=other_session)


def test_staff_only_courses_refuse_people_without_an_approved_affiliation(home, learner):
    course = make_course(enrolment_audience=CoursePage.Audience.PROGRAMME_STAFF)
    with pytest.raises(ValidationError):
        services.enrolment_create(user=learner, course=course)
    AffiliationFactory(user=learner, function="joint_secretariat", status="approved")
    roles.forget(learner)  # the next request reads the approved affiliation afresh
    assert services.enrolment_create(user=learner, course=course).is_confirmed


def test_function_limited_courses_admit_only_that_function(home, learner, other_learner):
    course = make_course(
        enrolment_audience=CoursePage.Audience.FUNCTIONS, audience_functions=["controller"]
    )
    AffiliationFactory(user=learner, function="joint_secretariat", status="approved")
    with pytest.raises(ValidationError) as error:
        services.enrolment_create(user=learner, course=course)
    assert "Controller" in error.value.messages[0]
    AffiliationFactory(user=other_learner, function="controller", status="approved")
    assert services.enrolment_create(user=other_learner, course=course).is_confirmed


def test_unpublished_courses_take_no_enrolments(home, learner):
    course = make_course(publish=False, live=False)
    with pytest.raises(ValidationError):
        services.enrolment_create(user=learner, course=course)


# Progress, quizzes, completion ---------------------------------------------------------------


def test_lessons_need_an_enrolment(self_paced, learner):
    with pytest.raises(ValidationError):
        services.lesson_complete(user=learner, lesson=self_paced["lessons"][0])


def test_marking_a_lesson_done_twice_counts_once(self_paced, learner):
    services.enrolment_create(user=learner, course=self_paced["course"])
    services.lesson_complete(user=learner, lesson=self_paced["lessons"][0])
    services.lesson_complete(user=learner, lesson=self_paced["lessons"][0])
    assert LessonProgress.objects.filter(user=learner).count() == 1


def test_quiz_scores_single_and_multiple_choice_on_the_server(self_paced, learner):
    services.enrolment_create(user=learner, course=self_paced["course"])
    quiz = self_paced["quiz"]
    single, several = question_ids(quiz)
    half = services.quiz_submit(user=learner, quiz=quiz, answers={single: ["0"], several: ["0"]})
    assert (half.score, half.passed, half.correct_count) == (50, False, 1)
    # Ticking every answer of a single-choice question (a forged form) does not score.
    forged = services.quiz_submit(
        user=learner, quiz=quiz, answers={single: ["1", "0"], several: ["2", "0", "9"]}
    )
    assert (forged.score, forged.number) == (50, 2)
    assert forged.answers == {single: ["0", "1"], several: ["0", "2"]}


def test_unanswered_questions_are_named_and_no_attempt_is_used(self_paced, learner):
    services.enrolment_create(user=learner, course=self_paced["course"])
    quiz = self_paced["quiz"]
    single, several = question_ids(quiz)
    with pytest.raises(ValidationError) as error:
        services.quiz_submit(user=learner, quiz=quiz, answers={single: ["0"]})
    assert error.value.message_dict == {several: [str(services.QUIZ_ANSWER_MISSING)]}
    assert not QuizAttempt.objects.exists()


def test_the_attempt_limit_holds(self_paced, learner):
    services.enrolment_create(user=learner, course=self_paced["course"])
    quiz = self_paced["quiz"]
    wrong = {question: ["1"] for question in question_ids(quiz)}
    for _ in range(quiz.max_attempts):
        services.quiz_submit(user=learner, quiz=quiz, answers=wrong)
    with pytest.raises(ValidationError) as error:
        services.quiz_submit(user=learner, quiz=quiz, answers=_right_answers(quiz))
    assert error.value.messages == [str(services.QUIZ_NO_ATTEMPTS_LEFT)]


def test_completion_issues_one_certificate_and_mails_it(self_paced, learner, outbox, committed):
    committed(services.enrolment_create, user=learner, course=self_paced["course"])
    committed(services.lesson_complete, user=learner, lesson=self_paced["lessons"][0])
    assert not Certificate.objects.exists()  # one required lesson and the quiz still open
    attempt = _finish(learner, self_paced, committed)
    assert attempt.passed
    certificate = Certificate.objects.get()
    assert certificate.holder_name == "Łucja Dvořák"
    assert certificate.learning_outcomes == ["Explain the rules", "Apply them"]
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert "Your certificate" in outbox[-1].subject
    assert certificate.get_absolute_url() in outbox[-1].body
    # Passing the quiz again changes nothing: issued once.
    committed(
        services.quiz_submit,
        user=learner,
        quiz=self_paced["quiz"],
        answers=_right_answers(self_paced["quiz"]),
    )
    assert Certificate.objects.count() == 1


def test_optional_lessons_are_not_needed(self_paced, learner):
    services.enrolment_create(user=learner, course=self_paced["course"])
    _finish(learner, self_paced)
    assert not LessonProgress.objects.filter(lesson=self_paced["optional"]).exists()
    assert Certificate.objects.filter(holder=learner).exists()


def test_short_courses_complete_without_a_certificate(home, learner, outbox, committed):
    course = make_course(kind=CoursePage.Kind.SHORT)
    lesson = make_lesson(make_module(course))
    committed(services.enrolment_create, user=learner, course=course)
    committed(services.lesson_complete, user=learner, lesson=lesson)
    assert Enrolment.objects.get(user=learner).completed_at
    assert not Certificate.objects.exists()
    assert "Course completed" in outbox[-1].subject


def test_attendance_completes_a_session_course(home, learner, staff_user):
    course = make_course(
        format=CoursePage.Format.IN_PERSON,
        completion_requires_lessons=False,
        completion_requires_attendance=True,
    )
    session = make_session(
        course, delivery="in_person", venue="Interact office", city="Brussels", online_link=""
    )
    enrolment = services.enrolment_create(user=learner, course=course, session=session)
    services.attendance_mark(enrolment=enrolment, attended=False, by=staff_user)
    assert not Certificate.objects.exists()
    certificate = services.attendance_mark(enrolment=enrolment, attended=True, by=staff_user)
    assert certificate.holder == learner


def test_learners_cannot_mark_attendance(home, learner):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    enrolment = services.enrolment_create(user=learner, course=course, session=make_session(course))
    with pytest.raises(PermissionDenied):
        services.attendance_mark(enrolment=enrolment, attended=True, by=learner)


def test_waitlisted_learners_cannot_attend(home, staff_user):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, capacity=1)
    services.enrolment_create(user=UserFactory(), course=course, session=session)
    waiting = services.enrolment_create(user=UserFactory(), course=course, session=session)
    with pytest.raises(ValidationError):
        services.attendance_mark(enrolment=waiting, attended=True, by=staff_user)


# Certificates ------------------------------------------------------------------------------


def _issue(user, key="slam:2026:coach"):
    return services.certificate_issue(
        kind=Certificate.Kind.SLAM_COACHING,
        source_key=key,
        holder=user,
        title="Interreg Slam 2026 coaching",
        completed_on=timezone.localdate(),
    )


def test_the_engine_issues_for_other_apps_once(db, learner):
    first = _issue(learner)
    assert _issue(learner) == first
    assert first.course is None
    assert len(first.code) == 24 and first.code.count("-") == 4


def test_codes_are_unguessable_and_distinct():
    codes = {services.certificate_code_new() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(set(code) <= set(services.CODE_ALPHABET + "-") for code in codes)


def test_typed_codes_are_normalised():
    assert services.certificate_code_normalise(" abcd-efgh-jkmn ") == "ABCD-EFGH-JKMN"
    assert services.certificate_code_normalise("o1l0") == "0110"


def test_revoking_needs_a_reason(db, learner, staff_user):
    certificate = _issue(learner)
    with pytest.raises(ValidationError) as error:
        services.certificate_revoke(certificate=certificate, reason="  ", by=staff_user)
    assert error.value.message_dict == {"reason": [str(services.REVOKE_NEEDS_REASON)]}
    services.certificate_revoke(certificate=certificate, reason="Issued in error", by=staff_user)
    certificate.refresh_from_db()
    assert not certificate.is_valid
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, reason="again", by=staff_user)


def test_reissuing_revokes_the_old_code_and_uses_the_current_name(db, learner, staff_user):
    old = _issue(learner)
    learner.first_name = "Lucja"
    learner.save()
    new = services.certificate_reissue(certificate=old, by=staff_user)
    old.refresh_from_db()
    assert old.replaced_by == new and not old.is_valid
    assert new.code in old.revoked_reason
    assert new.holder_name == "Lucja Dvořák" and new.is_valid


# Reminders ---------------------------------------------------------------------------------


def test_reminders_go_once_to_confirmed_learners_the_day_before(home, outbox, committed):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    starts = timezone.now() + timedelta(hours=20)
    tomorrow = make_session(
        course, capacity=1, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    confirmed, waiting, elsewhere = UserFactory.create_batch(3)
    committed(services.enrolment_create, user=confirmed, course=course, session=tomorrow)
    committed(services.enrolment_create, user=waiting, course=course, session=tomorrow)
    committed(services.enrolment_create, user=elsewhere, course=make_course(), session=None)
    make_session(course, days=5)  # too far ahead for a reminder
    outbox.clear()
    assert committed(services.session_reminders_send) == 1
    assert [message.to for message in outbox] == [[confirmed.email]]
    assert "Tomorrow" in outbox[0].subject
    assert committed(services.session_reminders_send) == 0


def test_the_reminder_command_reports_what_it_sent(home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    starts = timezone.now() + timedelta(hours=3)
    session = make_session(course, starts_at=starts, ends_at=starts + timedelta(hours=1))
    services.enrolment_create(user=UserFactory(), course=course, session=session)
    output = StringIO()
    call_command("send_session_reminders", stdout=output)
    assert output.getvalue().strip() == "Session reminders queued: 1."
