"""The home page's "Coming up" and the campaign pages give the same dates for the same edition:
both read them from the edition's timeline, and Cooperation Day's day from its edition."""

from datetime import date, timedelta

import pytest
from django.utils import formats, timezone

from campaigns.cooperation_day.models import CooperationDayLandingPage
from campaigns.slam.models import SlamEditionPage, SlamLandingPage
from portal.core.cache import content_changed
from tests.factories.cooperation_day import make_edition
from tests.factories.slam import make_slam_edition

pytestmark = pytest.mark.django_db


def _text(client, url, **headers) -> str:
    content_changed()  # a fresh render each time, not a cached page
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def _shown(moment) -> str:
    """A date as the pages print it: the day in the portal's time zone, in the locale."""
    if hasattr(moment, "tzinfo"):
        moment = timezone.localdate(moment)
    # As an element's whole text, so that "7 December" is not found in "17 December".
    return ">" + formats.date_format(moment, "DATE_FORMAT") + "<"


def test_home_and_slam_pages_give_the_same_next_slam_date(client, home):
    edition = make_slam_edition(phase="applications")
    landing = SlamLandingPage.objects.get().url
    close = _shown(edition.applications_close)
    home_html, slam_html = _text(client, "/"), _text(client, landing)
    assert close in slam_html
    assert f"{edition.title}: Applications close" in home_html
    assert close in home_html

    # The editors move the deadline: both pages follow.
    edition.applications_close += timedelta(days=3)
    edition.save_revision().publish()
    moved = _shown(SlamEditionPage.objects.get().applications_close)
    assert moved != close
    home_html, slam_html = _text(client, "/"), _text(client, landing)
    assert moved in home_html and moved in slam_html
    assert close not in home_html and close not in slam_html


def test_cooperation_day_is_the_editions_day_on_the_home_and_campaign_pages(client, home):
    year = date.today().year + 1
    edition = make_edition(year, day=date(year, 9, 24))
    landing = CooperationDayLandingPage.objects.get().url
    home_html, campaign_html = _text(client, "/"), _text(client, landing)
    assert f">24 September {year}<" in home_html and f">24 September {year}<" in campaign_html
    assert f">21 September {year}<" not in home_html + campaign_html

    edition.day = date(year, 9, 28)
    edition.save_revision().publish()
    home_html, campaign_html = _text(client, "/"), _text(client, landing)
    assert f">28 September {year}<" in home_html and f">28 September {year}<" in campaign_html
    assert f">24 September {year}<" not in home_html + campaign_html


def test_the_day_follows_the_language(client, home):
    year = date.today().year + 1
    make_edition(year, day=date(year, 9, 24))
    html = _text(client, "/fr/")
    assert f">24 septembre {year}<" in html


def test_past_steps_and_past_editions_are_not_coming_up(client, home):
    edition = make_slam_edition(phase="voting")  # the vote is open: it closes next
    html = _text(client, "/")
    assert f"{edition.title}: Public vote closes" in html
    assert "Applications open" not in html and "Public vote opens" not in html

    year = date.today().year - 1
    make_edition(
        year,
        day=date(year, 9, 21),
        registration_opens=date(year - 1, 1, 1),
        registration_closes=date(year, 9, 20),
    )
    html = _text(client, "/")
    assert f"Cooperation Day {year}" not in html
