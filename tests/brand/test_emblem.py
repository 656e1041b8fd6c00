"""The EU emblem's geometry: 3:2, twelve upright stars on a ring of a third of the height."""

import math

import pytest

from brand.emblem import Emblem


@pytest.fixture
def emblem():
    return Emblem(x=10, y=20, height=120)


def test_the_flag_is_three_by_two_with_a_white_outline_of_a_25th(emblem):
    assert emblem.width == 180
    assert emblem.outline == pytest.approx(4.8)


def test_twelve_stars_stand_like_clock_hours_on_a_ring_of_a_third(emblem):
    cx, cy = emblem.centre
    centres = emblem.star_centres()
    assert len(centres) == 12
    for x, y in centres:
        assert math.hypot(x - cx, y - cy) == pytest.approx(40)
    assert centres[0] == pytest.approx((cx, cy - 40))  # twelve o'clock
    assert centres[3] == pytest.approx((cx + 40, cy))  # three o'clock


def test_each_star_has_five_points_upwards_within_an_18th_of_the_height(emblem):
    centre = emblem.star_centres()[0]
    points = emblem.star_points(centre)
    assert len(points) == 10
    outer = [math.hypot(x - centre[0], y - centre[1]) for x, y in points[::2]]
    assert outer == pytest.approx([120 / 18] * 5)
    top = points[0]
    assert top[0] == pytest.approx(centre[0]) and top[1] < centre[1]
