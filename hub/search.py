"""The hub's records in the portal's search: calls for proposals, open vacancies and keep.eu
projects, each matched word by word in its title and summary, in the page's language's forms
of the words on PostgreSQL (`portal/core/search.py`)."""

from urllib.parse import urlencode

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.paging import first_rows_and_count
from portal.core.search import Match, register_search_source, words_found

from .calls.models import Call
from .calls.selectors import status_changes
from .models import Project
from .vacancies.models import Vacancy
from .vacancies.selectors import closings


def find_calls(words, limit):
    now = timezone.now()
    calls = words_found(Call.objects.all(), ["title", "summary", "programme__name"], words)
    # Open calls first, then planned ones, then the most recently closed.
    ranked = calls.annotate(
        rank=Case(
            When(opens_at__lte=now, closes_at__gt=now, then=Value(0)),
            When(opens_at__gt=now, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("rank", "-closes_at")
    first, count = first_rows_and_count(ranked.select_related("programme"), limit)
    shown = [Match(call.title, call.get_absolute_url(), call.programme.name) for call in first]
    return count, shown, ""


def find_vacancies(words, limit):
    vacancies = words_found(
        Vacancy.objects.filter(Vacancy.open_at(timezone.now())),
        ["title", "employer_name", "programme__name", "town"],
        words,
    )
    first, count = first_rows_and_count(
        vacancies.select_related("programme").order_by("closes_at"), limit
    )
    shown = [
        Match(vacancy.title, vacancy.get_absolute_url(), vacancy.employer_label)
        for vacancy in first
    ]
    return count, shown, ""


def find_projects(words, limit):
    projects = words_found(Project.objects.all(), ["acronym", "name", "summary"], words)
    newest, count = first_rows_and_count(
        projects.select_related("programme").order_by("-start_date", "acronym"), limit
    )
    shown = [
        Match(
            f"{project.acronym}: {project.name}",
            project.get_absolute_url(),
            project.programme.name,
        )
        for project in newest
    ]
    more = reverse("hub:project_list") + "?" + urlencode({"q": " ".join(words)})
    return count, shown, more


def register() -> None:
    register_search_source(
        key="calls",
        order=10,
        title=_("Calls for proposals"),
        find=find_calls,
        # Open calls are listed first: the order changes as calls open and close.
        changes_at=lambda now: status_changes(now=now),
    )
    register_search_source(
        key="vacancies",
        order=20,
        title=_("Vacancies"),
        find=find_vacancies,
        changes_at=lambda now: closings(now=now),
    )
    register_search_source(key="projects", order=30, title=_("Projects"), find=find_projects)
