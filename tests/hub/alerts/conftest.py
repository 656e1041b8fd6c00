"""A source of alerts the tests control: keep.eu's projects, filtered by programme and theme
as a listing would, told about when they start ("opened") and a week before they end
("closing"). The real sources (calls, vacancies) register themselves in their own apps."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from hub.alerts import sources
from hub.alerts.models import SavedSearch
from hub.models import Project
from tests.factories.hub import ProjectFactory, ThemeFactory
from tests.factories.users import ProgrammeFactory

KIND = "projects"


def _day_start(moment):
    return timezone.make_aware(datetime.combine(moment, time()), timezone.get_current_timezone())


def matching(params):
    projects = Project.objects.all()
    if programme := params.get("programme"):
        projects = projects.filter(programme__slug=programme)
    if theme := params.get("theme"):
        projects = projects.filter(themes__slug=theme).distinct()
    return projects


def occasions(since, until):
    """Projects whose start (at midnight) fell in (since, until]; and those whose end is now a
    week or less away, for the first time in (since, until]."""
    started = Project.objects.filter(
        start_date__gt=since.date(), start_date__lte=until.date()
    ).select_related("programme")
    week = timedelta(days=7)
    closing = Project.objects.filter(
        end_date__gt=(since + week).date(), end_date__lte=(until + week).date()
    ).select_related("programme")
    return [("opened", started), ("closing", closing)]


def describe(item, occasion):
    return f"{item.acronym}: {item.name}", f"/projects/{item.keep_id}/"


SOURCE = sources.AlertSource(
    kind=KIND,
    label="keep.eu projects",
    listing_url_name="accounts:programme_list",  # any listing: the tests open it by address
    matching=matching,
    occasions=occasions,
    describe=describe,
)


@pytest.fixture
def project_source(monkeypatch):
    monkeypatch.setitem(sources._sources, KIND, SOURCE)
    return SOURCE


@pytest.fixture
def alpine(db):
    return ProgrammeFactory(name="Interreg Alpine Space", acronym="ASP", slug="alpine-space")


@pytest.fixture
def health(db):
    return ThemeFactory(slug="health", name="Health and social care")


def make_project(programme, *, starts=None, ends=None, themes=(), **fields):
    project = ProjectFactory(programme=programme, start_date=starts, end_date=ends, **fields)
    project.themes.set(themes)
    return project


def save_search(user, query, *, name=None, kind=KIND):
    return SavedSearch.objects.create(user=user, kind=kind, query=query, name=name or query)
