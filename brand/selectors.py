"""Reads shaped for the brand pages and statistics. Query counts do not grow with the data."""

from django.conf import settings
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from portal.accounts.models import Programme
from portal.core.access import AccessLevel, audience_filter, pages_visible_to, public_pages
from portal.core.cache import cached_value
from portal.core.page_languages import localized_pages
from portal.core.paging import counted_page
from portal.core.selectors import live_page_url, normalise_search_query

from .models import (
    AnonymousTermsAcceptance,
    Asset,
    AssetDownload,
    AssetLibraryPage,
    AssetVariant,
    BrandBookPage,
)

ASSETS_PER_PAGE = 24
TOP_ASSETS = 10


def brand_sections(*, landing, user) -> dict:
    """The brand book's chapters and the library page below the landing page."""
    library = pages_visible_to(user, AssetLibraryPage.objects.child_of(landing)).first()
    chapters = pages_visible_to(user, BrandBookPage.objects.child_of(landing))
    return {
        "chapters": localized_pages(list(chapters)),
        "library": localized_pages([library])[0] if library else None,
    }


def brand_book_chapters(*, chapter):
    """The chapters beside `chapter` in the book, for its table of contents."""
    return public_pages(BrandBookPage.objects.sibling_of(chapter).live())


def library_url() -> str:
    return live_page_url(AssetLibraryPage)


def _variant_formats():
    return Prefetch(
        "variants",
        queryset=AssetVariant.objects.only("asset_id", "file_format", "sort_order"),
        to_attr="format_list",
    )


# Assets of these levels are listed, locked, to those who may not download them yet: signing
# in or an approved programme affiliation opens them. Named groups' assets stay unlisted.
LOCKED_LEVELS = (AccessLevel.REGISTERED, AccessLevel.PROGRAMME_STAFF)


def groups_opening_assets() -> list[int]:
    """The named groups some asset is for: the only groups that change what the library lists
    (kept until an asset changes; assets say `invalidates_page_cache`)."""

    def read():
        return list(
            Asset.objects.filter(access_level=AccessLevel.GROUP, access_group__isnull=False)
            .order_by()
            .values_list("access_group", flat=True)
            .distinct()
        )

    return cached_value(("brand-asset-groups",), read, settings.PAGE_CACHE_SECONDS)


def library_listing(*, audience):
    """The published, unexpired assets the library lists for `audience`
    (portal.core.access.Audience): those it may download, and, marked `locked`, those signing
    in or a programme affiliation would open."""
    now = timezone.now()
    listed = Asset.objects.filter(published_at__lte=now).exclude(expires_at__lte=now)
    accessible = audience_filter(audience)
    if not accessible:  # site staff open everything
        listed = listed.annotate(locked=Value(False))
    else:
        listed = listed.filter(accessible | Q(access_level__in=LOCKED_LEVELS)).annotate(
            locked=Case(
                When(accessible, then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            )
        )
    return listed.select_related("programme", "cover", "superseded_by")


def library_filter_choices(*, audience) -> dict:
    """The programmes and file formats of what the library lists for `audience`: its filters
    offer only choices that find something."""
    visible = library_listing(audience=audience)
    programme_choices = (
        Programme.objects.filter(pk__in=visible.exclude(programme=None).values("programme"))
        .order_by("name")
        .values_list("pk", "name")
    )
    format_choices = (
        AssetVariant.objects.filter(asset__in=visible.values("pk"))
        .order_by("file_format")
        .values_list("file_format", flat=True)
        .distinct()
    )
    return {"programme_choices": list(programme_choices), "format_choices": list(format_choices)}


def library_page(*, audience, filters: dict, page=1):
    """One page of the assets the library lists for `audience` that match `filters`
    (LibraryFilterForm's cleaned data), each with the formats of its files."""
    assets = library_listing(audience=audience)
    for name, lookup in (("kind", "kind"), ("programme", "programme_id"), ("language", "language")):
        if filters.get(name):
            assets = assets.filter(**{lookup: filters[name]})
    if filters.get("format") or filters.get("colour"):
        # Both conditions hold for the same file: "a negative SVG", not "a negative and an SVG".
        matching = AssetVariant.objects.filter(asset=OuterRef("pk"))
        if filters.get("format"):
            matching = matching.filter(file_format=filters["format"])
        if filters.get("colour"):
            matching = matching.filter(colour_version=filters["colour"])
        assets = assets.filter(Exists(matching))
    query = normalise_search_query(filters.get("q") or "")
    if query:
        tagged = Asset.tags.through.objects.filter(
            content_object=OuterRef("pk"), tag__name__icontains=query
        )
        assets = assets.filter(
            Q(title__icontains=query) | Q(description__icontains=query) | Exists(tagged)
        )
    assets = assets.prefetch_related(_variant_formats())
    listing = counted_page(assets, ASSETS_PER_PAGE, page)
    for asset in listing:
        asset.formats = sorted({variant.file_format for variant in asset.format_list})
    return listing


def programme_logo(*, programme) -> Asset | None:
    """The logo the library holds for `programme`, open to everyone, in force, and with a
    preview to show; the newest when there are several. The programme's logos not yet expired
    (those in force and those scheduled) are kept until an asset changes (assets say
    `invalidates_page_cache`), and the one in force is chosen from them at each request: a
    logo expiring or coming into force by the clock needs no change to be shown."""
    now = timezone.now()
    candidates = cached_value(
        ("programme-logos", programme.pk),
        lambda: _programme_logos_not_expired(programme=programme, now=now),
        settings.PAGE_CACHE_SECONDS,
    )
    return next(
        (
            asset
            for asset in candidates
            if asset.published_at <= now and (asset.expires_at is None or asset.expires_at > now)
        ),
        None,
    )


def _programme_logos_not_expired(*, programme, now) -> list[Asset]:
    # Newest first, as the one in force is chosen (one query).
    return list(
        Asset.objects.filter(
            programme=programme,
            kind=Asset.Kind.LOGO,
            access_level=AccessLevel.PUBLIC,
            superseded_by=None,
            cover__isnull=False,
        )
        .exclude(expires_at__lte=now)
        .exclude(cover__preview="")
        .select_related("cover")
        .order_by("-published_at", "-pk")
    )


def asset_for_page(pk: int) -> Asset:
    """The asset with everything its page shows (four queries)."""
    return (
        Asset.objects.select_related("programme", "superseded_by", "usage_terms", "access_group")
        .prefetch_related(
            Prefetch("variants", queryset=AssetVariant.objects.order_by("sort_order", "pk")),
            "tags",
        )
        .get(pk=pk)
    )


def variants_with_assets(ids) -> list[AssetVariant]:
    return list(
        AssetVariant.objects.filter(pk__in=ids)
        .select_related("asset__usage_terms", "asset__access_group")
        .order_by("asset_id", "sort_order", "pk")
    )


def download_statistics(*, since=None) -> dict:
    """Downloads per asset, per file, per programme and per month, and the top assets."""
    downloads = AssetDownload.objects.all()
    if since:
        downloads = downloads.filter(downloaded_at__gte=since)
    per_asset = list(
        downloads.values("asset_id", "asset__title", "asset__kind")
        .annotate(count=Count("pk"))
        .order_by("-count", "asset__title")
    )
    per_variant = list(
        downloads.values(
            "variant_id",
            "asset__title",
            "variant__file_format",
            "variant__colour_version",
            "variant__label",
        )
        .annotate(count=Count("pk"))
        .order_by("-count", "asset__title")
    )
    per_programme = list(
        downloads.values("programme__name").annotate(count=Count("pk")).order_by("-count")
    )
    per_month = list(
        downloads.annotate(month=TruncMonth("downloaded_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    colour_names = dict(AssetVariant.ColourVersion.choices)
    kind_names = dict(Asset.Kind.choices)
    for row in per_variant:
        row["colour_name"] = colour_names.get(row["variant__colour_version"], "")
    for row in per_asset:
        row["kind_name"] = kind_names.get(row["asset__kind"], "")
    largest_month = max((row["count"] for row in per_month), default=0)
    # Downloads by visitors without an account who accepted the terms for that file.
    anonymous_acceptances = AnonymousTermsAcceptance.objects.filter(
        download__in=downloads.values("pk")
    ).count()
    return {
        "total": sum(row["count"] for row in per_asset),
        "anonymous_acceptances": anonymous_acceptances,
        "top_assets": per_asset[:TOP_ASSETS],
        "per_asset": per_asset,
        "per_variant": per_variant,
        "per_programme": per_programme,
        "per_month": per_month,
        "largest_month": largest_month,
    }
