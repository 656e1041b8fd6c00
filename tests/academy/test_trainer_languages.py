"""Trainers in several languages: a trainer's translation (made with wagtail-localize from the
admin) gives course pages in its language the trainer's role and biography in that language."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from academy.models import CourseTrainer, Trainer
from tests.factories import TEST_TOTP_SECRET, UserFactory
from tests.factories.academy import make_course
from tests.helpers import query_log

pytestmark = pytest.mark.django_db


def _trainer(course, name, bio):
    trainer = Trainer.objects.create(name=name, role="Trainer, Interact", bio=bio)
    CourseTrainer.objects.create(course=course, trainer=trainer, sort_order=0)
    return trainer


def _translate(trainer, language, bio):
    french = trainer.copy_for_translation(Locale.objects.get(language_code=language))
    french.bio = bio
    french.save()
    return french


def test_a_french_course_page_shows_the_trainers_french_bio(client, home):
    course = make_course(title="Simplified cost options", slug="sco")
    trainer = _trainer(course, "Ana Novak", "Ana audits flat rates.")
    _trainer(course, "Ben Cole", "Ben explains lump sums.")
    _translate(trainer, "fr", "Ana contrôle les taux forfaitaires.")
    french = client.get("/fr/academy/sco/").text
    assert "Ana contrôle les taux forfaitaires." in french
    assert "Ana audits flat rates." not in french
    assert "Ben explains lump sums." in french
    english = client.get("/academy/sco/").text
    assert "Ana audits flat rates." in english
    assert "Ana contrôle" not in english


def test_translated_trainers_cost_one_query_whatever_their_number(client, home):
    course = make_course(title="Simplified cost options", slug="sco")
    _translate(_trainer(course, "Ana Novak", "Ana."), "fr", "Ana, en français.")
    client.get("/fr/academy/sco/")
    small = query_log(client.get, "/fr/academy/sco/")
    for number in range(8):
        _translate(_trainer(course, f"Trainer {number}", "Bio."), "fr", "Biographie.")
    client.get("/fr/academy/sco/")
    large = query_log(client.get, "/fr/academy/sco/")
    assert len(large) == len(small), "\n".join(large)


def test_the_admin_offers_to_translate_a_trainer(client, home):
    trainer = Trainer.objects.create(name="Ana Novak")
    editor = UserFactory(is_superuser=True, totp_secret=TEST_TOTP_SECRET)
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_academy_trainer:list"))
    assert response.status_code == 200
    translate = reverse(
        "wagtail_localize:submit_snippet_translation", args=["academy", "trainer", trainer.pk]
    )
    assert translate in response.text
    assert "Translate" in response.text
    assert client.get(translate).status_code == 200
