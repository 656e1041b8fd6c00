"""The public events feeds (GeoJSON for the maps, iCalendar for calendars), joined from parts
kept with each event.

What an event shows in every language is built once from its columns and stored with it: its
GeoJSON features (`Event.geojson_features`) and its calendar entry (`Event.calendar_text`,
campaigns.cooperation_day.calendar). A feed reads those parts in one query and fills in only
what depends on the language (dates, labels, the language prefix of addresses), from lookups
made once per feed; the calendar feed has the database join its entries and fill them in, so
that thousands of events never cross into Python one by one.

Parts are stamped with the `updated_at` they were built from: a feed meets any event saved
since as stale parts, builds them afresh, stores them and uses the new ones, so no feed ever
shows an event as it was before a change.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Avg, Case, Count, F, IntegerField, Max, Min, TextField, Value, When
from django.db.models.functions import Cast, Concat, Floor
from django.utils import dateformat, timezone
from django.utils.formats import get_format, number_format
from django.utils.translation import ngettext

from portal.core.query import parse_int
from portal.core.timezones import zone_or_utc
from portal.core.together import read_joined

from . import calendar
from .models import Event

# Where what depends on the language goes in the stored GeoJSON: the date as the language
# writes it, the type and format labels, and the address of the event's page up to its id. JSON
# escapes every control character inside strings, so no event's own text can hold this one.
LANGUAGE_PART = "\x01"

# The columns the stored parts are built from.
PART_FIELDS = (
    "pk",
    "updated_at",
    "public_id",
    "title",
    "description",
    "language",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "address",
    "format",
    "event_type",
    "countries",
    "latitude",
    "longitude",
    "second_latitude",
    "second_longitude",
    "online_link",
    "organiser_organisation",
)
# The stored parts, as `parts_of` gives them.
PART_COLUMNS = ("feed_parts_of", "geojson_features", "calendar_text")
# Rebuilt parts are written this many events to a query.
PARTS_PER_WRITE = 1000


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def geojson_features_of(row: dict) -> str:
    """The event's GeoJSON features, comma-separated: one point per place (two for an event
    on both sides of a border), public fields only, each with LANGUAGE_PART where the
    language's own properties go."""
    if row["latitude"] is None:
        return ""
    countries = [code for code in row["countries"].split(",") if code]
    properties = "".join(
        (
            '{"id":',
            _json(row["public_id"]),
            ',"title":',
            _json(row["title"]),
            # The language of the title and place, which pop-ups mark them with.
            ',"language":',
            _json(row["language"]),
            ',"starts":',
            _json(row["starts_at"].isoformat()),
            ',"ends":',
            _json(row["ends_at"].isoformat()),
            ',"timeZone":',
            _json(row["time_zone"]),
            ',"place":',
            _json(", ".join(part for part in (row["venue"], row["address"]) if part)),
            ',"countries":',
            _json(countries),
            ',"crossBorder":',
            _json(len(countries) > 1),
            # `language_part` ends by opening the "url" string.
            LANGUAGE_PART,
            _json(row["public_id"] + "/")[1:],
            "}",
        )
    )
    places = [(row["longitude"], row["latitude"])]
    if row["second_latitude"] is not None:
        places.append((row["second_longitude"], row["second_latitude"]))
    return ",".join(
        '{"type":"Feature","geometry":{"type":"Point","coordinates":'
        f'{_json([float(longitude), float(latitude)])}}},"properties":{properties}}}'
        for longitude, latitude in places
    )


def _stored_or_none(field: str):
    return Case(
        When(feed_parts_of=F("updated_at"), then=F(field)),
        default=Value(None),
        output_field=TextField(),
    )


def parts_of(row: dict) -> dict:
    """The stored parts of the event whose PART_FIELDS are `row`, by column."""
    return {
        "feed_parts_of": row["updated_at"],
        "geojson_features": geojson_features_of(row),
        "calendar_text": calendar.entry_text(row),
    }


def parts_rebuild(pks: list) -> dict:
    """Builds and stores the parts of the events whose pk is in `pks`: {pk: parts_of(…)}."""
    if not pks:
        return {}
    built = {
        row["pk"]: parts_of(row) for row in Event.objects.filter(pk__in=pks).values(*PART_FIELDS)
    }
    # An event saved meanwhile keeps a newer `updated_at`: these parts then count as stale.
    Event.objects.bulk_update(
        [Event(pk=pk, **parts) for pk, parts in built.items()],
        PART_COLUMNS,
        batch_size=PARTS_PER_WRITE,
    )
    return built


class _LanguageParts(dict):
    """LANGUAGE_PART's text for each key of `geojson_features`, made once per feed: dates per
    moment and time zone, labels per type and format."""

    def __init__(self, *, url_prefix: str):
        super().__init__()
        self.url_prefix = url_prefix
        self.types = {value: _json(str(label)) for value, label in Event.Type.choices}
        self.formats = {value: _json(str(label)) for value, label in Event.Format.choices}
        self.dates, self.written = {}, {}
        # What `date_format(…, "DATETIME_FORMAT")` looks up for every date, looked up once.
        self.date_format = get_format("DATETIME_FORMAT")

    def _date(self, starts: str, time_zone: str) -> str:
        written = self.dates.get((starts, time_zone))
        if written is None:
            starts_at = datetime.fromisoformat(starts)
            if starts_at.tzinfo is None:  # SQLite keeps UTC without saying so
                starts_at = starts_at.replace(tzinfo=UTC)
            local = timezone.localtime(starts_at, zone_or_utc(time_zone))
            # Written as every other date of the portal (the language's own format, in the
            # event's time zone), not left to the browser's idea of the language.
            # Zones that agree at that moment (most of Europe's) write it alike: formatted once.
            same = (local.replace(tzinfo=None), local.utcoffset(), local.tzname())
            written = self.written.get(same)
            if written is None:
                written = self.written[same] = _json(dateformat.format(local, self.date_format))
            self.dates[starts, time_zone] = written
        return written

    def __missing__(self, key: str) -> str:
        starts, time_zone, event_type, event_format = key.split("|")
        self[key] = part = "".join(
            (
                ',"when":',
                self._date(starts, time_zone),
                ',"type":',
                self.types.get(event_type, '""'),
                ',"format":',
                self.formats.get(event_format, '""'),
                ',"url":"',
                self.url_prefix,
            )
        )
        return part


def geojson_features(events) -> list[str]:
    """The GeoJSON features of `events` that have a place, in their order, each as text."""
    rows = list(
        events.filter(latitude__isnull=False).values_list(
            "pk",
            _stored_or_none("geojson_features"),
            # What the language's part depends on; few events differ in all of it.
            Concat(
                Cast("starts_at", TextField()),
                Value("|"),
                "time_zone",
                Value("|"),
                "event_type",
                Value("|"),
                "format",
                output_field=TextField(),
            ),
        )
    )
    rebuilt = parts_rebuild([pk for pk, stored, _key in rows if stored is None])
    parts = _LanguageParts(url_prefix=_json(Event.page_path_prefix())[1:-1])
    return [
        (rebuilt[pk]["geojson_features"] if stored is None else stored).replace(
            LANGUAGE_PART, parts[key]
        )
        for pk, stored, key in rows
    ]


# The map ---------------------------------------------------------------------------------
#
# Up to MAP_EVENTS_ONE_BY_ONE events in the area asked for, the map is sent each event (the
# browser groups markers that touch). Beyond, it is sent the events grouped by square of a grid
# fitted to the zoom asked for (four squares to a map tile's width), each group with its number
# and extent, and the events alone in their square: what the browser receives stays about the
# size of its view, however many events there are. It then asks again for each view it shows.

MAP_EVENTS_ONE_BY_ONE = 2000
MAP_ZOOM_DEFAULT = 4  # the map's first view: Europe
MAP_ZOOM_MAX = 18
GRID_SQUARES_PER_TILE = 4


@dataclass(frozen=True)
class MapArea:
    """A view of the map: its zoom, and its extent in degrees (west, south, east, north), or
    the whole world."""

    zoom: int = MAP_ZOOM_DEFAULT
    extent: tuple[float, float, float, float] | None = None

    @classmethod
    def from_query(cls, zoom: str | None, bbox: str | None) -> "MapArea":
        """The view a feed's address asks for; what cannot be read is left as the default (the
        whole world at Europe's zoom), never an error: the feed stays the feed."""
        zoom_level = parse_int(zoom, MAP_ZOOM_DEFAULT, minimum=0, maximum=MAP_ZOOM_MAX)
        try:
            west, south, east, north = (float(part) for part in (bbox or "").split(","))
        except ValueError:
            return cls(zoom=zoom_level)
        west, east = max(west, -180.0), min(east, 180.0)
        south, north = max(south, -90.0), min(north, 90.0)
        if not (west < east and south < north):  # NaN included
            return cls(zoom=zoom_level)
        return cls(zoom=zoom_level, extent=(west, south, east, north))

    @property
    def square(self) -> float:
        """The side of the grid's squares, in degrees."""
        return 360 / 2**self.zoom / GRID_SQUARES_PER_TILE

    def within(self, events):
        if self.extent is None:
            return events
        west, south, east, north = self.extent
        return events.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )


def _group_feature(group: dict) -> str:
    extent = [float(group[edge]) for edge in ("west", "south", "east", "north")]
    centre = [float(group["mean_longitude"]), float(group["mean_latitude"])]
    return (
        '{"type":"Feature","geometry":{"type":"Point","coordinates":'
        f'{_json(centre)}}},"properties":{{"group":true,"count":{group["count"]},'
        f'"extent":{_json(extent)}}}}}'
    )


def map_document(events, area: MapArea) -> bytes:
    """What the map shows of `events` in `area`: a GeoJSON FeatureCollection of the events one
    by one, or of groups and lone events (see above), with `total` (the events in the area),
    `grouped` and the area's `bbox` of events (GeoJSON's foreign members). Two queries more
    than the events' own, whatever their number."""
    placed = area.within(events.filter(latitude__isnull=False))
    square = area.square
    squares = (
        placed.order_by()
        .annotate(
            column=Floor(F("longitude") / square, output_field=IntegerField()),
            row=Floor(F("latitude") / square, output_field=IntegerField()),
        )
        .values("column", "row")
        .annotate(count=Count("pk"), only=Min("pk"))
    )
    groups = list(
        squares.annotate(
            mean_latitude=Avg("latitude"),
            mean_longitude=Avg("longitude"),
            west=Min("longitude"),
            south=Min("latitude"),
            east=Max("longitude"),
            north=Max("latitude"),
        ).order_by("row", "column")
    )
    total = sum(group["count"] for group in groups)
    grouped = total > MAP_EVENTS_ONE_BY_ONE
    if grouped:
        shown = [_group_feature(group) for group in groups if group["count"] > 1]
        # The lone events by a subquery: one query however many (or none) there are.
        alone = placed.filter(pk__in=squares.filter(count=1).values("only"))
    else:
        shown, alone = [], placed
    features = [*shown, *geojson_features(alone)]
    extent = None
    if groups:
        extent = [
            float(min(group["west"] for group in groups)),
            float(min(group["south"] for group in groups)),
            float(max(group["east"] for group in groups)),
            float(max(group["north"] for group in groups)),
        ]
    head = f'{{"type":"FeatureCollection","total":{total},"grouped":{_json(grouped)},'
    if extent:
        head += f'"bbox":{_json(extent)},'
    return (
        head + '"features":[' + ",".join(feature for feature in features if feature) + "]}"
    ).encode()


# The calendar ------------------------------------------------------------------------------
#
# A calendar to subscribe to carries the first CALENDAR_MOST_EVENTS events its filters select,
# in the list's order (by start, or nearest first near a place), and says so when there are
# more. A couple of hundred events in the few days of an edition are already more than a calendar
# shows readably, and every subscriber's calendar fetches the whole file again every few hours;
# the events page offers the filters that narrow it (a country, a theme, a place) instead.

CALENDAR_MOST_EVENTS = 200


def calendar_bound_text(most: int) -> str:
    """What a calendar bounded to `most` events says of itself."""
    return ngettext(
        "Only the first event that matches the filters, as listed on the events page. "
        "Narrower filters give a calendar with every event they select.",
        "Only the first %(count)s events that match the filters, as listed on the events page. "
        "Narrower filters give a calendar with every event they select.",
        most,
    ) % {"count": number_format(most, force_grouping=True)}


def ical_document(events, *, name: str, most: int) -> bytes:
    """A subscribable calendar of the first `most` of `events`, in their order: their stored
    entries joined and filled in by the database, in one query. Entries older than their event
    are built again first, and the calendar is then joined here."""
    fill = calendar.CalendarFill.now()
    entry = Case(
        When(
            feed_parts_of=F("updated_at"),
            then=Concat("calendar_text", fill.end_expression(), output_field=TextField()),
        ),
        default=Value(None),
        output_field=TextField(),
    )
    # One event more than shown tells whether there are more, in the same query.
    joined = read_joined(events, entry, replacements=fill.replacements, limit=most + 1)
    bounded = joined.rows > most
    if joined.missing:
        rows = events.values_list("pk", "event_type", _stored_or_none("calendar_text"))
        rows = list(rows[: most + 1])
        # The one beyond too: it was read, and would be found stale again next time.
        rebuilt = parts_rebuild([pk for pk, _type, stored in rows if stored is None])
        entries = fill.filled(
            "".join(
                (rebuilt[pk]["calendar_text"] if stored is None else stored)
                + fill.end_of(event_type)
                for pk, event_type, stored in rows[:most]
            )
        )
    else:
        entries = joined.text
        if bounded:  # leave out the one read beyond
            entries = entries[: entries.rindex(calendar.NEXT_ENTRY) + len(calendar.END_OF_ENTRY)]
    description = calendar_bound_text(most) if bounded else ""
    return calendar.document(entries, name=name, description=description).encode()
