"""Builders for Academy pages and sessions, placed in the page tree like editors would."""

from datetime import timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone

from academy.models import (
    AcademyLandingPage,
    CoursePage,
    CourseSession,
    LearningPath,
    LearningPathStep,
    LessonPage,
    ModulePage,
    QuizAttempt,
    QuizPage,
)
from portal.core.pages import publish_child

_numbers = count(1)


def catalogue() -> AcademyLandingPage:
    return AcademyLandingPage.objects.get()


def make_course(*, parent=None, publish=True, **fields) -> CoursePage:
    number = next(_numbers)
    values = {
        "title": f"Course {number}",
        "slug": f"course-{number}",
        "summary": "A course written for the tests.",
        "format": CoursePage.Format.SELF_PACED,
        "level": CoursePage.Level.INTRODUCTORY,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort_hours": Decimal("4.5"),
        "learning_outcomes": "Explain the rules\nApply them",
        "audience_description": "Programme staff.",
        "audience_functions": ["joint_secretariat"],
        "completion_requires_quizzes": False,
    }
    values.update(fields)
    course = CoursePage(**values)
    parent = parent or catalogue()
    if publish:
        return publish_child(parent, course)
    parent.add_child(instance=course)
    return course


def make_module(course, title="Module") -> ModulePage:
    return publish_child(course, ModulePage(title=title, slug=f"module-{next(_numbers)}"))


def make_lesson(module, title="Lesson", required=True, body=None) -> LessonPage:
    return publish_child(
        module,
        LessonPage(
            title=title,
            slug=f"lesson-{next(_numbers)}",
            required=required,
            body=body or [("rich_text", "<p>Lesson text about flat rates.</p>")],
        ),
    )


SINGLE = (
    "question",
    {
        "prompt": "Which option is a percentage of staff costs?",
        "allows_several": False,
        "choices": [
            {"text": "A flat rate", "correct": True, "feedback": "Yes: a percentage."},
            {"text": "A lump sum", "correct": False, "feedback": "A lump sum is fixed."},
        ],
        "explanation": "Flat rates are percentages.",
    },
)
SEVERAL = (
    "question",
    {
        "prompt": "Which reduce paperwork?",
        "allows_several": True,
        "choices": [
            {"text": "Unit costs", "correct": True, "feedback": ""},
            {"text": "Every receipt", "correct": False, "feedback": ""},
            {"text": "Flat rates", "correct": True, "feedback": ""},
        ],
        "explanation": "Simplified costs replace receipts.",
    },
)


def make_quiz(
    module, *, pass_mark=100, max_attempts=3, questions=(SINGLE, SEVERAL), **fields
) -> QuizPage:
    """A quiz with the review options an editor starts with in its course, unless given."""
    values = {
        **QuizPage.review_defaults(module.course),
        "title": "Quiz",
        "slug": f"quiz-{next(_numbers)}",
        "pass_mark": pass_mark,
        "max_attempts": max_attempts,
        "questions": list(questions),
    }
    values.update(fields)
    return publish_child(module, QuizPage(**values))


def make_session(course, *, capacity=10, days=10, **fields) -> CourseSession:
    starts = timezone.now() + timedelta(days=days)
    values = {
        "course": course,
        "delivery": CourseSession.Delivery.ONLINE,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "capacity": capacity,
        "online_link": "https://meet.example.org/session",
    }
    values.update(fields)
    return CourseSession.objects.create(**values)


def question_ids(quiz) -> list[str]:
    return [block.id for block in quiz.questions]


def make_path(*courses, optional=(), audience=LearningPath.Audience.CONTROLLER, **fields):
    """A live learning path: `courses` required in order, then `optional` ones."""
    values = {"title": f"Path {next(_numbers)}", "audience": audience, "live": True}
    values.update(fields)
    path = LearningPath.objects.create(**values)
    steps = [(course, True) for course in courses] + [(course, False) for course in optional]
    LearningPathStep.objects.bulk_create(
        LearningPathStep(path=path, course=course, required=required, sort_order=order)
        for order, (course, required) in enumerate(steps)
    )
    return path


def make_one_lesson_course(**fields):
    """A self-paced course completed by marking its only lesson done."""
    course = make_course(**fields)
    return course, make_lesson(make_module(course))


def make_failed_attempts(learner, course, quiz, numbers):
    """Failed attempts at `quiz`, one for each of `numbers` (counted from 0), in one insert."""
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            user=learner,
            course=course,
            quiz=quiz,
            number=number + 1,
            score=40,
            correct_count=2,
            question_count=5,
            passed=False,
        )
        for number in numbers
    )
