"""Reads for the Interreg Slam pages. Query counts do not grow with applications or votes."""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from portal.accounts import roles
from portal.core.blocks import embed_player_url
from portal.core.moments import Moments
from portal.core.page_languages import originals
from portal.core.paging import counted_page
from portal.core.versions import content_version

from .models import (
    SlamApplication,
    SlamAssignment,
    SlamEditionPage,
    SlamJuror,
    SlamReview,
    SlamVote,
)

GALLERY_PER_PAGE = 24
JURY_QUEUE_PER_PAGE = 50
THUMBNAIL = "fill-480x270"
Status = SlamApplication.Status


def current_edition():
    return current_edition_query().first()


def current_edition_query() -> QuerySet:
    """The current edition (the newest live one) as a queryset of at most one, unread."""
    return originals(SlamEditionPage.objects.live()).order_by("-year")[:1]


def live_editions():
    """Every live edition, newest first (the current one)."""
    return list(originals(SlamEditionPage.objects.live()).order_by("-year"))


def timeline(edition) -> list[dict]:
    now = timezone.now()
    return [
        {
            "name": name,
            "label": SlamEditionPage._meta.get_field(name).verbose_name,
            "moment": getattr(edition, name),
            "past": getattr(edition, name) <= now,
        }
        for name in SlamEditionPage.TIMELINE
    ]


def part_in_edition(*, edition: int, user) -> dict[str, bool]:
    """Whether `user` sits on the jury of the edition (an id) and whether they applied in it,
    kept with their identity: applications and jurors change that version (slam.apps), and
    the jury is published with its edition (the content version)."""
    return roles.kept_with_identity(
        user,
        f"slam-part-in-edition:{edition}:{content_version()}",
        lambda: _part_in_edition(edition=edition, user=user),
    )


def _part_in_edition(*, edition: int, user) -> dict[str, bool]:
    found = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(
            is_juror=Exists(SlamJuror.objects.filter(edition_id=edition, user=OuterRef("pk"))),
            has_applications=Exists(
                SlamApplication.objects.filter(edition_id=edition, applicant=OuterRef("pk"))
            ),
        )
        .first()
    )
    return found or {"is_juror": False, "has_applications": False}


def my_applications(*, user):
    return list(
        SlamApplication.objects.filter(applicant=user)
        .select_related("edition", "programme", "video")
        .order_by("-edition__year", "project_name")
    )


# The gallery and the vote ------------------------------------------------------------------


def _with_videos(applications):
    return applications.select_related(
        "programme", "project", "video", "video__thumbnail"
    ).prefetch_related(
        Prefetch(
            "video__thumbnail",
            queryset=get_image_model().objects.prefetch_renditions(THUMBNAIL),
        )
    )


@dataclass
class GalleryEntry:
    application: SlamApplication
    player_url: str | None
    votes: int | None
    # Whether the edition's results are out: finalists and awards are named only then.
    announced: bool = False


def gallery(*, edition, category=None, page=1, show_counts=False):
    """Shortlisted projects with their videos, one page of them."""
    applications = edition.applications.filter(status=Status.SHORTLISTED)
    if category:
        applications = applications.filter(category_id=category)
    if show_counts:
        applications = applications.annotate(vote_count=Count("votes"))
    applications = _with_videos(applications).order_by("project_name", "pk")
    paged = counted_page(applications, GALLERY_PER_PAGE, page)
    paged.entries = [
        GalleryEntry(
            application=application,
            player_url=_player(application),
            votes=getattr(application, "vote_count", None),
        )
        for application in paged
    ]
    return paged


def _player(application) -> str | None:
    video = getattr(application, "video", None)
    if video is None:
        return None
    return embed_player_url(video.video_url) if video.video_url else None


def my_votes(*, edition, user) -> dict[str, int]:
    """category key → the application the person voted for."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return dict(
        SlamVote.objects.filter(edition=edition, voter=user).values_list(
            "category_key", "application_id"
        )
    )


# The jury ----------------------------------------------------------------------------------


def jury_queue(*, edition, juror, page_number=1):
    """A page of the applications assigned to `juror`, in a fixed order (blind review numbers
    them by it)."""
    reviews = SlamReview.objects.filter(juror=juror)
    applications = (
        SlamApplication.objects.filter(edition=edition, assignments__juror=juror)
        .exclude(status=Status.DRAFT)
        .select_related("programme", "category")
        .prefetch_related(Prefetch("reviews", queryset=reviews, to_attr="my_reviews"))
        .order_by("pk")
    )
    return Paginator(applications, JURY_QUEUE_PER_PAGE).get_page(page_number)


@dataclass
class Ranked:
    application: SlamApplication
    average: Decimal | None
    spread: Decimal | None
    lowest: Decimal | None
    highest: Decimal | None
    reviews: int
    conflicts: int
    votes: int = 0
    public_score: Decimal | None = None
    final_score: Decimal | None = None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))


def ranking(*, edition) -> list[Ranked]:
    """Submitted applications by their jurors' average (conflicts left out), with the spread
    (standard deviation) and range of the scores."""
    applications = list(
        edition.applications.exclude(status=Status.DRAFT)
        .select_related("programme", "project")
        .annotate(vote_count=Count("votes", distinct=True))
    )
    totals = defaultdict(list)
    conflicts = Counter()
    for application_id, total, conflict in SlamReview.objects.filter(
        application__edition=edition
    ).values_list("application_id", "total", "conflict_of_interest"):
        if conflict:
            conflicts[application_id] += 1
        elif total is not None:
            totals[application_id].append(float(total))
    rows = []
    for application in applications:
        scores = totals.get(application.pk, [])
        rows.append(
            Ranked(
                application=application,
                average=_decimal(statistics.fmean(scores)) if scores else None,
                spread=_decimal(statistics.pstdev(scores)) if len(scores) > 1 else None,
                lowest=_decimal(min(scores)) if scores else None,
                highest=_decimal(max(scores)) if scores else None,
                reviews=len(scores),
                conflicts=conflicts[application.pk],
                votes=application.vote_count,
            )
        )
    rows.sort(key=lambda row: (row.average is None, -(row.average or 0), row.application.pk))
    return rows


def results(*, edition) -> list[Ranked]:
    """Shortlisted projects by final score: the jury's average and the share of the public
    vote (the most-voted project scores 100), weighted as the edition says."""
    rows = [row for row in ranking(edition=edition) if row.application.is_shortlisted]
    most_votes = max((row.votes for row in rows), default=0)
    jury_weight = Decimal(edition.jury_weight) / 100
    for row in rows:
        row.public_score = _decimal(100 * row.votes / most_votes) if most_votes else Decimal(0)
        jury = row.average or Decimal(0)
        row.final_score = _decimal(jury_weight * jury + (1 - jury_weight) * row.public_score)
    rows.sort(key=lambda row: (-row.final_score, row.application.project_name))
    return rows


# Staff: spotting vote stuffing -------------------------------------------------------------

ACCOUNT_AGE_BUCKETS = (
    (timedelta(hours=1), _("under an hour")),
    (timedelta(days=1), _("under a day")),
    (timedelta(days=7), _("under a week")),
    (timedelta(days=30), _("under a month")),
    (None, _("older")),
)
CLUSTER_MIN_ACCOUNTS = 5


def vote_audit(*, edition) -> dict:
    """Votes per hour, votes by the voter's account age when voting, and clusters: five or
    more accounts created within the same hour that voted for the same project."""
    rows = SlamVote.objects.filter(edition=edition).values_list(
        "created_at", "voter__date_joined", "application__project_acronym"
    )
    per_hour = Counter()
    by_age = Counter()
    clusters = Counter()
    for voted_at, joined_at, project in rows:
        per_hour[voted_at.replace(minute=0, second=0, microsecond=0)] += 1
        age = voted_at - joined_at
        for limit, label in ACCOUNT_AGE_BUCKETS:
            if limit is None or age < limit:
                by_age[str(label)] += 1
                break
        clusters[(project, joined_at.replace(minute=0, second=0, microsecond=0))] += 1
    busiest = max(per_hour.values(), default=0)
    return {
        "total": sum(per_hour.values()),
        "per_hour": [
            {"hour": hour, "votes": count, "percent": round(100 * count / busiest)}
            for hour, count in sorted(per_hour.items())
        ],
        "by_age": [(str(label), by_age[str(label)]) for _limit, label in ACCOUNT_AGE_BUCKETS],
        "clusters": sorted(
            (
                {"project": project, "joined": joined, "accounts": count}
                for (project, joined), count in clusters.items()
                if count >= CLUSTER_MIN_ACCOUNTS
            ),
            key=lambda item: -item["accounts"],
        ),
    }


# Hall of fame ------------------------------------------------------------------------------


# The winner first, then the jury's and the audience's awards, then the other finalists.
AWARD_RANK = Case(
    *(
        When(award=award, then=Value(rank))
        for rank, award in enumerate(
            [
                SlamApplication.Award.WINNER,
                SlamApplication.Award.JURY,
                SlamApplication.Award.AUDIENCE,
            ]
        )
    ),
    default=Value(3),
    output_field=IntegerField(),
)


def hall_of_fame(*, year=None, theme=None):
    """Finalists and winners of every edition whose results are out, newest first."""
    editions = originals(SlamEditionPage.objects.live()).filter(
        results_announced__lte=timezone.now()
    )
    if year:
        editions = editions.filter(year=year)
    if theme:
        editions = editions.filter(theme__icontains=theme)
    finalists = _with_videos(
        SlamApplication.objects.filter(is_finalist=True).order_by(AWARD_RANK, "project_name")
    )
    editions = editions.order_by("-year").prefetch_related(
        Prefetch("applications", queryset=finalists, to_attr="finalists")
    )
    return [
        {
            "edition": edition,
            "finalists": [
                GalleryEntry(application=item, player_url=_player(item), votes=None)
                for item in edition.finalists
            ],
        }
        for edition in editions
    ]


def public_changes(*, now) -> Moments:
    """When a live edition's films next become public (its vote opens) or its results are
    announced: what programmes' pages show of the Slam changes then."""
    return Moments(
        originals(SlamEditionPage.objects.live()),
        (
            Min("vote_opens", filter=Q(vote_opens__gt=now)),
            Min("results_announced", filter=Q(results_announced__gt=now)),
        ),
    )


def public_entries_of_programme(*, programme, limit: int) -> QuerySet:
    """`programme`'s projects the public may see: the shortlisted films of editions whose
    vote has opened (the gallery shows them), newest edition first, finalists and winners
    first within it once the results are out. Never an application still in review."""
    now = timezone.now()
    # Until the results are out, the order gives nothing away.
    rank = Case(
        When(edition__results_announced__gt=now, then=Value(len(SlamApplication.Award))),
        When(is_finalist=False, then=Value(len(SlamApplication.Award) + 1)),
        default=AWARD_RANK,
        output_field=IntegerField(),
    )
    applications = _with_videos(
        SlamApplication.objects.filter(
            programme=programme,
            status=Status.SHORTLISTED,
            edition__live=True,
            edition__vote_opens__lte=now,
        ).select_related("edition")
    ).order_by("-edition__year", rank, "project_name", "pk")[:limit]
    return applications


def public_entries(applications) -> list[GalleryEntry]:
    """The applications `public_entries_of_programme` read, as the gallery shows them."""
    now = timezone.now()
    return [
        GalleryEntry(
            application=application,
            player_url=None,
            votes=None,
            announced=application.edition.results_announced <= now,
        )
        for application in applications
    ]


def hall_of_fame_filters():
    return list(
        originals(SlamEditionPage.objects.live())
        .filter(results_announced__lte=timezone.now())
        .order_by("-year")
        .values_list("year", "theme")
    )


def reviews_to_do(*, user) -> int | None:
    """How many applications of the current edition `user` is asked to review and has not
    reviewed yet; None for people not on its jury. Three queries, however many there are."""
    edition = current_edition()
    if edition is None or not getattr(user, "is_authenticated", False):
        return None
    if not SlamJuror.objects.filter(edition=edition, user=user).exists():
        return None
    reviewed = SlamReview.objects.filter(application=OuterRef("application"), juror=user)
    return (
        SlamAssignment.objects.filter(juror=user, application__edition=edition)
        .exclude(application__status=Status.DRAFT)
        .exclude(Exists(reviewed))
        .count()
    )
