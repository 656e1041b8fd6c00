"""A vacancy as schema.org `JobPosting`, the structured data job search engines read.

Only open vacancies carry it: search engines ask that an expired posting's page drop the data
(the page itself keeps answering and says the vacancy is closed).
"""

from django.utils.html import json_script, strip_tags
from django.utils.safestring import mark_safe

from portal.core.links import absolute_url

from .models import Vacancy

EMPLOYMENT_TYPES = {
    Vacancy.ContractType.PERMANENT: [],
    Vacancy.ContractType.FIXED_TERM: ["TEMPORARY"],
    Vacancy.ContractType.TRAINEESHIP: ["INTERN"],
    Vacancy.ContractType.SECONDMENT: ["TEMPORARY"],
    Vacancy.ContractType.FREELANCE: ["CONTRACTOR"],
}
UNIT_TEXTS = {
    Vacancy.SalaryPeriod.YEAR: "YEAR",
    Vacancy.SalaryPeriod.MONTH: "MONTH",
    Vacancy.SalaryPeriod.HOUR: "HOUR",
}


def employment_types(vacancy: Vacancy) -> list[str]:
    hours = "FULL_TIME" if vacancy.hours == Vacancy.Hours.FULL_TIME else "PART_TIME"
    return [hours, *EMPLOYMENT_TYPES[vacancy.contract_type]]


def _organisation(vacancy: Vacancy) -> dict:
    organisation = {"@type": "Organization", "name": vacancy.employer_label}
    website = vacancy.employer_url or (vacancy.programme.website if vacancy.programme_id else "")
    if website:
        organisation["sameAs"] = website
        organisation["url"] = website
    return organisation


def _place(vacancy: Vacancy) -> dict:
    return {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": vacancy.town,
            "addressCountry": vacancy.country.code,
        },
    }


def _salary(vacancy: Vacancy) -> dict:
    value = {"@type": "QuantitativeValue", "unitText": UNIT_TEXTS[vacancy.salary_period]}
    low, high = vacancy.salary_min, vacancy.salary_max
    if low is not None and low == high:
        value["value"] = float(low)
    else:
        if low is not None:
            value["minValue"] = float(low)
        if high is not None:
            value["maxValue"] = float(high)
    return {"@type": "MonetaryAmount", "currency": vacancy.salary_currency, "value": value}


def job_posting(vacancy: Vacancy) -> dict:
    url = absolute_url(vacancy.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description,
        "datePosted": vacancy.published_at.isoformat(),
        "validThrough": vacancy.closes_at.isoformat(),
        "employmentType": employment_types(vacancy),
        "hiringOrganization": _organisation(vacancy),
        "identifier": {
            "@type": "PropertyValue",
            "name": vacancy.employer_label,
            "value": str(vacancy.pk),
        },
        "url": url,
        # Applications go to the employer's own address, not through this page.
        "directApply": False,
    }
    if vacancy.workplace != Vacancy.Workplace.REMOTE:
        data["jobLocation"] = _place(vacancy)
    if vacancy.workplace != Vacancy.Workplace.ON_SITE:
        data["jobLocationType"] = "TELECOMMUTE"
        codes = [country.code for country in vacancy.remote_countries] or (
            [vacancy.country.code] if vacancy.country else []
        )
        if codes:
            data["applicantLocationRequirements"] = [
                {"@type": "Country", "name": code} for code in codes
            ]
    if vacancy.has_salary and vacancy.salary_period:
        data["baseSalary"] = _salary(vacancy)
    if vacancy.hours == Vacancy.Hours.PART_TIME and vacancy.hours_per_week is not None:
        data["workHours"] = f"{vacancy.hours_per_week.normalize():f} hours per week"
    return data


def job_posting_script(vacancy: Vacancy) -> str:
    """The `<script type="application/ld+json">` element; json_script escapes whatever could
    end it early."""
    return mark_safe(  # noqa: S308 - escaped by json_script
        json_script(job_posting(vacancy)).replace(
            'type="application/json"', 'type="application/ld+json"', 1
        )
    )


def plain_summary(vacancy: Vacancy, length: int = 300) -> str:
    text = " ".join(strip_tags(vacancy.description).split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
