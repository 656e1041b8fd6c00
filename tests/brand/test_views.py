"""Access to assets and their files, terms, recorded downloads, ZIPs and the library."""

import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from defusedxml.ElementTree import fromstring
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from brand.models import Asset, AssetDownload, AssetVariant
from portal.accounts.models import ConsentRecord, Programme
from portal.core.access import (
    GROUP_ONLY,
    PROGRAMME_STAFF_ONLY,
    VERIFIED_EMAIL_NEEDED,
    AccessLevel,
)
from tests.factories import TEST_TOTP_SECRET, AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.brand import make_asset, make_brand_manager, make_library, make_terms
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def html_element(html: str, selector: str):
    element = BeautifulSoup(html, "html.parser").select_one(selector)
    assert element is not None, selector
    return element


@pytest.fixture
def library(home):
    return make_library()


@pytest.fixture
def staff_only(library):
    return make_asset(title="Staff template", access_level=AccessLevel.PROGRAMME_STAFF)


@pytest.fixture
def programme_staff():
    return AffiliationFactory(function="communication_officer").user


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _download(client, variant):
    return client.get(reverse("brand:download", args=[variant.pk]))


# Who may download a staff-only file ----------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, staff_only):
    variant = staff_only.variants.first()
    response = _download(client, variant)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.get(reverse("brand:asset", args=[staff_only.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AssetDownload.objects.exists()


@pytest.mark.parametrize(
    ("make_person", "message"),
    [
        (lambda: UserFactory(verified=False), VERIFIED_EMAIL_NEEDED),
        (lambda: UserFactory(), PROGRAMME_STAFF_ONLY),
        (lambda: AffiliationFactory(status="pending").user, PROGRAMME_STAFF_ONLY),
        (lambda: AffiliationFactory(function="project_partner").user, PROGRAMME_STAFF_ONLY),
    ],
    ids=["unverified", "no affiliation", "pending affiliation", "project partner"],
)
def test_people_without_an_approved_staff_affiliation_are_refused(
    client, staff_only, make_person, message
):
    client.force_login(make_person())
    variant = staff_only.variants.first()
    for url in (
        reverse("brand:download", args=[variant.pk]),
        reverse("brand:preview", args=[variant.pk]),
        reverse("brand:asset", args=[staff_only.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert str(message) in response.content.decode()
    response = client.post(reverse("brand:zip"), {"variants": [variant.pk]})
    assert response.status_code == 403
    assert not AssetDownload.objects.exists()


def test_no_media_address_reaches_a_restricted_file(client, staff_only, programme_staff):
    variant = staff_only.variants.first()
    stored_name = variant.file.name
    # The file is not under MEDIA_ROOT at all, under any prefix.
    for url in (f"/media/{stored_name}", f"/media/private/{stored_name}", f"/{stored_name}"):
        assert client.get(url).status_code == 404, url
    # Its storage address leads to the checked download view.
    storage_url = variant.file.url
    response = client.get(storage_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("brand:download", args=[variant.pk])
    assert client.get(response["Location"]).status_code == 302  # on to sign in
    # Nothing on the asset page names the stored file.
    client.force_login(programme_staff)
    page = client.get(reverse("brand:asset", args=[staff_only.pk])).content.decode()
    assert stored_name not in page and stored_name.split("/")[-1] not in page


def test_approved_staff_download_and_each_download_is_recorded_once(
    client, staff_only, programme_staff
):
    client.force_login(programme_staff)
    variant = staff_only.variants.get(file_format="png", colour_version="full_colour")
    response = _download(client, variant)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert _body(response) == variant.file.open("rb").read()
    record = AssetDownload.objects.get()
    assert (record.user, record.variant, record.in_zip) == (programme_staff, variant, False)
    assert record.programme_id == programme_staff.affiliations.get().programme_id
    _download(client, variant)
    assert AssetDownload.objects.count() == 2  # a second download is a second record


def test_a_named_group_asset_is_for_that_group_and_site_staff(client, library, superuser):
    team = Group.objects.create(name="Brand partners")
    asset = make_asset(access_level=AccessLevel.GROUP, access_group=team)
    variant = asset.variants.first()
    outsider = AffiliationFactory().user
    client.force_login(outsider)
    response = _download(client, variant)
    assert response.status_code == 403
    assert str(GROUP_ONLY % {"group": "Brand partners"}) in response.content.decode()
    member = UserFactory()
    member.groups.add(team)
    client.force_login(member)
    assert _download(client, variant).status_code == 200
    client.force_login(superuser)
    assert _download(client, variant).status_code == 200


# Usage terms ---------------------------------------------------------------------------


def test_terms_are_accepted_once_before_the_first_download(client, library, programme_staff):
    terms = make_terms()
    asset = make_asset(usage_terms=terms)
    variant = asset.variants.first()
    client.force_login(programme_staff)
    response = _download(client, variant)
    assert response.status_code == 302
    terms_url = reverse("brand:terms", args=[terms.pk])
    assert response["Location"].startswith(terms_url)
    assert not AssetDownload.objects.exists()
    # Not ticking the box keeps the visitor on the page with the reason next to the box.
    page = client.post(terms_url, {"next": reverse("brand:asset", args=[asset.pk])})
    assert page.status_code == 200
    assert "Tick the box to accept the terms" in page.content.decode()
    download_url = reverse("brand:download", args=[variant.pk])
    response = client.post(terms_url, {"accept": "on", "next": download_url}, follow=True)
    # The confirmation is shown once, on the terms page, with the way on to the file.
    assert [str(message) for message in response.context["messages"]] == ["The terms are accepted."]
    assert response.redirect_chain[0][0].startswith(terms_url)
    assert response.context["next"] == download_url and response.context["next_is_download"]
    assert f'href="{download_url}"' in response.content.decode()
    assert list(client.get(response.redirect_chain[0][0]).context["messages"]) == []
    client.post(terms_url, {"accept": "on", "next": download_url})
    assert (
        ConsentRecord.objects.filter(user=programme_staff, version=terms.consent_version).count()
        == 1
    )
    assert _download(client, variant).status_code == 200
    assert AssetDownload.objects.count() == 1
    # A new version asks again.
    terms.version = "2"
    terms.save()
    assert _download(client, variant).status_code == 302


def test_the_terms_page_refuses_a_foreign_next_address(client, library, user):
    terms = make_terms()
    client.force_login(user)
    response = client.post(
        reverse("brand:terms", args=[terms.pk]), {"accept": "on", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")


# ZIP -------------------------------------------------------------------------------------


def test_three_files_download_as_one_streamed_zip_recorded_each_once(
    client, staff_only, programme_staff
):
    client.force_login(programme_staff)
    variants = list(staff_only.variants.order_by("sort_order"))
    response = client.post(
        reverse("brand:zip"),
        {"variants": [variant.pk for variant in variants], "asset_page": "/brand/"},
    )
    assert response.status_code == 200
    assert response.streaming
    archive = zipfile.ZipFile(io.BytesIO(_body(response)))
    assert archive.testzip() is None
    assert len(archive.namelist()) == 3 == len(set(archive.namelist()))
    assert {name.rsplit(".", 1)[1] for name in archive.namelist()} == {"svg", "png"}
    records = AssetDownload.objects.all()
    assert records.count() == 3 and all(record.in_zip for record in records)


def test_a_zip_without_a_choice_says_so(client, staff_only, programme_staff):
    client.force_login(programme_staff)
    page = reverse("brand:asset", args=[staff_only.pk])
    response = client.post(reverse("brand:zip"), {"asset_page": page}, follow=True)
    assert "Choose at least one file" in response.content.decode()
    assert not AssetDownload.objects.exists()


def test_a_zip_with_unaccepted_terms_keeps_the_choice(client, library, programme_staff):
    asset = make_asset(usage_terms=make_terms())
    client.force_login(programme_staff)
    chosen = list(asset.variants.values_list("pk", flat=True)[:2])
    page = reverse("brand:asset", args=[asset.pk])
    response = client.post(reverse("brand:zip"), {"variants": chosen, "asset_page": page})
    assert response.status_code == 302 and "/brand/terms/" in response["Location"]
    assert not AssetDownload.objects.exists()
    back = client.get(f"{page}?selected={chosen[0]}&selected={chosen[1]}").content.decode()
    assert back.count(" checked>") == 2


# Library, expiry and supersession ------------------------------------------------------


def test_the_library_shows_what_each_visitor_may_open_and_filters(client, library, staff_only):
    public = make_asset(title="Public logo", tags=["emblem"])
    response = client.get(library.url)
    listed = {asset.title: asset.locked for asset in response.context["assets"]}
    assert listed == {"Public logo": False, "Staff template": True}
    staff = AffiliationFactory().user
    client.force_login(staff)
    listed = {asset.title: asset.locked for asset in client.get(library.url).context["assets"]}
    assert listed == {"Public logo": False, "Staff template": False}
    assert [a.pk for a in client.get(library.url, {"q": "emblem"}).context["assets"]] == [public.pk]
    negative_svg = client.get(library.url, {"format": "svg", "colour": "negative"})
    assert list(negative_svg.context["assets"]) == []  # the negative file is a PNG
    negative_png = client.get(library.url, {"format": "png", "colour": "negative"})
    assert len(negative_png.context["assets"]) == 2


def test_an_expired_asset_leaves_the_library_and_points_to_its_successor(client, library):
    new = make_asset(title="Brand book 2027")
    old = make_asset(
        title="Brand book 2014",
        superseded_by=new,
        published_at=timezone.now() - timezone.timedelta(days=900),
        expires_at=timezone.now() - timezone.timedelta(days=1),
    )
    titles = [asset.title for asset in client.get(library.url).context["assets"]]
    assert titles == ["Brand book 2027"]
    page = client.get(reverse("brand:asset", args=[old.pk])).content.decode()
    assert "This asset has expired." in page
    assert reverse("brand:asset", args=[new.pk]) in page
    client.force_login(UserFactory())
    response = _download(client, old.variants.first())
    assert response.status_code == 403
    assert not AssetDownload.objects.exists()


def test_a_superseded_asset_carries_a_banner(client, library):
    new = make_asset(title="Logo 2.0")
    old = make_asset(title="Logo 1.0", superseded_by=new)
    page = client.get(reverse("brand:asset", args=[old.pk])).content.decode()
    assert "A newer version replaces this asset." in page


def test_an_unpublished_asset_does_not_exist_for_visitors(client, library):
    future = make_asset(published_at=timezone.now() + timezone.timedelta(days=3))
    assert client.get(reverse("brand:asset", args=[future.pk])).status_code == 404
    assert _download(client, future.variants.first()).status_code == 404


def test_the_library_keeps_its_queries_at_30_and_1000_assets(client, library):
    def seed(total):
        template = make_asset(title="Template asset", tags=["logo"])
        variants = list(template.variants.all())
        existing = Asset.objects.count()
        for number in range(existing, total):
            copy = Asset.objects.create(
                title=f"Asset {number}",
                kind="logo",
                published_at=template.published_at,
                cover=variants[0],
            )
            AssetVariant.objects.bulk_create(
                AssetVariant(
                    asset=copy,
                    file=variant.file.name,
                    preview=variant.preview.name,
                    file_format=variant.file_format,
                    sort_order=variant.sort_order,
                    colour_version=variant.colour_version,
                )
                for variant in variants
            )

    client.force_login(AffiliationFactory().user)
    client.get(library.url)  # warm up: sessions, site, settings
    seed(30)
    small, response = count_queries(client.get, library.url, {"kind": "logo", "page": 2})
    assert response.status_code == 200 and len(response.context["assets"]) == 6
    seed(1000)
    large, response = count_queries(client.get, library.url, {"kind": "logo", "page": 3})
    assert response.status_code == 200 and len(response.context["assets"]) == 24
    assert small == large


# Statistics ----------------------------------------------------------------------------


def test_statistics_are_for_brand_managers(client, staff_only, programme_staff):
    client.force_login(programme_staff)
    variant = staff_only.variants.first()
    _download(client, variant)
    _download(client, variant)
    url = reverse("brand_admin:statistics")
    editor = UserFactory(wagtail_admin=True, totp_secret=TEST_TOTP_SECRET)
    client.force_login(editor)
    assert client.get(url).status_code in {302, 403}
    manager = make_brand_manager()
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["total"] == 2
    assert response.context["top_assets"][0]["count"] == 2
    assert response.context["per_programme"][0]["count"] == 2
    export = client.get(reverse("brand_admin:statistics_export"))
    rows = export.content.decode().strip().splitlines()
    assert len(rows) == 3 and "Staff template" in rows[1]


def test_statistics_keep_their_queries_as_downloads_grow(client, staff_only, superuser):
    client.force_login(superuser)
    url = reverse("brand_admin:statistics")
    client.get(url)
    variant = staff_only.variants.first()

    def add(count):
        AssetDownload.objects.bulk_create(
            AssetDownload(asset=staff_only, variant=variant) for _ in range(count)
        )

    add(10)
    small, _response = count_queries(client.get, url)
    add(1000)
    large, response = count_queries(client.get, url)
    assert response.context["total"] == 1010
    assert small == large


# The logo generator ----------------------------------------------------------------------


def test_the_logo_generator_is_for_signed_in_people_and_says_so(client, library, user):
    generator_url = reverse("brand:logo_generator")
    response = client.get(generator_url, {"layout": "vertical"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Why you need to sign in" in page
    assert "you do not need a programme affiliation" in page
    assert "/accounts/login/?next=/brand/logo-generator/%3Flayout%3Dvertical" in page
    assert "data-logo-form" not in page
    assert client.get(reverse("brand:logo_file", args=["svg"])).status_code == 302
    # The rule it states: any signed-in account, without an affiliation.
    client.force_login(user)
    assert "data-logo-form" in client.get(generator_url).content.decode()


def test_the_logo_generator_previews_and_serves_files(client, library, user):
    programme = ProgrammeFactory(name="Interreg VI-A Test-Land")
    client.force_login(user)
    query = {
        "programme": programme.slug,
        "language": "fr",
        "colour": "full_colour",
        "layout": "horizontal",
        "width": "800",
    }
    page = client.get(reverse("brand:logo_generator"), query)
    assert page.status_code == 200
    preview = html_element(page.content.decode(), "img[data-logo-image]")
    assert preview["lang"] == "fr"
    assert preview["alt"] == "Interreg Test-Land — Cofinancé par l’Union européenne"  # noqa: RUF001
    svg = client.get(reverse("brand:logo_file", args=["svg"]), query)
    assert svg["Content-Type"] == "image/svg+xml"
    png = client.get(reverse("brand:logo_file", args=["png"]), {**query, "download": "1"})
    assert png["Content-Disposition"].startswith("attachment;")

    assert Image.open(io.BytesIO(png.content)).width == 800
    bad = client.get(reverse("brand:logo_file", args=["png"]), {**query, "width": "99999"})
    assert bad.status_code == 400
    form_page = client.get(reverse("brand:logo_generator"), {**query, "project": "<script>"})
    assert "Use letters, digits" in form_page.content.decode()
    assert "<script>" not in form_page.content.decode().split("<main")[1]
    assert client.get(reverse("brand:logo_file", args=["exe"]), query).status_code == 404
    assert Programme.objects.count() >= 1


def test_the_logo_generator_names_each_language_in_itself(client, library, user):
    client.force_login(user)
    page = client.get(reverse("brand:logo_generator")).content.decode()
    select = html_element(page, "select[name=language]")
    options = {option["value"]: option for option in select.find_all("option")}
    assert len(options) == 24
    for code, own_name in (("de", "Deutsch"), ("mt", "Malti"), ("ga", "Gaeilge")):
        assert options[code]["lang"] == code
        assert options[code].get_text() == own_name
    assert options["el"].get_text() == "ελληνικά"
    assert options["en"].has_attr("selected")


def test_the_logo_preview_speaks_the_statement_s_language(client, library, user):
    programme = ProgrammeFactory(name="Interreg Danube Region")
    client.force_login(user)
    query = {
        "programme": programme.slug,
        "language": "mt",
        "project": "RIVKEEP",
        "colour": "full_colour",
        "layout": "horizontal",
    }
    page = client.get(reverse("brand:logo_generator"), query)
    preview = html_element(page.content.decode(), "img[data-logo-image]")
    assert preview["lang"] == "mt"
    assert preview["alt"] == "Interreg Danube Region RIVKEEP — Kofinanzjat mill-Unjoni Ewropea"
    svg = client.get(reverse("brand:logo_file", args=["svg"]), query)
    root = fromstring(svg.content)
    assert root.get("lang") == "mt"
    assert root.get("aria-label") == preview["alt"]


def test_my_data_includes_downloads_and_a_deleted_account_leaves_anonymous_statistics(
    client, staff_only, programme_staff
):
    client.force_login(programme_staff)
    _download(client, staff_only.variants.first())
    data = client.get(reverse("accounts:my_data_export")).json()
    assert [row["asset"] for row in data["brand_downloads"]] == ["Staff template"]
    programme_staff.delete()
    record = AssetDownload.objects.get()
    assert record.user is None and record.programme_id is not None


# Locked assets ---------------------------------------------------------------------------


def _card(page: str, title: str) -> str:
    start = page.index(title)
    return page[start : page.index("</article>", start)]


def test_staff_only_assets_show_a_lock_and_the_way_in_to_each_visitor(client, library, staff_only):
    jury = Group.objects.create(name="Jury")
    group_only = make_asset(title="Jury kit", access_level=AccessLevel.GROUP, access_group=jury)
    registered = make_asset(title="Letterhead", access_level=AccessLevel.REGISTERED)
    asset_url = reverse("brand:asset", args=[staff_only.pk])
    preview_url = reverse("brand:preview", args=[staff_only.cover_id])

    page = client.get(library.url).content.decode()
    card = _card(page, "Staff template")
    assert "For programme staff" in card and "Sign in to download it" in card
    assert "/accounts/login/?next=" in card
    assert asset_url not in card and preview_url not in card
    assert "For registered users" in _card(page, "Letterhead")
    assert group_only.title not in page

    client.force_login(UserFactory())
    page = client.get(library.url).content.decode()
    card = _card(page, "Staff template")
    assert "Ask for a programme affiliation to download it" in card
    assert reverse("accounts:affiliations") in card
    assert reverse("brand:asset", args=[registered.pk]) in page  # theirs to download now
    # The lock is only a signpost: the file stays refused.
    assert _download(client, staff_only.variants.first()).status_code == 403
    assert client.get(preview_url).status_code == 403

    client.force_login(AffiliationFactory().user)
    page = client.get(library.url).content.decode()
    assert "For programme staff" not in page and asset_url in page


def test_a_person_with_an_unconfirmed_address_is_asked_to_confirm_it(client, library, staff_only):
    client.force_login(UserFactory(verified=False))
    card = _card(client.get(library.url).content.decode(), "Staff template")
    assert "Confirm your e-mail address to download it" in card


def test_the_library_with_locked_assets_keeps_its_queries_at_10_and_1000(client, library):
    template = make_asset(title="Template asset", access_level=AccessLevel.PROGRAMME_STAFF)
    variants = list(template.variants.all())

    def seed(total):
        existing = Asset.objects.count()
        copies = Asset.objects.bulk_create(
            Asset(
                title=f"Asset {number}",
                kind="logo",
                published_at=template.published_at,
                access_level=[AccessLevel.PUBLIC, AccessLevel.PROGRAMME_STAFF][number % 2],
                cover=variants[0],
            )
            for number in range(existing, total)
        )
        AssetVariant.objects.bulk_create(
            AssetVariant(
                asset=copy,
                file=variant.file.name,
                preview=variant.preview.name,
                file_format=variant.file_format,
                sort_order=variant.sort_order,
                colour_version=variant.colour_version,
            )
            for copy in copies
            for variant in variants
        )

    client.get(library.url)  # warm up: site, settings
    seed(10)
    small, response = count_queries(client.get, library.url, {"kind": "logo"})
    assert response.status_code == 200 and len(response.context["assets"]) == 10
    assert any(asset.locked for asset in response.context["assets"])
    seed(1000)
    large, response = count_queries(client.get, library.url, {"kind": "logo", "page": 3})
    assert response.status_code == 200 and len(response.context["assets"]) == 24
    assert small == large
