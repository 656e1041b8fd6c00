"""What vacancy tests start from: a programme, its communication officer, staff of another
programme, an editor, and a clock the test sets."""

import pytest
from django.utils import timezone

from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory


@pytest.fixture
def programme(db):
    return ProgrammeFactory(
        name="Interreg Slovakia-Austria", acronym="SK-AT", countries=["SK", "AT"]
    )


@pytest.fixture
def other_programme(db):
    return ProgrammeFactory(name="Interreg Czechia-Poland", acronym="CZ-PL", countries=["CZ", "PL"])


@pytest.fixture
def officer(programme):
    """An approved communication officer of `programme`."""
    return AffiliationFactory(programme=programme, function="communication_officer").user


@pytest.fixture
def other_officer(other_programme):
    return AffiliationFactory(programme=other_programme, function="joint_secretariat").user


@pytest.fixture
def controller(programme):
    """Approved staff of `programme`, but not in a function that publishes."""
    return AffiliationFactory(programme=programme, function="controller").user


@pytest.fixture
def pending_officer(programme):
    return AffiliationFactory(
        programme=programme, function="communication_officer", status="pending"
    ).user


@pytest.fixture
def editor(db):
    return UserFactory(is_staff=True, wagtail_admin=True)


@pytest.fixture
def clock(monkeypatch):
    """Set the time every `timezone.now()` answers: `clock(moment)`."""

    def set_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_to
