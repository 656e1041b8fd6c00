"""Writes of the hub's core: projects and partners from keep.eu's export.

keep.eu's export has one row per partner, the project's columns repeated on each of its rows.
`project_import` reads them all, checks every row, and saves a project only when all of its
rows are valid, in bulk and a batch at a time, so twenty thousand projects take seconds.
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries

from campaigns.cooperation_day.places import place_in_country
from portal.accounts.models import Programme
from portal.core.cache import content_changed

from .models import NUTS_CODE, OrganisationType, Partner, Project, Theme

# The columns of a project, repeated on each of its partners' rows.
PROJECT_COLUMNS = (
    "acronym",
    "name",
    "programme",
    "period",
    "call",
    "start_date",
    "end_date",
    "total_budget",
    "eu_funding",
    "themes",
    "summary",
)
PARTNER_COLUMNS = (
    "partner_organisation",
    "partner_type",
    "partner_role",
    "partner_country",
    "partner_nuts",
    "partner_town",
    "partner_latitude",
    "partner_longitude",
)
COLUMNS = ("project_id", *PROJECT_COLUMNS, *PARTNER_COLUMNS)
REQUIRED_COLUMNS = ("project_id", "acronym", "name", "programme", "period", "partner_organisation")

# Projects written per transaction: large enough for bulk statements to pay, small enough
# that a long import holds no lock for long.
IMPORT_BATCH = 1000

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD = re.compile(r"^(\d{4})-(\d{4})$")
AMOUNT = re.compile(r"^\d{1,12}(\.\d{1,2})?$")
COORDINATE_PLACES = Decimal("0.00001")

# NUTS codes start with the country's code, except for two countries Eurostat names otherwise.
NUTS_COUNTRY_PREFIX = {"GR": "EL", "GB": "UK"}

ROLE_NAMES = {
    "lead": Partner.Role.LEAD,
    "lead partner": Partner.Role.LEAD,
    "partner": Partner.Role.PARTNER,
    "project partner": Partner.Role.PARTNER,
    "associated": Partner.Role.ASSOCIATED,
    "associated partner": Partner.Role.ASSOCIATED,
}


@dataclass(frozen=True)
class Rejection:
    line: int
    keep_id: str
    field: str
    reason: str


@dataclass
class ProjectImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def rejected_projects(self) -> int:
        return len({rejection.keep_id for rejection in self.rejected})


@dataclass
class _ProjectData:
    """A project as the file gives it, checked, with its partners in the file's order."""

    keep_id: str
    values: dict
    theme_ids: tuple[int, ...]
    partners: list[dict]

    def fingerprint(self) -> tuple:
        return (
            tuple(self.values[name] for name in _PROJECT_FIELDS),
            self.theme_ids,
            tuple(tuple(partner[name] for name in _PARTNER_FIELDS) for partner in self.partners),
        )


_PROJECT_FIELDS = (
    "acronym",
    "name",
    "programme_id",
    "period",
    "call",
    "start_date",
    "end_date",
    "total_budget",
    "eu_funding",
    "summary",
)
_PARTNER_FIELDS = (
    "organisation",
    "organisation_type",
    "role",
    "country",
    "nuts_code",
    "town",
    "latitude",
    "longitude",
    "position",
)


class _RowErrors(Exception):
    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class _Reader:
    """Parses one row's values; every problem is kept with the column it concerns."""

    def __init__(self, row: dict[str, str]):
        self.row = row
        self.errors: list[tuple[str, str]] = []

    def text(self, column: str, *, max_length: int, required: bool = False) -> str:
        value = (self.row.get(column) or "").strip()
        if required and not value:
            self.errors.append((column, _("This column is required.")))
        elif len(value) > max_length:
            self.errors.append(
                (
                    column,
                    _("Longer than %(max)d characters (it has %(length)d).")
                    % {"max": max_length, "length": len(value)},
                )
            )
        return value

    def day(self, column: str) -> date | None:
        value = (self.row.get(column) or "").strip()
        if not value:
            return None
        try:
            if not DATE.match(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            self.errors.append(
                (column, _("“%(value)s” is not a date written YYYY-MM-DD.") % {"value": value})
            )
            return None

    def amount(self, column: str) -> Decimal | None:
        value = (self.row.get(column) or "").strip()
        if not value:
            return None
        if not AMOUNT.match(value):
            self.errors.append(
                (
                    column,
                    _("“%(value)s” is not an amount in euros like 1250000.00.") % {"value": value},
                )
            )
            return None
        return Decimal(value)

    def coordinate(self, column: str, *, limit: int) -> Decimal | None:
        value = (self.row.get(column) or "").strip()
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) > limit:
            self.errors.append(
                (
                    column,
                    _("“%(value)s” is not a number between -%(limit)d and %(limit)d.")
                    % {"value": value, "limit": limit},
                )
            )
            return None
        return number.quantize(COORDINATE_PLACES)


class _Lookups:
    """What rows name by text, read once per import."""

    def __init__(self):
        self.programmes = {
            acronym.casefold(): pk for pk, acronym in Programme.objects.values_list("pk", "acronym")
        }
        self.themes: dict[str, int] = {}
        for pk, slug, name in Theme.objects.values_list("pk", "slug", "name"):
            self.themes.setdefault(slug.casefold(), pk)
            self.themes.setdefault(name.casefold(), pk)
        with translation.override("en"):
            self.organisation_types = {value: value for value in OrganisationType.values} | {
                str(label).casefold(): value for value, label in OrganisationType.choices
            }


def _project_values(row: dict[str, str], lookups: _Lookups) -> tuple[dict, tuple[int, ...]]:
    reader = _Reader(row)
    values = {
        "acronym": reader.text(
            "acronym", max_length=_max_length(Project, "acronym"), required=True
        ),
        "name": reader.text("name", max_length=_max_length(Project, "name"), required=True),
        "call": reader.text("call", max_length=_max_length(Project, "call")),
        "start_date": reader.day("start_date"),
        "end_date": reader.day("end_date"),
        "total_budget": reader.amount("total_budget"),
        "eu_funding": reader.amount("eu_funding"),
        "summary": (row.get("summary") or "").strip(),
    }
    acronym = (row.get("programme") or "").strip()
    values["programme_id"] = lookups.programmes.get(acronym.casefold())
    if not acronym:
        reader.errors.append(("programme", _("This column is required.")))
    elif values["programme_id"] is None:
        reader.errors.append(
            ("programme", _("No programme has the acronym “%(value)s”.") % {"value": acronym})
        )
    period = (row.get("period") or "").strip()
    found = PERIOD.match(period)
    if not found or int(found[2]) <= int(found[1]):
        reader.errors.append(
            (
                "period",
                _("“%(value)s” is not a programming period like 2021-2027.") % {"value": period},
            )
        )
    values["period"] = period
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        reader.errors.append(("end_date", _("The project ends before it starts.")))
    if (
        values["total_budget"] is not None
        and values["eu_funding"] is not None
        and values["eu_funding"] > values["total_budget"]
    ):
        reader.errors.append(("eu_funding", _("The EU funding is more than the total budget.")))
    theme_ids = set()
    for theme in (row.get("themes") or "").split(";"):
        theme = theme.strip()
        if not theme:
            continue
        pk = lookups.themes.get(theme.casefold())
        if pk is None:
            reason = _("No theme is called “%(value)s”.") % {"value": theme}
            reader.errors.append(("themes", reason))
        else:
            theme_ids.add(pk)
    if reader.errors:
        raise _RowErrors(reader.errors)
    return values, tuple(sorted(theme_ids))


def _partner_values(row: dict[str, str], lookups: _Lookups) -> dict:
    reader = _Reader(row)
    values = {
        "organisation": reader.text(
            "partner_organisation",
            max_length=_max_length(Partner, "organisation"),
            required=True,
        ),
        "town": reader.text("partner_town", max_length=_max_length(Partner, "town")),
        "latitude": reader.coordinate("partner_latitude", limit=90),
        "longitude": reader.coordinate("partner_longitude", limit=180),
    }
    kind = (row.get("partner_type") or "").strip()
    values["organisation_type"] = (
        lookups.organisation_types.get(kind.casefold()) if kind else OrganisationType.OTHER
    )
    if values["organisation_type"] is None:
        reader.errors.append(
            ("partner_type", _("“%(value)s” is not a type of organisation.") % {"value": kind})
        )
    role = (row.get("partner_role") or "").strip()
    values["role"] = ROLE_NAMES.get(role.casefold()) if role else Partner.Role.PARTNER
    if values["role"] is None:
        reader.errors.append(
            (
                "partner_role",
                _("“%(value)s” is not a role: lead, partner or associated.") % {"value": role},
            )
        )
    country = (row.get("partner_country") or "").strip().upper()
    values["country"] = country
    if not country:
        reader.errors.append(("partner_country", _("This column is required.")))
    elif country not in countries:
        reader.errors.append(
            (
                "partner_country",
                _("“%(value)s” is not a two-letter country code.") % {"value": country},
            )
        )
    nuts_code = (row.get("partner_nuts") or "").strip().upper()
    values["nuts_code"] = nuts_code
    if nuts_code and not NUTS_CODE.match(nuts_code):
        reader.errors.append(
            (
                "partner_nuts",
                _("“%(value)s” is not a NUTS code: two capital letters, then up to three.")
                % {"value": nuts_code},
            )
        )
    elif nuts_code and country in countries:
        prefix = NUTS_COUNTRY_PREFIX.get(country, country)
        if not nuts_code.startswith(prefix):
            reader.errors.append(
                (
                    "partner_nuts",
                    _("The NUTS region %(code)s is not in the partner's country (%(country)s).")
                    % {"code": nuts_code, "country": country},
                )
            )
    if (values["latitude"] is None) != (values["longitude"] is None) and not reader.errors:
        missing = "partner_longitude" if values["longitude"] is None else "partner_latitude"
        reader.errors.append((missing, _("Give both the latitude and the longitude, or neither.")))
    if reader.errors:
        raise _RowErrors(reader.errors)
    if values["latitude"] is None:
        place = place_in_country(values["town"], country)
        if place is not None:
            values["latitude"] = Decimal(str(place.latitude)).quantize(COORDINATE_PLACES)
            values["longitude"] = Decimal(str(place.longitude)).quantize(COORDINATE_PLACES)
    return values


def _project_from_rows(
    keep_id: str, rows: list[tuple[int, dict]], lookups: _Lookups
) -> tuple[_ProjectData | None, list[Rejection]]:
    """The checked project, or the rejection of every one of its rows."""
    own: dict[int, list[tuple[str, str]]] = {}
    first_line, first_row = rows[0]
    values, theme_ids = {}, ()
    try:
        values, theme_ids = _project_values(first_row, lookups)
    except _RowErrors as error:
        own[first_line] = list(error.errors)
    partners = []
    lead_line = None
    for position, (line, row) in enumerate(rows):
        errors = own.setdefault(line, [])
        if line != first_line:
            for column in PROJECT_COLUMNS:
                if (row.get(column) or "").strip() != (first_row.get(column) or "").strip():
                    errors.append(
                        (
                            column,
                            _("Differs from line %(line)d of the same project.")
                            % {"line": first_line},
                        )
                    )
        try:
            partner = _partner_values(row, lookups)
        except _RowErrors as error:
            errors.extend(error.errors)
            continue
        if partner["role"] == Partner.Role.LEAD:
            if lead_line is not None:
                errors.append(
                    (
                        "partner_role",
                        _("A project has one lead partner; line %(line)d names it already.")
                        % {"line": lead_line},
                    )
                )
                continue
            lead_line = line
        partner["position"] = position
        partners.append(partner)
    if any(own.values()):
        rejected = []
        bad_lines = [line for line, errors in own.items() if errors]
        for line, _row in rows:
            for column, reason in own.get(line) or []:
                rejected.append(Rejection(line, keep_id, column, reason))
            if not own.get(line):
                reason = _("The project's other rows are rejected (line %(line)d).") % {
                    "line": bad_lines[0]
                }
                rejected.append(Rejection(line, keep_id, "project_id", reason))
        return None, rejected
    return _ProjectData(keep_id, values, theme_ids, partners), []


def _numbered(rows: Iterable[dict[str, str]], first_line: int):
    """(line, row) pairs. Read from a `csv.DictReader`, the line is the one the row starts on in
    the file, counting the lines of a summary that spans several."""
    if not isinstance(rows, csv.DictReader):
        yield from enumerate(rows, start=first_line)
        return
    rows.fieldnames  # noqa: B018 -- reads the header line, so the count starts after it
    iterator = iter(rows)
    while True:
        start = rows.line_num + 1
        try:
            row = next(iterator)
        except StopIteration:
            return
        yield start, row


def _grouped(rows: Iterable[dict[str, str]], first_line: int, report: ProjectImportReport):
    """Rows by project, in the file's order; rows without a project id are rejected."""
    projects: dict[str, list[tuple[int, dict]]] = {}
    longest = _max_length(Project, "keep_id")
    for line, row in _numbered(rows, first_line):
        keep_id = (row.get("project_id") or "").strip()
        if not keep_id:
            report.rejected.append(Rejection(line, "", "project_id", _("This column is required.")))
        elif len(keep_id) > longest:
            report.rejected.append(
                Rejection(
                    line,
                    keep_id[:longest],
                    "project_id",
                    _("Longer than %(max)d characters (it has %(length)d).")
                    % {"max": longest, "length": len(keep_id)},
                )
            )
        else:
            projects.setdefault(keep_id, []).append((line, row))
    return projects


def _stored_fingerprints(keep_ids: list[str]) -> dict[str, tuple[int, tuple]]:
    """keep_id → (pk, fingerprint) of the projects already stored, in three queries."""
    stored = {
        values["keep_id"]: values
        for values in Project.objects.filter(keep_id__in=keep_ids).values(
            "pk", "keep_id", *_PROJECT_FIELDS
        )
    }
    by_pk = {values["pk"]: values["keep_id"] for values in stored.values()}
    themes: dict[int, list[int]] = {}
    for project_id, theme_id in Project.themes.through.objects.filter(
        project_id__in=by_pk
    ).values_list("project_id", "theme_id"):
        themes.setdefault(project_id, []).append(theme_id)
    partners: dict[int, list[tuple]] = {}
    for values in (
        Partner.objects.filter(project_id__in=by_pk)
        .order_by("project_id", "position", "pk")
        .values("project_id", *_PARTNER_FIELDS)
    ):
        partners.setdefault(values["project_id"], []).append(
            tuple(values[name] for name in _PARTNER_FIELDS)
        )
    return {
        keep_id: (
            values["pk"],
            (
                tuple(values[name] for name in _PROJECT_FIELDS),
                tuple(sorted(themes.get(values["pk"], []))),
                tuple(partners.get(values["pk"], [])),
            ),
        )
        for keep_id, values in stored.items()
    }


@transaction.atomic
def _save_batch(batch: list[_ProjectData], report: ProjectImportReport) -> None:
    stored = _stored_fingerprints([project.keep_id for project in batch])
    now = timezone.now()
    created, updated = [], []
    for project in batch:
        if project.keep_id not in stored:
            created.append(project)
        elif stored[project.keep_id][1] != project.fingerprint():
            updated.append(project)
        else:
            report.unchanged += 1
    new_rows = Project.objects.bulk_create(
        Project(keep_id=project.keep_id, imported_at=now, **project.values) for project in created
    )
    pks = {row.keep_id: row.pk for row in new_rows}
    if updated:
        pks |= {project.keep_id: stored[project.keep_id][0] for project in updated}
        Project.objects.bulk_update(
            [
                Project(
                    pk=stored[project.keep_id][0],
                    keep_id=project.keep_id,
                    imported_at=now,
                    **project.values,
                )
                for project in updated
            ],
            [*_PROJECT_FIELDS, "imported_at"],
        )
        updated_pks = [stored[project.keep_id][0] for project in updated]
        # An updated project's partners and themes are the file's: the old ones go.
        Partner.objects.filter(project_id__in=updated_pks).delete()
        Project.themes.through.objects.filter(project_id__in=updated_pks).delete()
    written = [*created, *updated]
    Partner.objects.bulk_create(
        Partner(project_id=pks[project.keep_id], **partner)
        for project in written
        for partner in project.partners
    )
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project_id=pks[project.keep_id], theme_id=theme_id)
        for project in written
        for theme_id in project.theme_ids
    )
    report.created += len(created)
    report.updated += len(updated)


def project_import(*, rows: Iterable[dict[str, str]], first_line: int = 2) -> ProjectImportReport:
    """Create or update projects by keep.eu id from rows in keep.eu's export shape (one row per
    partner). A project is saved only when every one of its rows is valid; each rejected row is
    reported with its line, column and reason. Importing the same file again changes nothing."""
    report = ProjectImportReport()
    lookups = _Lookups()
    batch: list[_ProjectData] = []
    for keep_id, project_rows in _grouped(rows, first_line, report).items():
        project, rejected = _project_from_rows(keep_id, project_rows, lookups)
        if project is None:
            report.rejected.extend(rejected)
            continue
        batch.append(project)
        if len(batch) >= IMPORT_BATCH:
            _save_batch(batch, report)
            batch = []
    if batch:
        _save_batch(batch, report)
    report.rejected.sort(key=lambda rejection: rejection.line)
    if report.created or report.updated:
        # Listings, project pages and programme pages show what was imported.
        transaction.on_commit(content_changed)
    return report
