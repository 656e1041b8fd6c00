import pytest

from tests.factories import UserFactory
from tests.factories.academy import make_course, make_lesson, make_module, make_quiz


@pytest.fixture
def learner(db):
    return UserFactory(first_name="Łucja", last_name="Dvořák")


@pytest.fixture
def other_learner(db):
    return UserFactory()


@pytest.fixture
def self_paced(home):
    """A certified self-paced course: two required lessons, one optional, and a quiz."""
    course = make_course(completion_requires_quizzes=True)
    module = make_module(course)
    lessons = [make_lesson(module, "One"), make_lesson(module, "Two")]
    optional = make_lesson(module, "Extra", required=False)
    quiz = make_quiz(module)
    return {"course": course, "lessons": lessons, "optional": optional, "quiz": quiz}
