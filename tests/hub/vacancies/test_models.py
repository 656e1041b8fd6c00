from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hub.vacancies import models
from hub.vacancies.models import Vacancy
from tests.factories.vacancies import make_vacancy, vacancy_values

pytestmark = pytest.mark.django_db


def _errors(**overrides) -> dict:
    vacancy = Vacancy(slug="x", **vacancy_values(**overrides))
    with pytest.raises(ValidationError) as raised:
        vacancy.full_clean()
    return raised.value.message_dict


def test_a_vacancy_names_a_programme_or_another_employer(programme):
    assert _errors(programme=None)["employer_name"] == [str(models.EMPLOYER_MISSING)]
    Vacancy(slug="x", **vacancy_values(None, employer_name="Interact Office Vienna")).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vacancy.objects.create(slug="x", **vacancy_values(None))


def test_a_workplace_needs_town_and_country_unless_remote(programme):
    errors = _errors(programme=programme, town="", country="")
    assert errors["town"] == [str(models.PLACE_MISSING)]
    assert "country" in errors
    Vacancy(
        slug="x", **vacancy_values(programme, workplace="remote", town="", country="")
    ).full_clean()


def test_part_time_needs_hours_and_salary_ranges_are_ordered(programme):
    errors = _errors(
        programme=programme, hours="part_time", salary_min=3000, salary_max=2000, apply_url=""
    )
    assert errors["hours_per_week"] == [str(models.HOURS_PER_WEEK_MISSING)]
    assert errors["salary_max"] == [str(models.SALARY_RANGE_REVERSED)]
    assert errors["salary_period"] == [str(models.SALARY_PERIOD_MISSING)]
    assert errors["apply_url"] == [str(models.APPLY_MISSING)]
    with pytest.raises(IntegrityError), transaction.atomic():
        Vacancy.objects.create(slug="x", **vacancy_values(programme, hours="part_time"))


def test_a_vacancy_is_open_until_its_closing_moment_and_not_at_it(programme):
    vacancy = make_vacancy(programme)
    assert vacancy.is_open(vacancy.closes_at - timedelta(microseconds=1))
    assert not vacancy.is_open(vacancy.closes_at)


def test_the_closing_time_reads_in_the_employers_zone(programme):
    closes = datetime(2027, 3, 17, 11, 0, tzinfo=UTC)
    vacancy = make_vacancy(programme, closes_at=closes, time_zone="Europe/Vienna")
    assert vacancy.local_closes_at.hour == 12
    assert vacancy.closes_at.utcoffset() == timedelta(0)


def test_the_address_carries_the_id_and_the_title(programme):
    vacancy = make_vacancy(programme, title="Financial controller (FLC)")
    assert vacancy.get_absolute_url() == f"/vacancies/{vacancy.pk}/financial-controller-flc/"
