"""The demo's calls: 25 of them, of every strand and in every state whenever it is loaded, and
loading it again changes nothing but their dates."""

import pytest
from django.utils import timezone

from hub.calls.demo import CALLS, seed_calls
from hub.calls.models import Call
from hub.calls.selectors import listing_sections
from portal.home.demo import seed_programmes

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(db):
    seed_programmes()


def test_the_demo_has_25_calls_of_every_strand_and_state(programmes):
    assert len(CALLS) == 25
    assert seed_calls() == 25
    assert Call.objects.count() == 25
    strands = set(Call.objects.values_list("programme__strand", flat=True))
    assert strands == {"A", "B", "C", "D"}
    sections = listing_sections(filters={}, now=timezone.now())
    assert all(section.total >= 3 for section in sections), [
        (section.key, section.total) for section in sections
    ]
    assert not Call.objects.filter(themes__isnull=True).exists()


def test_loading_the_demo_again_adds_nothing(programmes):
    seed_calls()
    assert seed_calls() == 0
    assert Call.objects.count() == 25
