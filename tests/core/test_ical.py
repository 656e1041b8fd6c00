"""Text filled into calendar lines folded beforehand keeps every line within 75 octets."""

import pytest

from portal.core.ical import MAX_LINE_OCTETS, continued, fold

VALUES = [
    "events.example.eu",
    "https://" + "a" * 90 + ".example.eu/fr/cooperation-day/events/",
    "Ελληνικά και Български, ☕ " * 6,
]


def _lines(text: str) -> list[bytes]:
    return text.encode().split(b"\r\n")


def _unfolded(text: str) -> str:
    return text.replace("\r\n ", "")


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("column", [0, 4, 43, 74, 75])
@pytest.mark.parametrize("after", [0, 17])
def test_filled_text_keeps_lines_short_for_any_start_within_its_bounds(value, column, after):
    filled = continued(value, column=column, after=after)
    for start in {0, column // 2, column}:  # what comes before may be shorter than allowed
        line = "x" * start + filled + "y" * after
        assert all(len(physical) <= MAX_LINE_OCTETS for physical in _lines(line))
        assert _unfolded(line) == "x" * start + value + "y" * after


def test_short_text_is_left_as_it_is_and_nothing_is_nothing():
    assert continued("events.example.eu", column=43) == "events.example.eu"
    assert continued("", column=43, after=17) == ""
    assert continued("x" * 20, column=40, after=17).endswith("\r\n ")


def test_a_folded_line_unfolds_to_itself():
    line = "DESCRIPTION:" + "Čezmejno sodelovanje ☕ " * 10
    assert all(len(physical) <= MAX_LINE_OCTETS for physical in _lines(fold(line)))
    assert _unfolded(fold(line)) == line
