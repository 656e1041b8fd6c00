"""Slam applications record the language their story is written in (by default the one the
applicant uses the portal in); the jury reads it marked with that `lang`."""

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.slam.models import SlamApplication
from tests.factories.slam import make_slam_edition

pytestmark = pytest.mark.django_db


def test_the_application_form_starts_in_the_applicants_language(client, home, applicant):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    with translation.override("hr"):
        url = reverse("slam:apply") + f"?edition={edition.year}"
    html = client.get(url).content.decode()
    assert '<option value="hr" selected lang="hr">hrvatski</option>' in html


def test_the_jury_reads_the_story_marked_with_its_language(client, judged):
    _edition, (first, *_rest), (_chair, juror, _other) = judged
    SlamApplication.objects.filter(pk=first.pk).update(language="sk")
    client.force_login(juror)
    page = client.get(reverse("slam:review", args=[first.public_id])).content.decode()
    assert '<div class="prose" lang="sk">' in page
