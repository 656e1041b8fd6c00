"""The demo itself: content that reads as people wrote it. One seeding for all (it is slow)."""

import json
import re

from django.core.management import call_command
from django.utils import timezone

from academy.models import LessonPage
from campaigns.cooperation_day.demo import TITLES
from campaigns.cooperation_day.models import Event
from campaigns.slam.models import SlamVote

WRITTEN_TITLES = [
    re.compile(re.escape(title).replace(re.escape("{place}"), ".+"))
    for titles in TITLES.values()
    for title in titles
]


def test_the_demo_reads_as_real(home):
    home.delete()
    call_command("seed_demo")

    # No vote from the future, no two lessons alike, titles people wrote.
    assert SlamVote.objects.exists()
    assert not SlamVote.objects.filter(created_at__gt=timezone.now()).exists()
    bodies = [
        json.dumps([block["value"] for block in lesson.body.raw_data], sort_keys=True)
        for lesson in LessonPage.objects.all()
    ]
    assert len(bodies) > 20
    assert len(set(bodies)) == len(bodies)
    titles = set(Event.objects.values_list("title", flat=True))
    assert titles
    generated = [t for t in titles if not any(p.fullmatch(t) for p in WRITTEN_TITLES)]
    assert generated == []
