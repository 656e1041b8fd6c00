"""English as EU institutions write it: "21 September 2027, 18:00", day before month, a
24-hour clock, weeks starting on Monday. Django's own English formats (US style) remain the
fallback for everything not set here, input formats included."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
