from datetime import UTC, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError

from academy import blocks
from academy.certificate_pdf import certificate_pdf, render_certificate_pdf
from academy.models import CertificateTemplate, CoursePage, CourseSession
from academy.services import certificate_issue
from tests.factories.academy import make_course

pytestmark = pytest.mark.django_db


def _question(choices, several=False):
    return blocks.QuestionBlock().to_python(
        {
            "prompt": "?",
            "allows_several": several,
            "choices": [
                {"text": text, "correct": correct, "feedback": ""} for text, correct in choices
            ],
            "explanation": "",
        }
    )


@pytest.mark.parametrize(
    ("choices", "several", "message"),
    [
        ([("a", True)], False, blocks.QUESTION_NEEDS_TWO_CHOICES),
        ([("a", False), ("b", False)], False, blocks.QUESTION_NEEDS_A_CORRECT_CHOICE),
        ([("a", True), ("b", True)], False, blocks.SINGLE_CHOICE_NEEDS_ONE_CORRECT),
    ],
)
def test_questions_are_checked_when_edited(choices, several, message):
    with pytest.raises(StructBlockValidationError) as error:
        blocks.QuestionBlock().clean(_question(choices, several))
    assert str(message) in str(error.value.block_errors["choices"])


def test_several_correct_answers_need_a_multiple_choice_question():
    value = _question([("a", True), ("b", True)], several=True)
    assert blocks.QuestionBlock().clean(value)["allows_several"]


def test_course_rules_are_checked(home):
    course = make_course(publish=False)
    course.completion_requires_attendance = True
    course.completion_requires_lessons = False
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "completion_requires_attendance" in error.value.message_dict
    course.format = CoursePage.Format.LIVE_ONLINE
    course.enrolment_audience = CoursePage.Audience.FUNCTIONS
    course.audience_functions = []
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "enrolment_audience" in error.value.message_dict


def test_sessions_are_checked(home):
    course = make_course(format=CoursePage.Format.IN_PERSON)
    starts = timezone.now() + timedelta(days=3)
    session = CourseSession(
        course=course,
        delivery=CourseSession.Delivery.IN_PERSON,
        starts_at=starts,
        ends_at=starts - timedelta(hours=1),
        enrolment_closes_at=starts + timedelta(days=1),
        time_zone="Mars/Olympus",
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert {"ends_at", "enrolment_closes_at", "venue", "time_zone"} <= set(error.value.message_dict)


def test_session_times_show_in_the_session_time_zone(home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    starts = timezone.datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    session = CourseSession(course=course, starts_at=starts, time_zone="Europe/Athens")
    assert session.local_starts_at.hour == 10


def test_the_pdf_is_a_cached_a4_landscape_document(learner):
    certificate = certificate_issue(
        kind="slam_coaching",
        source_key="pdf-test",
        holder=learner,
        title="Interreg Slam coaching <script>alert(1)</script>",
        completed_on=timezone.localdate(),
        learning_outcomes=["Tell a story on stage"] * 8,
    )
    template = CertificateTemplate.load()
    pdf = certificate_pdf(certificate=certificate, template=template, verify_url="http://x/v/1/")
    assert pdf.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in pdf
    assert certificate_pdf(certificate=certificate, template=template, verify_url="-") == pdf
    fresh = render_certificate_pdf(certificate=certificate, template=template, verify_url="-")
    assert fresh != pdf  # the second call above was served from the cache


def test_course_slugs_do_not_shadow_academy_urls(home):
    course = make_course(publish=False)
    course.slug = "my-learning"
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "slug" in error.value.message_dict
