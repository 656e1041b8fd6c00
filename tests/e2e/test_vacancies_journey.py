"""Vacancies journeys: a communication officer publishes a vacancy for their programme (and
for no other); a visitor filters the listing by country and opens it; a vacancy whose
applications have closed says so."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.vacancies.models import Vacancy
from portal.accounts.models import Programme
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import AffiliationFactory, UserFactory
from tests.factories.vacancies import make_vacancy

pytestmark = pytest.mark.e2e


def test_an_officer_publishes_a_vacancy_a_visitor_finds_it(site, page, phone_page):
    programme = Programme.objects.get(acronym="SK-AT")
    other = Programme.objects.get(acronym="CZ-PL")
    officer = UserFactory(email="katarina@example.org", first_name="Katarína", last_name="Horváth")
    AffiliationFactory(user=officer, programme=programme, function="communication_officer")
    make_vacancy(other, title="Financial controller in Ostrava", town="Ostrava", country="CZ")

    # The officer publishes; the form offers her own programme only.
    visit(page, site.url + "/vacancies/new/")
    sign_in_from(page, officer.email)
    checked(page, screenshot="vacancies-publish")
    options = page.get_by_label("Programme", exact=True).locator("option").all_inner_texts()
    assert str(programme) in options and str(other) not in options
    page.get_by_label("Job title").fill("Communication officer in the joint secretariat")
    page.get_by_label("Description").fill(
        "You tell the story of the programme's projects on both sides of the border.\n\n"
        "You write in Slovak, German and English."
    )
    page.get_by_label("Programme", exact=True).select_option(str(programme.pk))
    page.get_by_label("Country", exact=True).select_option("SK")
    page.get_by_label("Part time").check()
    closes = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Applications close").fill(f"{closes.isoformat()}T12:00")
    page.get_by_label("Employer's time zone").select_option("Europe/Bratislava")
    page.get_by_label("Apply online at").fill("www.sk-at.eu/jobs")
    page.get_by_role("button", name="Publish the vacancy").click()
    checked(page)

    # Two things are missing; each is said beside its field, and what was typed is kept.
    assert page.locator("#id_town_error").is_visible()
    assert page.locator("#id_hours_per_week_error").is_visible()
    assert page.get_by_label("Job title").input_value().startswith("Communication officer")
    page.get_by_label("Town").fill("Bratislava")
    page.get_by_label("Hours per week").fill("30")
    page.get_by_role("button", name="Publish the vacancy").click()
    checked(page, screenshot="vacancy-page")
    assert page.get_by_text("The vacancy is published.").is_visible()
    assert page.get_by_role("heading", name="Communication officer in the joint secretariat")
    assert page.get_by_role("link", name="Apply on the employer's site").is_visible()
    vacancy = Vacancy.objects.get(title="Communication officer in the joint secretariat")
    assert vacancy.programme == programme and vacancy.created_by == officer

    # A visitor on a phone filters by country and opens it.
    visit(phone_page, site.url + "/vacancies/", screenshot="vacancies-phone")
    assert phone_page.get_by_role("link", name="Financial controller in Ostrava").is_visible()
    phone_page.get_by_label("Country", exact=True).select_option("SK")
    phone_page.get_by_role("button", name="Show vacancies").click()
    checked(phone_page)
    assert "country=SK" in phone_page.url
    assert phone_page.get_by_text("1 open vacancy").is_visible()
    assert phone_page.get_by_role("link", name="Financial controller in Ostrava").count() == 0
    phone_page.get_by_role("link", name="Communication officer in the joint secretariat").click()
    checked(phone_page, screenshot="vacancy-page-phone")
    assert phone_page.get_by_text("30 hours a week").is_visible()


def test_a_closed_vacancy_says_so_and_leaves_the_listing(site, page):
    programme = Programme.objects.get(acronym="DANUBE")
    closed = make_vacancy(
        programme,
        title="Programme manager for the Danube Region",
        town="Budapest",
        country="HU",
        closes_at=timezone.now() - timedelta(days=3),
        time_zone="Europe/Budapest",
    )
    make_vacancy(programme, title="Project officer", town="Budapest", country="HU")
    visit(page, site.url + "/vacancies/", screenshot="vacancies")
    assert page.get_by_role("link", name="Project officer").is_visible()
    assert page.get_by_role("link", name="Programme manager for the Danube Region").count() == 0
    visit(page, site.url + closed.get_absolute_url(), screenshot="vacancy-closed")
    assert page.locator("#vacancy-closed").get_by_text("Applications closed on").is_visible()
    assert page.get_by_role("link", name="Apply on the employer's site").count() == 0
