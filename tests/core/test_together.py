"""Independent querysets read in one round trip give what each gives alone."""

from decimal import Decimal

import pytest
from django.db.models import Case, Count, F, Value, When, Window
from django.db.models.functions import Concat

from campaigns.cooperation_day.models import Event
from hub.news.models import ArticlePage
from hub.vacancies.models import Vacancy
from portal.accounts.models import Profile, Programme
from portal.core.together import read_joined, read_together
from portal.home.models import HomePageUpcomingItem
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_edition, make_events
from tests.factories.hub import ThemeFactory
from tests.factories.news import make_article
from tests.factories.pages import make_image, make_upcoming_item
from tests.factories.vacancies import make_vacancy
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def _state(value):
    """What a row holds: a model's column values and the related rows read with it."""
    if not hasattr(value, "_meta"):
        return value
    state = {field.attname: getattr(value, field.attname) for field in value._meta.concrete_fields}
    for name, related in value._state.fields_cache.items():
        state[name] = _state(related)
    for name in ("matches", "programme_name"):
        if hasattr(value, name):
            state[name] = getattr(value, name)
    return state


def _querysets():
    return [
        Vacancy.objects.select_related("programme").order_by(
            F("salary_max").desc(nulls_last=True), "pk"
        ),
        ArticlePage.objects.live().select_related("locale", "lead_image").order_by("-date")[:2],
        Programme.objects.order_by("name").values("name", "slug", "countries"),
        Programme.objects.order_by("-name").values_list("slug", flat=True),
        Vacancy.objects.annotate(matches=Window(Count("pk")), programme_name=F("programme__name"))
        .filter(salary_min__isnull=False)
        .order_by("pk"),
        Profile.objects.filter(user__isnull=False).order_by("pk"),
        HomePageUpcomingItem.objects.select_related("link_page").order_by("date"),
        Vacancy.objects.none(),
        Vacancy.objects.filter(title="No such vacancy"),
    ]


def test_every_queryset_gives_what_it_gives_alone_in_one_query(home):
    programme = ProgrammeFactory(name="Alpine Space", countries=["AT", "IT"])
    make_vacancy(programme, salary_min=Decimal("3100.50"), salary_max=Decimal("4200.75"))
    make_vacancy(None, employer_name="A region", salary_min=None, salary_max=None)
    for title in ("Older", "Newer", "Newest"):
        make_article(title=title, lead_image=make_image(), lead_image_alt="A bridge")
    Profile.objects.create(user=UserFactory(), languages=["fr", "de"])
    make_upcoming_item(home, title="Managing authorities meet", link_page=home)

    alone = [[_state(row) for row in queryset] for queryset in _querysets()]
    queries, together = count_queries(read_together, *_querysets())

    assert queries == 1
    assert [[_state(row) for row in rows] for rows in together] == alone
    assert all(alone[:7]), "every queryset but the empty ones has rows to compare"
    vacancy = together[0][0]
    assert vacancy.salary_min == Decimal("3100.50") and vacancy.closes_at.tzinfo is not None
    assert together[0][0].programme.countries == programme.countries
    assert together[5][-1].languages == ["fr", "de"]


def test_prefetches_follow_as_after_any_query(home):
    programmes = [ProgrammeFactory(), ProgrammeFactory()]
    make_article(programmes=programmes)
    make_vacancy(programmes[0])
    articles = ArticlePage.objects.live().prefetch_related("programmes")
    queries, (read, vacancies) = count_queries(
        read_together, articles, Vacancy.objects.select_related("programme")
    )
    assert queries == 2  # the rows of both, then the articles' programmes
    assert {programme.pk for programme in read[0].programmes.all()} == {
        programme.pk for programme in programmes
    }
    assert vacancies[0].programme == programmes[0]


def test_one_queryset_or_none_to_share_with_is_read_as_it_is(home):
    make_vacancy(ProgrammeFactory())
    queries, (vacancies, nothing) = count_queries(
        read_together, Vacancy.objects.all(), Vacancy.objects.none()
    )
    assert (queries, len(vacancies), nothing) == (1, 1, [])
    assert count_queries(read_together)[0] == 0


def test_rows_wider_than_a_function_takes_arguments_are_carried_whole(home):
    # An event with its programme and edition page: over a hundred columns, past what one
    # SQL function takes on SQLite.
    edition = make_edition()
    make_events(edition, ProgrammeFactory(), UserFactory(), 2)
    events = Event.objects.select_related("programme", "edition").order_by("starts_at", "pk")
    compiler = events.query.get_compiler(using=events.db)
    compiler.as_sql()
    assert len(compiler.select) > 100
    alone = [_state(event) for event in events]
    queries, (together, _vacancies) = count_queries(read_together, events, Vacancy.objects.all())
    assert queries == 1
    assert [_state(event) for event in together] == alone


def _titles(queryset) -> str:
    return "".join(f"[{vacancy.title}]" for vacancy in queryset if vacancy.title != "Draft")


def test_values_are_joined_in_the_querysets_order_by_the_database(home):
    programme = ProgrammeFactory()
    for title in ("Beta", "Alpha", "Draft", "Gamma, café ☕"):
        make_vacancy(programme, title=title)
    value = Case(
        When(title="Draft", then=Value(None)),
        default=Concat(Value("["), "title", Value("]")),
    )
    for order in (("title",), ("-title",), ("pk",)):
        vacancies = Vacancy.objects.order_by(*order)
        queries, (joined, rows, missing) = count_queries(read_joined, vacancies, value)
        assert queries == 1
        assert joined == _titles(vacancies)
        assert (rows, missing) == (4, 1)  # the draft's NULL, left out and counted


def test_replacements_apply_to_the_whole_text_and_nothing_is_read_when_nothing_can_match(home):
    programme = ProgrammeFactory()
    for title in ("One", "Two"):
        make_vacancy(programme, title=title)
    value = Concat(Value("\x02"), "title", Value(";"))
    joined = read_joined(
        Vacancy.objects.order_by("title"), value, replacements=[("\x02", "<"), (";", ">")]
    )
    assert joined == ("<One><Two>", 2, 0)
    assert read_joined(Vacancy.objects.filter(title="None such"), value) == ("", 0, 0)
    assert count_queries(read_joined, Vacancy.objects.none(), value) == (0, ("", 0, 0))


def test_a_limit_joins_the_first_rows_in_order_and_counts_only_those(home):
    programme = ProgrammeFactory()
    for title in ("Delta", "Alpha", "Gamma", "Beta"):
        make_vacancy(programme, title=title)
    by_title = Vacancy.objects.order_by("title")
    assert read_joined(by_title, F("title"), limit=2) == ("AlphaBeta", 2, 0)
    assert read_joined(by_title.reverse(), F("title"), limit=3) == ("GammaDeltaBeta", 3, 0)
    # A limit beyond the rows reads them all, and says how many there were.
    queries, joined = count_queries(read_joined, by_title, F("title"), limit=10)
    assert (queries, joined) == (1, ("AlphaBetaDeltaGamma", 4, 0))


def test_a_distinct_queryset_is_joined_once_per_row(home):
    themes = [ThemeFactory(), ThemeFactory()]
    make_vacancy(ProgrammeFactory(), title="Only once", themes=themes)
    # Joined to both its themes, the vacancy is two rows; DISTINCT makes them one again.
    vacancies = Vacancy.objects.filter(themes__in=themes).order_by("title")
    assert read_joined(vacancies, F("title")) == ("Only onceOnly once", 2, 0)
    assert read_joined(vacancies.distinct(), F("title")) == ("Only once", 1, 0)
