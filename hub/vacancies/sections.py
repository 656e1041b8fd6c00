"""What vacancies show on a programme's page and on the home page (hub/sections.py): each
section's vacancies are read with the page's other sections (`reads`)."""

from django.urls import reverse

from . import selectors


def programme_reads(programme, request):
    return [selectors.newest_open(programme=programme)]


def programme_section(programme, request, rows) -> dict | None:
    vacancies = rows[0]
    if not vacancies:
        return None
    listing = reverse("hub_vacancies:vacancy_list")
    return {"vacancies": vacancies, "listing_url": f"{listing}?programme={programme.slug}"}


def home_reads(request):
    return [selectors.newest_open()]


def home_section(request, rows) -> dict | None:
    vacancies = rows[0]
    if not vacancies:
        return None
    return {"vacancies": vacancies, "listing_url": reverse("hub_vacancies:vacancy_list")}
