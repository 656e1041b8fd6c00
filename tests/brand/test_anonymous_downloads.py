"""A public file under usage terms, downloaded without an account: the visitor accepts the
terms for that one download, and the acceptance is recorded without anything about them."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from brand import services
from brand.models import AnonymousTermsAcceptance, AssetDownload
from brand.selectors import download_statistics
from brand.views import TERMS_ACCEPTED, TERMS_FOR_THIS_DOWNLOAD
from portal.accounts.models import ConsentRecord
from portal.core.access import AccessLevel
from tests.factories import AffiliationFactory
from tests.factories.brand import make_asset, make_library, make_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home):
    return make_library()


@pytest.fixture
def terms():
    return make_terms(title="Interreg brand terms", version="3")


@pytest.fixture
def public_asset(library, terms):
    return make_asset(title="Interreg logo", usage_terms=terms)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Services ------------------------------------------------------------------------------


def test_an_acceptance_records_the_file_and_the_terms_version_and_nothing_else(public_asset):
    variant = public_asset.variants.first()
    acceptance = services.anonymous_terms_accept(variant=variant)
    assert (acceptance.asset, acceptance.variant) == (public_asset, variant)
    assert acceptance.terms_version == public_asset.usage_terms.consent_version
    assert acceptance.download is None
    assert abs(acceptance.accepted_at - timezone.now()).total_seconds() < 60
    stored = {field.name for field in AnonymousTermsAcceptance._meta.get_fields()}
    assert stored == {"id", "asset", "variant", "terms", "terms_version", "accepted_at", "download"}
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize("level", [AccessLevel.REGISTERED, AccessLevel.PROGRAMME_STAFF])
def test_only_public_files_can_be_accepted_without_an_account(library, terms, level):
    asset = make_asset(usage_terms=terms, access_level=level)
    with pytest.raises(ValidationError):
        services.anonymous_terms_accept(variant=asset.variants.first())
    assert not AnonymousTermsAcceptance.objects.exists()


def test_a_file_without_terms_has_nothing_to_accept(library):
    asset = make_asset()
    with pytest.raises(ValidationError) as refused:
        services.anonymous_terms_accept(variant=asset.variants.first())
    assert refused.value.messages == [str(services.NO_TERMS_TO_ACCEPT)]


def test_an_acceptance_opens_one_download_of_its_file_counted_in_the_statistics(public_asset):
    first, second = public_asset.variants.all()[:2]
    acceptance = services.anonymous_terms_accept(variant=first)
    token = services.acceptance_token(acceptance)
    with pytest.raises(ValidationError):  # made for another file
        services.anonymous_download_record(variant=second, token=token)
    download = services.anonymous_download_record(variant=first, token=token)
    assert download.user is None and download.programme is None
    acceptance.refresh_from_db()
    assert acceptance.download == download
    with pytest.raises(ValidationError):  # used
        services.anonymous_download_record(variant=first, token=token)
    assert AssetDownload.objects.count() == 1
    statistics = download_statistics()
    assert statistics["total"] == 1
    assert statistics["anonymous_acceptances"] == 1


def test_a_forged_expired_or_outdated_acceptance_opens_nothing(public_asset, terms):
    variant = public_asset.variants.first()
    acceptance = services.anonymous_terms_accept(variant=variant)
    forged = signing.dumps(acceptance.pk, salt="another-purpose")
    with pytest.raises(ValidationError):
        services.anonymous_download_record(variant=variant, token=forged)
    token = services.acceptance_token(acceptance)
    services.ACCEPTANCE_LINK_SECONDS, seconds = -1, services.ACCEPTANCE_LINK_SECONDS
    try:
        with pytest.raises(ValidationError):
            services.anonymous_download_record(variant=variant, token=token)
    finally:
        services.ACCEPTANCE_LINK_SECONDS = seconds
    terms.version = "4"
    terms.save()
    with pytest.raises(ValidationError):
        services.anonymous_download_record(variant=variant, token=token)
    assert not AssetDownload.objects.exists()


# The visitor's path --------------------------------------------------------------------


def test_an_anonymous_visitor_accepts_the_terms_then_gets_the_file(client, public_asset):
    variant = public_asset.variants.first()
    download_url = reverse("brand:download", args=[variant.pk])
    terms_url = reverse("brand:download_terms", args=[variant.pk])

    response = client.get(download_url, follow=True)
    assert response.redirect_chain == [(terms_url, 302)]
    assert _messages(response) == [str(TERMS_FOR_THIS_DOWNLOAD)]
    page = response.content.decode()
    assert "Interreg brand terms" in page and "Use it well." in page
    assert not AssetDownload.objects.exists()

    # Not ticking the box says why, next to the box; nothing is recorded.
    refused = client.post(terms_url)
    assert refused.status_code == 200
    assert "Tick the box to accept the terms" in refused.content.decode()
    assert not AnonymousTermsAcceptance.objects.exists()

    accepted = client.post(terms_url, {"accept": "on"}, follow=True)
    assert _messages(accepted) == [str(TERMS_ACCEPTED)]
    link = accepted.context["download_url"]
    assert link.startswith(f"{download_url}?acceptance=")
    assert link.replace("&", "&amp;") in accepted.content.decode()
    # The confirmation is said once.
    assert _messages(client.get(accepted.redirect_chain[-1][0])) == []

    file = client.get(link)
    assert file.status_code == 200
    assert file["Content-Disposition"].startswith("attachment")
    assert b"<svg" in b"".join(file.streaming_content)
    assert AssetDownload.objects.get().user is None
    assert AnonymousTermsAcceptance.objects.get().download == AssetDownload.objects.get()
    assert settings.SESSION_COOKIE_NAME not in client.cookies  # the visitor needed no session

    # The same link again asks for the terms again.
    again = client.get(link)
    assert again.status_code == 302 and again["Location"] == terms_url
    assert AssetDownload.objects.count() == 1


def test_the_terms_form_needs_its_csrf_token(public_asset):
    from django.test import Client

    variant = public_asset.variants.first()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("brand:download_terms", args=[variant.pk]), {"accept": "on"})
    assert response.status_code == 403
    assert not AnonymousTermsAcceptance.objects.exists()


def test_a_public_file_without_terms_downloads_straight_away(client, library):
    asset = make_asset(title="Icon")
    response = client.get(reverse("brand:download", args=[asset.variants.first().pk]))
    assert response.status_code == 200
    assert AssetDownload.objects.get().user is None
    assert (
        client.get(reverse("brand:download_terms", args=[asset.variants.first().pk])).status_code
        == 404
    )


@pytest.mark.parametrize("level", [AccessLevel.REGISTERED, AccessLevel.PROGRAMME_STAFF])
def test_files_for_registered_people_or_staff_still_need_signing_in(client, library, terms, level):
    variant = make_asset(usage_terms=terms, access_level=level).variants.first()
    for url in (
        reverse("brand:download", args=[variant.pk]),
        reverse("brand:download_terms", args=[variant.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("brand:download_terms", args=[variant.pk]), {"accept": "on"})[
        "Location"
    ].startswith("/accounts/login/")
    assert not AnonymousTermsAcceptance.objects.exists()
    assert not AssetDownload.objects.exists()


def test_an_unpublished_file_does_not_exist_for_visitors(client, library, terms):
    asset = make_asset(usage_terms=terms, published_at=timezone.now() + timezone.timedelta(days=2))
    variant = asset.variants.first()
    assert client.get(reverse("brand:download", args=[variant.pk])).status_code == 404
    assert client.get(reverse("brand:download_terms", args=[variant.pk])).status_code == 404


def test_signed_in_people_are_sent_to_accept_the_terms_once(client, public_asset):
    variant = public_asset.variants.first()
    client.force_login(AffiliationFactory().user)
    response = client.get(reverse("brand:download_terms", args=[variant.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("brand:terms", args=[public_asset.usage_terms_id])
    )
    assert not AnonymousTermsAcceptance.objects.exists()


def test_the_asset_page_tells_visitors_each_download_asks_for_the_terms(client, public_asset):
    page = client.get(reverse("brand:asset", args=[public_asset.pk])).content.decode()
    assert "Each download asks you to accept the “Interreg brand terms”" in page


def test_anonymous_downloads_stay_anonymous_in_the_statistics(public_asset):
    variant = public_asset.variants.first()
    for _round in range(2):
        acceptance = services.anonymous_terms_accept(variant=variant)
        services.anonymous_download_record(
            variant=variant, token=services.acceptance_token(acceptance)
        )
    services.downloads_record(user=AnonymousUser(), variants=[variant])
    statistics = download_statistics()
    assert statistics["total"] == 3
    assert statistics["anonymous_acceptances"] == 2
