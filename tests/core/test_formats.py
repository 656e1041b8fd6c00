"""English dates and times are written as EU institutions write them."""

from datetime import date, datetime

from django.utils import formats, translation


def test_english_dates_put_the_day_first_and_use_a_24_hour_clock():
    with translation.override("en"):
        moment = datetime(2027, 9, 21, 18, 0)
        assert formats.date_format(moment, "DATETIME_FORMAT") == "21 September 2027, 18:00"
        assert formats.date_format(date(2027, 9, 21)) == "21 September 2027"
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == "21/09/2027"
        assert formats.time_format(datetime(2027, 9, 21, 0, 23)) == "00:23"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_english_dates_are_still_read_as_typed_in_iso_form():
    with translation.override("en"):
        assert "%Y-%m-%d" in formats.get_format("DATE_INPUT_FORMATS")


def test_each_language_writes_dates_and_numbers_its_own_way():
    day = date(2027, 9, 21)
    expected = {
        "de": ("21. September 2027", "1.234,5"),
        "fr": ("21 septembre 2027", "1\N{NO-BREAK SPACE}234,5"),
        "mt": ("21 ta' Settembru 2027", "1,234.5"),
        "el": ("21/09/2027", "1.234,5"),
        "ga": ("21 Meán Fómhair 2027", "1,234.5"),
    }
    for code, (written_date, written_number) in expected.items():
        with translation.override(code):
            assert formats.date_format(day) == written_date, code
            assert formats.number_format(1234.5, 1, force_grouping=True) == written_number, code
