"""Vacancies as programme bodies advertise them."""

from datetime import timedelta

from django.utils import timezone

from hub.vacancies.models import Vacancy

from .users import ProgrammeFactory


def vacancy_values(programme=None, **overrides) -> dict:
    """What the public form sends, as the service takes it."""
    values = {
        "title": "Project officer in the joint secretariat",
        "description": "You follow a portfolio of projects.\n\nYou speak two languages.",
        "programme": programme,
        "employer_name": "",
        "employer_url": "",
        "workplace": Vacancy.Workplace.ON_SITE,
        "town": "Bratislava",
        "country": "SK",
        "remote_countries": [],
        "contract_type": Vacancy.ContractType.FIXED_TERM,
        "contract_duration": "24 months",
        "hours": Vacancy.Hours.FULL_TIME,
        "hours_per_week": None,
        "salary_min": None,
        "salary_max": None,
        "salary_currency": "EUR",
        "salary_period": "",
        "salary_note": "",
        "closes_at": timezone.now() + timedelta(days=20),
        "time_zone": "Europe/Bratislava",
        "apply_url": "https://www.sk-at.eu/jobs",
        "apply_email": "",
        "how_to_apply": "",
    }
    values.update(overrides)
    return values


def make_vacancy(programme=None, *, themes=(), **overrides) -> Vacancy:
    if programme is None and not overrides.get("employer_name"):
        programme = ProgrammeFactory()
    values = vacancy_values(programme, **overrides)
    values.setdefault("slug", Vacancy.make_slug(values["title"]))
    if not values["description"].startswith("<"):
        values["description"] = f"<p>{values['description']}</p>"
    vacancy = Vacancy.objects.create(**values)
    if themes:
        vacancy.themes.set(themes)
    return vacancy


def make_vacancies(programme, count: int, **overrides) -> list[Vacancy]:
    """`count` open vacancies of `programme` in one insert."""
    closes = timezone.now() + timedelta(days=30)
    return Vacancy.objects.bulk_create(
        Vacancy(
            **{
                **vacancy_values(programme, closes_at=closes),
                "title": f"Project officer {n}",
                "slug": f"project-officer-{n}",
                "description": "<p>You follow a portfolio of projects.</p>",
                **overrides,
            }
        )
        for n in range(count)
    )
