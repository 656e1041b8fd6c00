"""The listing's reads: open by the clock, filters, order, and a constant number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.vacancies import selectors
from hub.vacancies.models import Vacancy
from portal.core.together import read_together
from tests.factories.vacancies import make_vacancies, make_vacancy
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

LISTING = reverse("hub_vacancies:vacancy_list")


def _titles(vacancies) -> list[str]:
    return [vacancy.title for vacancy in vacancies]


def test_a_vacancy_leaves_the_listing_exactly_at_its_closing_moment(programme, clock):
    # The shared listing's copy is kept by the real clock until that moment: see
    # tests/hub/test_shared_pages.py.
    vacancy = make_vacancy(programme, title="Financial controller")
    clock(vacancy.closes_at - timedelta(seconds=1))
    assert _titles(selectors.open_vacancies(filters={})) == ["Financial controller"]
    assert selectors.next_closing() == vacancy.closes_at
    clock(vacancy.closes_at)
    assert _titles(selectors.open_vacancies(filters={})) == []
    assert selectors.next_closing() is None


def test_filters_select_country_programme_contract_and_remote(programme, other_programme):
    make_vacancy(programme, title="Vienna", town="Vienna", country="AT")
    make_vacancy(other_programme, title="Ostrava", town="Ostrava", country="CZ")
    make_vacancy(
        programme,
        title="Remote from Austria",
        workplace="remote",
        town="",
        country="",
        remote_countries=["AT", "DE"],
        contract_type=Vacancy.ContractType.FREELANCE,
    )
    make_vacancy(programme, title="Remote anywhere", workplace="remote", town="", country="")
    make_vacancy(
        programme, title="Hybrid", workplace="hybrid", contract_type="traineeship", country="SK"
    )

    def titles(**filters):
        return sorted(_titles(selectors.open_vacancies(filters=filters)))

    assert titles(country="AT") == ["Remote anywhere", "Remote from Austria", "Vienna"]
    assert titles(country="CZ") == ["Ostrava", "Remote anywhere"]
    assert titles(programme=other_programme.slug) == ["Ostrava"]
    assert titles(contract="freelance") == ["Remote from Austria"]
    assert titles(remote=True) == ["Hybrid", "Remote anywhere", "Remote from Austria"]
    assert titles(country="SK", contract="traineeship") == ["Hybrid"]


def test_newest_first_or_closing_soonest(programme):
    now = timezone.now()
    make_vacancy(programme, title="Older, closing soon", closes_at=now + timedelta(days=2),
                 published_at=now - timedelta(days=9))  # fmt: skip
    make_vacancy(programme, title="Newer, closing late", closes_at=now + timedelta(days=40),
                 published_at=now - timedelta(days=1))  # fmt: skip
    assert _titles(selectors.open_vacancies(filters={})) == [
        "Newer, closing late",
        "Older, closing soon",
    ]
    assert _titles(selectors.open_vacancies(filters={"sort": "closing"})) == [
        "Older, closing soon",
        "Newer, closing late",
    ]


def test_the_filter_form_ignores_values_that_do_not_parse(client, programme):
    make_vacancy(programme, title="Still listed")
    response = client.get(LISTING, {"country": "XX<script>", "contract": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        LISTING,
        LISTING + "?country=SK&sort=closing",
        reverse("hub_vacancies:feed_rss"),
        reverse("hub_vacancies:feed_atom") + "?remote=on",
    ],
)
def test_listing_and_feeds_ask_as_often_at_10_and_1000_rows(client, programme, url):
    make_vacancies(programme, 10, workplace="hybrid")
    client.get(url)
    few, _ = count_queries(client.get, url)
    make_vacancies(programme, 990, workplace="hybrid")
    many, response = count_queries(client.get, url)
    assert response.status_code == 200
    assert few == many


def test_sections_ask_as_often_at_10_and_1000_rows(programme, rf):
    from hub.vacancies import sections

    def build(section, *arguments):
        return section(*arguments, read_together(*reads[section](*arguments)))

    reads = {
        sections.programme_section: sections.programme_reads,
        sections.home_section: sections.home_reads,
    }
    make_vacancies(programme, 10)
    few, built = count_queries(build, sections.programme_section, programme, rf.get("/"))
    assert len(built["vacancies"]) == selectors.SECTION_ITEMS
    make_vacancies(programme, 990)
    many, _ = count_queries(build, sections.programme_section, programme, rf.get("/"))
    home_few, _ = count_queries(build, sections.home_section, rf.get("/"))
    assert few == many == 1
    assert home_few == 1
