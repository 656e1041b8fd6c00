import pytest
from django.utils import timezone

from hub.vacancies.demo import seed_vacancies
from hub.vacancies.models import Vacancy
from portal.home.demo import seed_programmes

pytestmark = pytest.mark.django_db


def test_the_demo_has_twelve_vacancies_some_closed_and_runs_again_without_copies(db):
    seed_programmes()
    assert seed_vacancies() == 12
    assert seed_vacancies() == 0
    assert Vacancy.objects.count() == 12
    now = timezone.now()
    closed = Vacancy.objects.filter(closes_at__lte=now).count()
    assert 1 <= closed < 12
    assert Vacancy.objects.filter(programme__acronym="INTERACT").count() == 3
    assert Vacancy.objects.filter(programme=None).count() == 1
    assert all("<p>" in vacancy.description for vacancy in Vacancy.objects.all())
