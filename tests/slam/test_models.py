"""The Slam edition's timeline: its phases follow each other, and the phase follows the clock."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns.slam.models import SLAM_TIMELINE_OUT_OF_ORDER, SlamEditionPage, SlamPhase

pytestmark = pytest.mark.django_db


def _edition(**moments) -> SlamEditionPage:
    now = timezone.now()
    return SlamEditionPage(
        title="Slam",
        slug="slam-2030",
        year=2030,
        theme="Stories",
        intro="Intro.",
        **{**SlamEditionPage.timeline_in_phase(SlamPhase.APPLICATIONS, now=now), **moments},
    )


def test_each_phase_follows_the_clock_through_the_timeline():
    now = timezone.now()
    for phase in SlamPhase.values:
        edition = _edition(**SlamEditionPage.timeline_in_phase(phase, now=now))
        assert edition.phase(now) == phase
    voting = _edition(**SlamEditionPage.timeline_in_phase(SlamPhase.VOTING, now=now))
    assert voting.vote_is_open(now) and not voting.accepts_applications(now)
    assert not voting.vote_has_closed(now)
    assert voting.vote_has_closed(voting.vote_closes)


def test_a_timeline_out_of_order_is_refused_by_name():
    edition = _edition()
    edition.vote_opens = edition.applications_open - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        edition.full_clean(exclude=["path", "depth"])
    assert error.value.message_dict["results_announced"] == [str(SLAM_TIMELINE_OUT_OF_ORDER)]
