"""The vacancy's page, its schema.org JobPosting, and the RSS and Atom feeds."""

import json
import re
from datetime import datetime, timedelta
from decimal import Decimal

import feedparser
import pytest
from django.urls import reverse

from hub.vacancies.models import Vacancy
from tests.factories.vacancies import make_vacancy

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script[^>]*type="application/ld\+json">(.*?)</script>', re.S)

# Google's JobPosting structured data: required properties, then the recommended ones.
REQUIRED = {"@context", "@type", "title", "description", "datePosted", "hiringOrganization"}
RECOMMENDED = {"validThrough", "employmentType", "identifier", "baseSalary", "directApply"}
EMPLOYMENT_TYPES = {
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
}
UNITS = {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}


def _iso(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, f"{value} names no time zone"
    return parsed


def job_posting_problems(data: dict) -> list[str]:
    """What keeps `data` from being a valid JobPosting for Google's job search."""
    problems = [f"missing {key}" for key in sorted(REQUIRED - data.keys())]
    if data.get("@context") != "https://schema.org" or data.get("@type") != "JobPosting":
        problems.append("not a schema.org JobPosting")
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        problems.append("title is empty")
    if not isinstance(data.get("description"), str) or len(data["description"]) < 10:
        problems.append("description is empty")
    posted, valid = _iso(data["datePosted"]), _iso(data["validThrough"])
    if valid <= posted:
        problems.append("validThrough is not after datePosted")
    types = data.get("employmentType")
    if not isinstance(types, list) or not types or set(types) - EMPLOYMENT_TYPES:
        problems.append(f"employmentType {types!r}")
    organisation = data["hiringOrganization"]
    if organisation.get("@type") != "Organization" or not organisation.get("name"):
        problems.append("hiringOrganization needs @type Organization and a name")
    if "jobLocation" not in data and data.get("jobLocationType") != "TELECOMMUTE":
        problems.append("neither jobLocation nor jobLocationType TELECOMMUTE")
    if "jobLocation" in data:
        place = data["jobLocation"]
        address = place.get("address", {})
        if place.get("@type") != "Place" or address.get("@type") != "PostalAddress":
            problems.append("jobLocation is not a Place with a PostalAddress")
        if not address.get("addressLocality") or not re.fullmatch(
            r"[A-Z]{2}", address.get("addressCountry", "")
        ):
            problems.append("address needs addressLocality and a two-letter addressCountry")
    if data.get("jobLocationType") == "TELECOMMUTE":
        requirements = data.get("applicantLocationRequirements")
        if "jobLocation" not in data and not requirements:
            problems.append("a remote job without jobLocation names applicant countries")
        for requirement in requirements or []:
            if requirement.get("@type") != "Country" or not requirement.get("name"):
                problems.append("applicantLocationRequirements are Countries")
    if "baseSalary" in data:
        salary = data["baseSalary"]
        value = salary.get("value", {})
        if salary.get("@type") != "MonetaryAmount" or not re.fullmatch(
            r"[A-Z]{3}", salary.get("currency", "")
        ):
            problems.append("baseSalary is a MonetaryAmount with an ISO 4217 currency")
        if value.get("@type") != "QuantitativeValue" or value.get("unitText") not in UNITS:
            problems.append("baseSalary's value is a QuantitativeValue with a unitText")
        numbers = [value.get(key) for key in ("value", "minValue", "maxValue") if key in value]
        if not numbers or not all(isinstance(number, int | float) for number in numbers):
            problems.append("baseSalary's value has numbers")
        if "minValue" in value and "maxValue" in value and value["maxValue"] < value["minValue"]:
            problems.append("baseSalary's maxValue is below its minValue")
    if not str(data.get("url", "")).startswith("http"):
        problems.append("url is not absolute")
    if not isinstance(data.get("directApply"), bool):
        problems.append("directApply is not a boolean")
    return problems


def _json_ld(response) -> dict | None:
    found = JSON_LD.findall(response.content.decode())
    return json.loads(found[0]) if found else None


def test_an_open_vacancy_shows_every_field_and_its_job_posting(client, programme):
    vacancy = make_vacancy(
        programme,
        title="Financial controller",
        town="Bratislava",
        country="SK",
        hours="part_time",
        hours_per_week=Decimal("30"),
        salary_min=Decimal("2800"),
        salary_max=Decimal("3300"),
        salary_period="month",
        salary_note="Gross, 13 payments a year",
        apply_email="jobs@sk-at.example.org",
        how_to_apply="Quote FLC-27.",
        contract_duration="24 months",
    )
    response = client.get(vacancy.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Financial controller",
        "Bratislava, Slovakia",
        "Fixed-term",
        "24 months",
        "Part time",
        "30 hours a week",
        "EUR 2,800 to 3,300 per month",
        "Gross, 13 payments a year",
        "Quote FLC-27.",
        "mailto:jobs@sk-at.example.org",
        "Apply on the employer",
        "Applications close on",
    ):
        assert text in page, text
    data = _json_ld(response)
    assert job_posting_problems(data) == []
    assert data.keys() >= RECOMMENDED
    assert data["employmentType"] == ["PART_TIME", "TEMPORARY"]
    assert data["hiringOrganization"]["name"] == str(programme)
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Bratislava",
        "addressCountry": "SK",
    }
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "minValue": 2800.0,
        "maxValue": 3300.0,
        "unitText": "MONTH",
    }
    assert _iso(data["validThrough"]) == vacancy.closes_at


def test_a_remote_job_posting_names_where_applicants_may_live(client):
    vacancy = make_vacancy(
        None,
        employer_name="Interact Office Vienna",
        employer_url="https://www.interact.eu",
        workplace="remote",
        town="",
        country="",
        remote_countries=["AT", "DE"],
        contract_type=Vacancy.ContractType.FREELANCE,
    )
    data = _json_ld(client.get(vacancy.get_absolute_url()))
    assert job_posting_problems(data) == []
    assert "jobLocation" not in data
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "AT"},
        {"@type": "Country", "name": "DE"},
    ]
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Interact Office Vienna",
        "sameAs": "https://www.interact.eu",
        "url": "https://www.interact.eu",
    }
    assert data["employmentType"] == ["FULL_TIME", "CONTRACTOR"]


def test_the_checker_refuses_a_broken_posting(client, programme):
    data = _json_ld(client.get(make_vacancy(programme).get_absolute_url()))
    broken = {**data, "employmentType": ["SOMETIMES"], "validThrough": "2020-01-01"}
    del broken["hiringOrganization"]["name"]
    with pytest.raises(AssertionError):
        _iso("2020-01-01")
    assert job_posting_problems({**broken, "validThrough": data["datePosted"]}) == [
        "validThrough is not after datePosted",
        "employmentType ['SOMETIMES']",
        "hiringOrganization needs @type Organization and a name",
    ]


def test_after_closing_the_page_answers_and_says_applications_closed(client, programme, clock):
    vacancy = make_vacancy(programme, apply_url="https://www.sk-at.eu/apply-here")
    clock(vacancy.closes_at)
    response = client.get(vacancy.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Applications closed on" in page
    assert "apply-here" not in page
    assert "Apply on the employer" not in page
    assert _json_ld(response) is None
    assert '<meta name="robots" content="noindex">' in page


def test_a_wrong_title_in_the_address_leads_to_the_right_one(client, programme):
    vacancy = make_vacancy(programme, title="Project officer")
    response = client.get(f"/vacancies/{vacancy.pk}/old-title/")
    assert response.status_code == 301
    assert response["Location"] == vacancy.get_absolute_url()
    assert client.get("/vacancies/999999/project-officer/").status_code == 404


def test_the_listing_links_feeds_of_the_view_it_shows(client, programme):
    response = client.get(reverse("hub_vacancies:vacancy_list"), {"country": "SK", "page": "2"})
    page = response.content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" href="/vacancies/feed.rss?country=SK"'
        in page
    )
    assert 'type="application/atom+xml" href="/vacancies/feed.atom?country=SK"' in page


@pytest.mark.parametrize("name", ["feed_rss", "feed_atom"])
def test_feeds_parse_whole_and_filtered(client, programme, other_programme, name, clock):
    make_vacancy(programme, title="Officer in Bratislava", country="SK")
    make_vacancy(other_programme, title="Officer in Ostrava", town="Ostrava", country="CZ")
    closed = make_vacancy(programme, title="Closed one")
    url = reverse(f"hub_vacancies:{name}")

    whole = feedparser.parse(client.get(url).content)
    assert not whole.bozo, whole.get("bozo_exception")
    titles = [entry.title for entry in whole.entries]
    assert len(titles) == 3
    assert titles[0].startswith("Closed one")
    entry = whole.entries[0]
    assert entry.link.endswith(closed.get_absolute_url())
    assert "Applications close on" in entry.summary
    assert entry.published_parsed is not None

    filtered = feedparser.parse(client.get(url, {"country": "CZ"}).content)
    assert [entry.title for entry in filtered.entries] == [
        f"Officer in Ostrava · {other_programme}"
    ]
    assert filtered.feed.link.endswith("/vacancies/?country=CZ")

    clock(closed.closes_at)
    later = feedparser.parse(client.get(url).content)
    assert "Closed one" not in " ".join(entry.title for entry in later.entries)


def test_an_rss_feed_is_rss_and_an_atom_feed_atom(client):
    rss = client.get(reverse("hub_vacancies:feed_rss"))
    atom = client.get(reverse("hub_vacancies:feed_atom"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert feedparser.parse(rss.content).version.startswith("rss")
    assert feedparser.parse(atom.content).version == "atom10"


def test_vacancy_list_item_has_no_ten_days_old_closed_entries(client, programme):
    make_vacancy(programme, title="Long closed", closes_at=make_vacancy(programme).closes_at
                 - timedelta(days=40))  # fmt: skip
    assert "Long closed" not in client.get(reverse("hub_vacancies:vacancy_list")).content.decode()
