import pytest

from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.campaigns import make_edition, make_moderator


@pytest.fixture
def edition(home):
    return make_edition()


@pytest.fixture
def programme(db):
    return ProgrammeFactory(countries=["AT", "SK"])


@pytest.fixture
def organiser(db):
    return UserFactory(email="organiser@example.org")


@pytest.fixture
def moderator(db):
    return make_moderator("moderator@example.org")
