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
