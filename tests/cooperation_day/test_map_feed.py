"""The map's feed beyond a number of events: groups by place, sized to the view asked for."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.cooperation_day import feeds
from tests.factories.cooperation_day import make_event
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

GEOJSON = reverse("cooperation_day:events_geojson")
# Four events along the Danube near Hainburg, about a kilometre apart, and one in Lisbon.
DANUBE = [(Decimal("48.14600"), Decimal(f"16.9{index}000")) for index in range(4)]
LISBON = (Decimal("38.72200"), Decimal("-9.13900"))


@pytest.fixture
def placed(edition, programme, organiser):
    return [
        make_event(
            edition, programme, organiser, title=f"Event {index}", latitude=lat, longitude=lon
        )
        for index, (lat, lon) in enumerate([*DANUBE, LISBON])
    ]


def _map(client, query="") -> dict:
    response = client.get(GEOJSON + query)
    assert response.status_code == 200
    return json.loads(response.content)


def _groups(collection) -> list[dict]:
    return [f["properties"] for f in collection["features"] if f["properties"].get("group")]


def _alone(collection) -> set[str]:
    return {f["properties"]["title"] for f in collection["features"] if "title" in f["properties"]}


def test_up_to_the_limit_every_event_comes_one_by_one(client, placed):
    collection = _map(client)
    assert (collection["total"], collection["grouped"]) == (5, False)
    assert _alone(collection) == {f"Event {index}" for index in range(5)}
    assert collection["bbox"] == [-9.139, 38.722, 16.93, 48.146]


def test_beyond_it_events_are_grouped_by_place_and_lone_ones_stay_events(
    client, placed, monkeypatch
):
    monkeypatch.setattr(feeds, "MAP_EVENTS_ONE_BY_ONE", 3)
    collection = _map(client)
    assert (collection["total"], collection["grouped"]) == (5, True)
    [group] = _groups(collection)
    assert group["count"] == 4
    assert group["extent"] == [16.9, 48.146, 16.93, 48.146]  # west, south, east, north
    assert _alone(collection) == {"Event 4"}  # Lisbon, alone in its square


def test_the_view_asked_for_narrows_and_a_closer_zoom_splits_the_groups(
    client, placed, monkeypatch
):
    monkeypatch.setattr(feeds, "MAP_EVENTS_ONE_BY_ONE", 3)
    lisbon = _map(client, "?zoom=8&bbox=-10,38,-8,39")
    assert (lisbon["total"], lisbon["grouped"], _alone(lisbon)) == (1, False, {"Event 4"})

    danube = "bbox=16.8,48,17.1,48.3"
    assert _groups(_map(client, f"?zoom=6&{danube}"))[0]["count"] == 4
    close = _map(client, f"?zoom=14&{danube}")
    assert (close["total"], close["grouped"], _groups(close)) == (4, True, [])
    assert _alone(close) == {f"Event {index}" for index in range(4)}


@pytest.mark.parametrize(
    "query",
    [
        "?zoom=99",
        "?zoom=-1",
        "?zoom=x",
        "?bbox=1,2,3",
        "?bbox=a,b,c,d",
        "?bbox=5,5,1,1",
        "?bbox=nan,0,1,1",
        "?zoom=6&bbox=" + "9" * 400,
    ],
)
def test_a_view_that_cannot_be_read_is_the_whole_world(client, placed, query):
    assert _map(client, query)["total"] == 5


def test_grouping_asks_as_many_queries_as_listing_one_by_one(client, placed, monkeypatch):
    client.get(GEOJSON + "?warm=1")
    one_by_one, _ = count_queries(client.get, GEOJSON + "?a=1")
    monkeypatch.setattr(feeds, "MAP_EVENTS_ONE_BY_ONE", 3)
    grouped, response = count_queries(client.get, GEOJSON + "?a=2")
    assert json.loads(response.content)["grouped"]
    assert grouped == one_by_one
