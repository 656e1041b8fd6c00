"""What the listing, feeds, calendar, sections and alerts select, and what it costs."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hub.calls import alerts, selectors
from hub.calls.models import Call
from hub.calls.sections import nearby_section
from hub.near_me import Place
from hub.sections import home_sections, nearby_sections, programme_sections
from portal.core.cache import content_changed
from tests.factories.hub import ThemeFactory
from tests.factories.users import ProgrammeFactory
from tests.helpers import count_queries
from tests.hub.calls.factories import CallFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


def _call(now, *, opens, closes, **kwargs):
    return CallFactory(opens_at=now + opens * DAY, closes_at=now + closes * DAY, **kwargs)


@pytest.fixture
def calls(now):
    health = ThemeFactory(slug="health", name="Health")
    slovenia = ProgrammeFactory(acronym="ITA-SLO", slug="ita-slo", countries=["IT", "SI"])
    alps = ProgrammeFactory(acronym="ALPS", slug="alps", strand="B", countries=["AT", "DE"])
    return {
        "soon": _call(now, opens=-30, closes=5, programme=slovenia, themes=[health]),
        "open": _call(now, opens=-5, closes=40, programme=alps, eligible_countries=["SI"]),
        "planned": _call(now, opens=10, closes=90, programme=alps, applicant_types="sme,ngo"),
        "closed": _call(now, opens=-90, closes=-3, programme=slovenia, themes=[health]),
    }


def _keys(sections):
    return {section.key: [call.pk for call in section.calls] for section in sections}


def test_the_listing_puts_each_call_in_its_section(calls, now):
    sections = _keys(selectors.listing_sections(filters={}, now=now))
    assert sections == {
        "closing_soon": [calls["soon"].pk],
        "open": [calls["open"].pk],
        "planned": [calls["planned"].pk],
        "closed": [calls["closed"].pk],
    }


def test_a_call_moves_to_closed_at_its_deadline(calls, now):
    deadline = calls["soon"].closes_at
    before = _keys(selectors.listing_sections(filters={}, now=deadline - timedelta(seconds=1)))
    after = _keys(selectors.listing_sections(filters={}, now=deadline))
    assert calls["soon"].pk in before["closing_soon"]
    assert calls["soon"].pk in after["closed"]


def test_country_filter_reads_the_calls_countries_or_else_the_programmes(calls, now):
    found = selectors.filtered_calls(filters={"country": "SI"}, now=now)
    assert set(found) == {calls["soon"], calls["open"], calls["closed"]}
    assert set(selectors.filtered_calls(filters={"country": "AT"}, now=now)) == {calls["planned"]}


def test_applicant_filter_keeps_calls_open_to_everyone(calls, now):
    found = set(selectors.filtered_calls(filters={"applicant": "higher_education"}, now=now))
    assert calls["planned"] not in found
    assert calls["soon"] in found
    assert calls["planned"] in set(selectors.filtered_calls(filters={"applicant": "sme"}, now=now))


def test_strand_theme_and_programme_filters(calls, now):
    health = calls["soon"].themes.get()
    assert set(selectors.filtered_calls(filters={"strand": "B"}, now=now)) == {
        calls["open"],
        calls["planned"],
    }
    assert set(selectors.filtered_calls(filters={"theme": health}, now=now)) == {
        calls["soon"],
        calls["closed"],
    }
    programme = calls["soon"].programme
    assert set(selectors.filtered_calls(filters={"programme": programme}, now=now)) == {
        calls["soon"],
        calls["closed"],
    }


def test_a_status_shows_that_section_alone_paginated(calls, now):
    (section,) = selectors.listing_sections(filters={}, status="open", now=now)
    assert section.page is not None
    assert {call.pk for call in section.calls} == {calls["soon"].pk, calls["open"].pk}


def test_the_next_status_change_is_the_nearest_opening_closing_or_closing_soon(calls, now):
    # "open" closes in 40 days, so it starts closing soon in 26; "soon" closes in 5.
    assert selectors.next_status_change(now=now) == calls["soon"].closes_at


def test_budgets_are_kept_to_the_cent(now):
    call = _call(now, opens=-1, closes=1, budget=Decimal("123456789012.34"))
    assert Call.objects.get(pk=call.pk).budget == Decimal("123456789012.34")


def test_calendar_keeps_recent_deadlines_and_drops_old_ones(calls, now):
    old = _call(now, opens=-400, closes=-200)
    found = selectors.calendar_calls(filters={}, now=now)
    assert calls["closed"] in found
    assert old not in found


# Alerts -------------------------------------------------------------------------------------


def test_alerts_match_with_the_listings_filters(calls):
    params = QueryDict("country=SI&theme=health&status=open")
    assert set(alerts.matching(params)) == {calls["soon"], calls["closed"]}
    assert set(alerts.matching(QueryDict("theme=%00&programme=%00&strand=B"))) == {
        calls["open"],
        calls["planned"],
    }


def test_alert_occasions_are_the_opening_and_a_week_before_closing(calls, now):
    planned, soon = calls["planned"], calls["soon"]
    opened = dict(alerts.occasions(planned.opens_at - DAY, planned.opens_at))["opened"]
    assert list(opened) == [planned]
    week_before = soon.closes_at - timedelta(days=7)
    closing = dict(alerts.occasions(week_before - timedelta(hours=1), week_before))["closing"]
    assert list(closing) == [soon]
    later = dict(alerts.occasions(week_before, week_before + timedelta(hours=1)))["closing"]
    assert list(later) == []


def test_alerts_name_the_call_by_its_programme_and_title_and_link_to_it(calls):
    soon = calls["soon"]
    words, url = alerts.describe(soon, "closing")
    assert words == f"{soon.programme.name}: {soon.title}"
    assert url == soon.get_absolute_url()


def test_calls_register_their_alert_source():
    from hub.alerts.sources import source

    assert source("calls") is alerts.SOURCE


# Sections -----------------------------------------------------------------------------------


def _calls_section(built):
    return next((section.context for section in built if section.key == "calls"), None)


def test_programme_section_shows_open_and_planned_calls_only(calls, rf):
    programme = calls["open"].programme
    context = _calls_section(programme_sections(programme, rf.get("/")))
    assert [call.pk for call in context["calls"]] == [calls["open"].pk, calls["planned"].pk]
    assert _calls_section(programme_sections(ProgrammeFactory(), rf.get("/"))) is None


def test_home_section_shows_calls_closing_soon(calls, rf):
    context = _calls_section(home_sections(rf.get("/")))
    assert [call.pk for call in context["calls"]] == [calls["soon"].pk]


def test_nearby_section_shows_the_covering_programmes_calls(calls, rf):
    programme = calls["soon"].programme
    ljubljana = Place(name="Ljubljana", latitude=46.051, longitude=14.505, nuts_code="SI041")
    context = nearby_section(ljubljana, [programme], rf.get("/"))
    assert [call.pk for call in context["calls"]] == [calls["soon"].pk]
    assert nearby_section(ljubljana, [], rf.get("/")) is None
    keys = [section.key for section in nearby_sections(ljubljana, [programme], rf.get("/"))]
    assert "calls" in keys


# Query budgets ------------------------------------------------------------------------------


def _fill(now, count):
    """`count` calls spread over every section and several programmes and themes."""
    programmes = [ProgrammeFactory() for _ in range(3)]
    theme = ThemeFactory(slug="health", name="Health")
    offsets = [(-30, 5), (-5, 40), (10, 90), (-90, -3)]
    calls = []
    for index in range(count):
        opens, closes = offsets[index % 4]
        calls.append(
            Call(
                programme=programmes[index % 3],
                title=f"Call {index}",
                slug=f"call-{index}",
                summary="A call.",
                opens_at=now + opens * DAY,
                closes_at=now + closes * DAY,
                budget=Decimal(1000 * index),
            )
        )
    Call.objects.bulk_create(calls)
    for call in Call.objects.all():
        call.themes.add(theme)


@pytest.mark.parametrize(
    "address",
    [
        "/calls/",
        "/calls/?status=closed",
        "/calls/?theme=health&country=FR",
        "/calls/feed.rss",
        "/calls/feed.atom?theme=health",
        "/calls/deadlines.ics",
    ],
)
def test_queries_do_not_grow_with_the_number_of_calls(home, now, address):
    _fill(now, 10)
    Client().get(address)  # what the first request of all fetches once (site, settings)
    content_changed()
    few, response = count_queries(Client().get, address)
    assert response.status_code == 200
    _fill_more = 1000 - 10
    more = [
        Call(
            programme=Call.objects.first().programme,
            title=f"More {index}",
            slug=f"more-{index}",
            summary="A call.",
            opens_at=now + [-30, -5, 10, -90][index % 4] * DAY,
            closes_at=now + [5, 40, 90, -3][index % 4] * DAY,
        )
        for index in range(_fill_more)
    ]
    Call.objects.bulk_create(more)
    content_changed()  # bulk writes send no signal to drop the visitors' copy
    many, response = count_queries(Client().get, address)
    assert response.status_code == 200
    assert few == many, (few, many)


def test_call_page_queries_do_not_grow_with_documents_or_themes(home, now):
    call = _call(now, opens=-1, closes=10)
    url = reverse(
        "hub_calls:call_detail", kwargs={"programme_slug": call.programme.slug, "slug": call.slug}
    )
    Client().get(url)
    content_changed()
    few, _response = count_queries(Client().get, url)
    call.themes.set([ThemeFactory() for _ in range(5)])
    content_changed()
    many, _response = count_queries(Client().get, url)
    assert few == many
