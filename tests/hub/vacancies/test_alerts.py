"""The vacancies' alert source, asked directly as the alerts engine asks it."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from hub import sections
from hub.alerts import sources
from hub.vacancies import alerts
from tests.factories.vacancies import make_vacancy

pytestmark = pytest.mark.django_db


def test_the_source_is_registered_for_vacancies():
    source = sources.source("vacancies")
    assert source is alerts.SOURCE
    assert source.listing_url_name == "hub_vacancies:vacancy_list"


def test_matching_reads_the_listings_filters(programme, other_programme, clock):
    in_slovakia = make_vacancy(programme, title="Bratislava", country="SK")
    make_vacancy(other_programme, title="Ostrava", town="Ostrava", country="CZ")
    remote = make_vacancy(
        programme,
        title="Anywhere",
        workplace="remote",
        town="",
        country="",
        contract_type="freelance",
        closes_at=in_slovakia.closes_at + timedelta(days=10),
    )
    source = sources.source("vacancies")

    def titles(query):
        return sorted(vacancy.title for vacancy in source.matching(QueryDict(query)))

    assert titles("country=SK") == ["Anywhere", "Bratislava"]
    assert titles(f"programme={other_programme.slug}") == ["Ostrava"]
    assert titles("contract=freelance&remote=on") == ["Anywhere"]
    assert titles("country=nonsense") == ["Anywhere", "Bratislava", "Ostrava"]
    clock(in_slovakia.closes_at)
    assert titles("country=SK") == ["Anywhere"]
    clock(remote.closes_at)
    assert titles("country=SK") == []


def test_occasions_published_and_closing_within_a_week(programme):
    now = timezone.now()
    since, until = now - timedelta(hours=1), now
    fresh = make_vacancy(programme, title="Fresh", published_at=now - timedelta(minutes=5))
    make_vacancy(programme, title="Yesterday's", published_at=now - timedelta(days=1))
    closing = make_vacancy(
        programme,
        title="Closing in a week",
        published_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=7, minutes=-30),
    )
    make_vacancy(
        programme,
        title="Closing in eight days",
        published_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=8),
    )
    make_vacancy(
        programme,
        title="Told an hour ago",
        published_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=7, hours=-2),
    )
    occasions = dict(sources.source("vacancies").occasions(since, until))
    assert set(occasions) == {"published", "closing"}
    assert list(occasions["published"]) == [fresh]
    assert list(occasions["closing"]) == [closing]


def test_the_moment_seven_days_before_closing_falls_in_exactly_one_window(programme):
    vacancy = make_vacancy(programme)
    notice = vacancy.closes_at - timedelta(days=7)
    before = dict(alerts.occasions(notice - timedelta(hours=1), notice))
    after = dict(alerts.occasions(notice, notice + timedelta(hours=1)))
    assert list(before["closing"]) == [vacancy]
    assert list(after["closing"]) == []


def test_alerts_name_the_job_and_its_employer_and_link_to_it(programme):
    vacancy = make_vacancy(programme, title="Financial controller")
    words, url = alerts.describe(vacancy, "published")
    assert words.startswith("Financial controller (Interreg Slovakia-Austria")
    assert url == vacancy.get_absolute_url()


def test_programme_and_home_sections(programme, other_programme, rf):
    assert "vacancies" not in {s.key for s in sections.programme_sections(programme, rf.get("/"))}
    vacancy = make_vacancy(programme, title="Project officer")
    make_vacancy(programme, title="Closed", closes_at=timezone.now() - timedelta(days=1))
    built = {s.key: s for s in sections.programme_sections(programme, rf.get("/"))}
    assert built["vacancies"].template == "hub/vacancies/programme_section.html"
    assert built["vacancies"].context["vacancies"] == [vacancy]
    assert built["vacancies"].context["listing_url"] == f"/vacancies/?programme={programme.slug}"
    others = {s.key for s in sections.programme_sections(other_programme, rf.get("/"))}
    assert "vacancies" not in others
    home = {s.key: s for s in sections.home_sections(rf.get("/"))}
    assert home["vacancies"].context["vacancies"] == [vacancy]
