"""The home page makes the same number of queries with 10 and with 1,000 pages in the tree."""

import pytest

from portal.core.cache import content_changed
from portal.home.demo import seed_bulk_pages
from tests.factories.pages import furnish_home_page
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def _home_queries(client) -> int:
    client.get("/")  # image renditions are made on the first render only
    content_changed()  # measure a full render, not a cache hit
    queries, response = count_queries(client.get, "/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss"
    return queries


def test_home_page_queries_do_not_grow_with_the_tree(client, home, user):
    furnish_home_page(home)
    seed_bulk_pages(10)
    anonymous_small = _home_queries(client)
    client.force_login(user)
    signed_in_small = _home_queries(client)
    client.logout()

    seed_bulk_pages(1000)
    anonymous_large = _home_queries(client)
    client.force_login(user)
    signed_in_large = _home_queries(client)

    assert anonymous_large == anonymous_small
    assert signed_in_large == signed_in_small
    # And the budget itself stays small (two of them find the campaigns' current editions,
    # whose next dates are coming up; a full render after a publish also looks up the
    # accessibility statement's address for the footer; the hub's three sections, stories,
    # calls closing soon and new vacancies, cost four; its versions in other languages, for the
    # switcher and the hreflang alternates, one).
    assert anonymous_small <= 28, anonymous_small


def test_cached_home_page_is_served_with_few_queries(client, home):
    furnish_home_page(home)
    seed_bulk_pages(10)
    client.get("/")
    queries, response = count_queries(client.get, "/")
    assert response["X-Page-Cache"] == "hit"
    assert queries <= 4, queries
