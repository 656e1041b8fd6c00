"""A learner shows their certificates on a public page and downloads all their credentials;
a signed-out visitor reads the page, on a computer and on a phone."""

import io
import json
import re
import zipfile

import pytest
from django.utils import timezone

from academy import services
from academy.models import Certificate
from tests.e2e.conftest import _finish, _make_page, checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e


def test_learner_shows_their_record_and_downloads_all_credentials(site, page, browser):
    learner = UserFactory(email="ines@example.org", first_name="Inês", last_name="Costa")
    titles = ["Interreg Slam coach 2026", "Cooperation Day organiser 2026"]
    kinds = [Certificate.Kind.SLAM_COACHING, Certificate.Kind.COOPERATION_DAY_ORGANISER]
    for number, (title, kind) in enumerate(zip(titles, kinds, strict=True)):
        services.certificate_issue(
            kind=kind,
            source_key=f"journey:{number}",
            holder=learner,
            title=title,
            completed_on=timezone.localdate(),
        )

    visit(page, site.url + "/accounts/login/?next=/accounts/profile/")
    sign_in_from(page, learner.email)
    checked(page)
    page.get_by_label("Show my certificates on a public page").check()
    page.get_by_role("button", name="Save my profile").click()
    checked(page)

    visit(page, site.url + "/academy/my-learning/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all my credentials (ZIP)").click()
    with open(download_info.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = json.loads(archive.read("manifest.json"))
    assert sorted(entry["title"] for entry in manifest["credentials"]) == sorted(titles)
    page.get_by_role("link", name="See your public certificates").click()
    checked(page)
    record_url = page.url

    # Signed out, on a computer and on a phone.
    page.context.clear_cookies()
    visit(page, record_url, screenshot="academy-learner-record")
    assert page.get_by_role("heading", name="Inês Costa").is_visible()
    for title in titles:
        assert page.get_by_role("heading", name=title, exact=True).is_visible()
    page.get_by_role("link", name=re.compile(f"^Verification page.*{titles[0]}")).click()
    checked(page)
    assert page.get_by_text("Valid", exact=True).is_visible()

    context, phone, guard = _make_page(browser, {"width": 390, "height": 844})
    try:
        visit(phone, record_url, screenshot="academy-learner-record-phone")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        _finish(context, guard)
