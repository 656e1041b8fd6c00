"""What most Slam tests start from: a programme with an applicant, an edition under review with
its jury, an edition in its public vote."""

import pytest

from campaigns.slam import services
from campaigns.slam.models import SlamJuror
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.slam import (
    make_applicant,
    make_application,
    make_slam_edition,
)


@pytest.fixture
def programme(db):
    return ProgrammeFactory(countries=["AT", "SK"])


@pytest.fixture
def applicant(programme):
    return make_applicant(programme, "js@example.org")


@pytest.fixture
def judged(home, programme):
    """An edition in review with three applications, two jurors and a chair."""
    edition = make_slam_edition(phase="review")
    applicant = make_applicant(programme)
    applications = [make_application(edition, programme, applicant) for _ in range(3)]
    jurors = [UserFactory() for _ in range(3)]
    for number, juror in enumerate(jurors):
        SlamJuror.objects.create(edition=edition, user=juror, is_chair=number == 0)
    services.jury_assign(edition=edition, per_application=3)
    return edition, applications, jurors


@pytest.fixture
def voting(home, programme):
    edition = make_slam_edition(phase="voting")
    applicant = make_applicant(programme)
    entries = [
        make_application(edition, programme, applicant, status="shortlisted") for _ in range(2)
    ]
    return edition, entries
