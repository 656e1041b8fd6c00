"""What vacancies show on a programme's page and on the home page (hub/sections.py)."""

from django.urls import reverse

from . import selectors


def programme_section(programme, request) -> dict | None:
    vacancies = selectors.newest_open(programme=programme)
    if not vacancies:
        return None
    listing = reverse("hub_vacancies:vacancy_list")
    return {"vacancies": vacancies, "listing_url": f"{listing}?programme={programme.slug}"}


def home_section(request) -> dict | None:
    vacancies = selectors.newest_open()
    if not vacancies:
        return None
    return {"vacancies": vacancies, "listing_url": reverse("hub_vacancies:vacancy_list")}
