"""Writes of the brand service: describing uploaded files, terms, downloads."""

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts import roles
from portal.accounts.models import ConsentRecord
from portal.core.access import access_refusal

from .files import file_format
from .models import AnonymousTermsAcceptance, Asset, AssetDownload, AssetVariant, UsageTerms
from .previews import make_preview

ASSET_EXPIRED = _("This asset has expired and can no longer be downloaded.")
ASSET_NOT_PUBLISHED = _("This asset is not published yet.")
NO_TERMS_TO_ACCEPT = _("This file has no usage terms to accept.")
ACCEPTANCE_NOT_VALID = _(
    "Accept the terms again to download this file: each acceptance is good for one download, "
    "within an hour."
)

# An anonymous visitor's acceptance reaches the download as a signed token in the address:
# the visitor needs no session, and a token opens one download of one file.
ACCEPTANCE_LINK_SALT = "brand.anonymous-terms-acceptance"
ACCEPTANCE_LINK_SECONDS = 60 * 60


def asset_files_describe(*, asset: Asset) -> None:
    """Read each newly uploaded file's format, size and dimensions, make its preview, and
    choose the file whose preview stands for the asset (full colour first)."""
    variants = list(asset.variants.all())
    for variant in variants:
        if not variant.file or variant.described_file == variant.file.name:
            continue
        _describe(variant)
    with_preview = [variant for variant in variants if variant.preview]
    with_preview.sort(
        key=lambda variant: (
            variant.colour_version != AssetVariant.ColourVersion.FULL_COLOUR,
            variant.file_format != "svg",
            variant.sort_order or 0,
        )
    )
    cover = with_preview[0] if with_preview else None
    if asset.cover_id != getattr(cover, "pk", None):
        asset.cover = cover
        asset.save(update_fields=["cover"])


def _describe(variant: AssetVariant) -> None:
    variant.file_format = file_format(variant.file.name)
    variant.file_size = variant.file.size
    with variant.file.open("rb") as stored:
        data = stored.read()
    if variant.preview:
        variant.preview.delete(save=False)
    preview = make_preview(data, variant.file_format)
    if preview is not None:
        variant.width, variant.height = preview.width, preview.height
        if preview.content:
            variant.preview.save(
                f"preview.{preview.extension}", ContentFile(preview.content), save=False
            )
    variant.described_file = variant.file.name
    variant.save()


def download_refusal(*, user, asset: Asset) -> str | None:
    """Why `user` may not download `asset`'s files now; None when they may."""
    refusal = access_refusal(user, asset.access_level, asset.access_group)
    if refusal:
        return refusal
    if not asset.is_published() and not roles.is_site_staff(user):
        return ASSET_NOT_PUBLISHED
    if asset.is_expired():
        return ASSET_EXPIRED
    return None


def _acceptances(*, user, terms_list):
    return ConsentRecord.objects.filter(
        user=user,
        document=ConsentRecord.Document.BRAND_USAGE_TERMS,
        version__in=[terms.consent_version for terms in terms_list],
    )


def terms_accepted(*, user, terms: UsageTerms) -> bool:
    return _acceptances(user=user, terms_list=[terms]).exists()


def unaccepted_terms(*, user, assets) -> list[UsageTerms]:
    """The usage terms among `assets` that `user` has not accepted yet (one query)."""
    terms = {asset.usage_terms_id: asset.usage_terms for asset in assets if asset.usage_terms_id}
    if not terms:
        return []
    accepted = set(
        _acceptances(user=user, terms_list=terms.values()).values_list("version", flat=True)
    )
    return [item for item in terms.values() if item.consent_version not in accepted]


def terms_accept(*, user, terms: UsageTerms) -> ConsentRecord:
    """Record that `user` accepted this version of `terms` (once: accepting again keeps the
    first record)."""
    return _acceptances(user=user, terms_list=[terms]).first() or ConsentRecord.objects.create(
        user=user, document=ConsentRecord.Document.BRAND_USAGE_TERMS, version=terms.consent_version
    )


@transaction.atomic
def downloads_record(*, user, variants, in_zip: bool = False) -> list[AssetDownload]:
    """One record per file handed out. Refuses (and records nothing) when any file may not be
    downloaded, so a record always means the person received the file."""
    for variant in variants:
        refusal = download_refusal(user=user, asset=variant.asset)
        if refusal:
            raise ValidationError(refusal, code="refused")
    programme_ids = sorted(roles.staff_programme_ids(user))
    now = timezone.now()
    return AssetDownload.objects.bulk_create(
        AssetDownload(
            asset_id=variant.asset_id,
            variant=variant,
            user=user if user.is_authenticated else None,
            programme_id=programme_ids[0] if programme_ids else None,
            in_zip=in_zip,
            downloaded_at=now,
        )
        for variant in variants
    )


def anonymous_terms_accept(*, variant: AssetVariant) -> AnonymousTermsAcceptance:
    """Record that a visitor without an account accepted the terms of `variant`'s asset for
    one download of it; nothing about the visitor is recorded."""
    asset = variant.asset
    refusal = download_refusal(user=AnonymousUser(), asset=asset)
    if refusal:
        raise ValidationError(refusal, code="refused")
    if asset.usage_terms is None:
        raise ValidationError(NO_TERMS_TO_ACCEPT, code="no_terms")
    return AnonymousTermsAcceptance.objects.create(
        asset=asset,
        variant=variant,
        terms=asset.usage_terms,
        terms_version=asset.usage_terms.consent_version,
    )


def acceptance_token(acceptance: AnonymousTermsAcceptance) -> str:
    return signing.dumps(acceptance.pk, salt=ACCEPTANCE_LINK_SALT, compress=True)


def acceptance_for_token(*, variant: AssetVariant, token: str) -> AnonymousTermsAcceptance:
    """The unused acceptance `token` stands for, when it was made for `variant` under the
    terms' current version; ValidationError otherwise."""
    try:
        pk = signing.loads(token, salt=ACCEPTANCE_LINK_SALT, max_age=ACCEPTANCE_LINK_SECONDS)
    except signing.BadSignature as bad:
        raise ValidationError(ACCEPTANCE_NOT_VALID, code="invalid") from bad
    acceptance = AnonymousTermsAcceptance.objects.filter(
        pk=pk, variant=variant, download=None
    ).first()
    terms = variant.asset.usage_terms
    if acceptance is None or terms is None or acceptance.terms_version != terms.consent_version:
        raise ValidationError(ACCEPTANCE_NOT_VALID, code="invalid")
    return acceptance


@transaction.atomic
def anonymous_download_record(*, variant: AssetVariant, token: str) -> AssetDownload:
    """Record the one download an anonymous acceptance allows (counted in the statistics like
    any other); a second use of the same acceptance is refused."""
    acceptance = acceptance_for_token(variant=variant, token=token)
    # Two requests with one token: the second waits here, then finds the download taken.
    acceptance = AnonymousTermsAcceptance.objects.select_for_update().get(pk=acceptance.pk)
    if acceptance.download_id is not None:
        raise ValidationError(ACCEPTANCE_NOT_VALID, code="used")
    (download,) = downloads_record(user=AnonymousUser(), variants=[variant])
    acceptance.download = download
    acceptance.save(update_fields=["download"])
    return download
