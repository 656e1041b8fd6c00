"""Query budget: the logo generator costs the same however many programmes there are; their
options are rendered once and kept until the programmes change. The landing page costs the
same however many chapters the book has."""

import re

import pytest
from django.urls import reverse

from brand.models import BrandBookPage, BrandLandingPage
from portal.accounts.models import Programme
from portal.accounts.roles import identity_changed
from portal.core.cache import content_changed
from portal.core.pages import publish_child
from tests.factories import ProgrammeFactory
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, count_queries, queries_at_10_and_1000

pytestmark = pytest.mark.django_db

URL = reverse("brand:logo_generator")


def _grow_programmes(total):
    existing = Programme.objects.count()
    Programme.objects.bulk_create(
        ProgrammeFactory.build(name=f"Budget programme {number:04}", slug=f"budget-{number}")
        for number in range(existing, total)
    )
    content_changed()  # what saving a programme does (it says `invalidates_page_cache`)


def _programme_options(response) -> list[str]:
    select = re.search(r'<select name="programme".*?</select>', response.content.decode(), re.S)
    return re.findall(r'<option value="([^"]*)"', select.group())


def test_the_logo_generator_keeps_its_queries_at_10_and_1000_programmes(client, home, user):
    client.force_login(user)
    query = {"programme": "budget-3", "language": "fr", "colour": "full_colour"}
    # The page is kept for each person: forgetting every kept identity drops their copy, so
    # that what is counted is a render.
    few, many, response = queries_at_10_and_1000(
        client, URL, _grow_programmes, query=query, forget=identity_changed
    )
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    assert len(_programme_options(response)) == 1001  # and the empty choice
    assert '<option value="budget-3" selected>' in response.content.decode()


def test_the_kept_options_mark_each_request_s_own_choice_and_show_a_new_programme(
    client, home, user
):
    _grow_programmes(3)
    client.force_login(user)
    first = client.get(URL, {"programme": "budget-1"})
    second = client.get(URL, {"programme": "budget-2"})
    assert '<option value="budget-1" selected>' in first.content.decode()
    assert '<option value="budget-2" selected>' in second.content.decode()
    assert len(re.findall(r'value="budget-\d+" selected', second.content.decode())) == 1
    queries, _ = count_queries(client.get, URL)
    ProgrammeFactory(name="Zeta Strait", slug="zeta")  # saved: drops what is kept
    assert "zeta" in _programme_options(client.get(URL))
    assert count_queries(client.get, URL)[0] == queries


def _add_chapters(landing, count: int) -> None:
    for _ in range(count):
        number = BrandLandingPage.objects.get().get_children().count()
        publish_child(
            landing,
            BrandBookPage(
                title=f"Chapter {number}",
                slug=f"chapter-{number}",
                summary=f"What chapter {number} of the book says.",
                body=[("rich_text", "<p>Rules.</p>")],
            ),
        )


def test_the_brand_landing_page_reads_its_chapters_at_once_at_2_and_20_chapters(client, home):
    landing = BrandLandingPage.objects.get()
    _add_chapters(landing, 2)
    client.get(landing.url)
    content_changed()
    few, _response = count_queries(client.get, landing.url)
    _add_chapters(landing, 18)
    content_changed()
    many, response = count_queries(client.get, landing.url)

    assert few == many
    assert many <= 14, many
    assert "What chapter 19 of the book says." in response.content.decode()
