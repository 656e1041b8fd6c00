"""Twenty votes by one person at the same moment store exactly one vote (PostgreSQL)."""

import pytest
from django.db import connection

from campaigns.slam import services
from campaigns.slam.models import SlamVote
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.slam import make_applicant, make_application, make_slam_edition
from tests.helpers import all_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_simultaneous_votes_by_one_person_store_one(home):
    edition = make_slam_edition(phase="voting")
    programme = ProgrammeFactory()
    applicant = make_applicant(programme)
    entries = [
        make_application(edition, programme, applicant, status="shortlisted") for _ in range(4)
    ]
    voter = UserFactory()
    assert connection.vendor == "postgresql"
    errors = all_at_once(
        lambda number: services.vote_cast(
            edition=edition, user=voter, application=entries[number % 4]
        ),
        range(20),
    )
    assert errors == []
    assert SlamVote.objects.filter(voter=voter).count() == 1
