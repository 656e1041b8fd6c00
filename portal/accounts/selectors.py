from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django_countries import countries
from wagtail.images import get_image_model

from portal.core.paging import counted_page

from . import roles
from .models import Affiliation, Programme

PROGRAMMES_PER_PAGE = 24
LOGO_RENDITION = "max-160x80"
PAGE_LOGO_RENDITION = "max-240x120"


def programme_country_choices() -> list[tuple[str, str]]:
    """Countries that take part in at least one programme, by name."""
    codes = set()
    for value in Programme.objects.values_list("countries", flat=True):
        codes.update(code for code in str(value).split(",") if code)
    return sorted(((code, countries.name(code)) for code in codes), key=lambda item: item[1])


def programme_list_for_directory(*, query: str = "", strand: str = "", country: str = "", page=1):
    programmes = Programme.objects.only(
        "name", "acronym", "slug", "strand", "sub_type", "countries", "logo"
    ).prefetch_related(
        Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions(LOGO_RENDITION))
    )
    if query:
        programmes = programmes.filter(Q(name__icontains=query) | Q(acronym__icontains=query))
    if strand:
        programmes = programmes.filter(strand=strand)
    if country:
        # Codes are stored as "AT,FR,IT": two letters between commas, so this cannot match
        # across two codes.
        programmes = programmes.filter(countries__contains=country)
    return counted_page(programmes.order_by("name"), PROGRAMMES_PER_PAGE, page)


def programme_for_page(*, slug: str) -> Programme | None:
    """The programme with its own logo image joined; its rendition is read apart
    (`read_logo_rendition`), only when the page shows that image."""
    return Programme.objects.select_related("logo").filter(slug=slug).first()


def read_logo_rendition(programme: Programme) -> None:
    """Fetch the rendition of the programme's own logo that its page shows (one query, none
    without a logo): the page shows it only when the brand library holds no logo for it."""
    if programme.logo is not None:
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=PAGE_LOGO_RENDITION)
        )
        prefetch_related_objects(
            [programme.logo],
            Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"),
        )


def programme_listed_staff(*, programme: Programme) -> QuerySet:
    return (
        Affiliation.objects.filter(
            programme=programme, status=Affiliation.Status.APPROVED, listed=True
        )
        .select_related("user", "user__profile")
        .order_by("user__last_name", "user__first_name", "function")
    )


def affiliations_of(*, user) -> list[Affiliation]:
    return list(
        Affiliation.objects.filter(user=user)
        .select_related("programme")
        .order_by("programme__name", "function")
    )


def pending_requests_for(*, programme: Programme) -> list[Affiliation]:
    return list(
        Affiliation.objects.filter(programme=programme, status=Affiliation.Status.PENDING)
        .select_related("user")
        .order_by("requested_at")
    )


def listed_affiliations_of(*, user) -> list[Affiliation]:
    return list(
        Affiliation.objects.filter(user=user, status=Affiliation.Status.APPROVED, listed=True)
        .select_related("programme")
        .order_by("programme__name")
    )


def affiliation_requests_waiting(*, user) -> list[tuple[str, str, int]]:
    """(programme name, programme slug, pending requests) for each programme whose requests
    `user` decides (its appointed admins; site staff decide every programme's), in one query
    after the roles."""
    pending = Affiliation.objects.filter(status=Affiliation.Status.PENDING)
    if not roles.is_site_staff(user):
        administered = roles.administered_programme_ids(user)
        if not administered:
            return []
        pending = pending.filter(programme_id__in=administered)
    rows = (
        pending.values("programme__name", "programme__slug")
        .annotate(waiting=Count("pk"))
        .order_by("programme__name")
    )
    return [(row["programme__name"], row["programme__slug"], row["waiting"]) for row in rows]
