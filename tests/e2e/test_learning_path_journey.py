"""A controller follows the learning path recommended for her job, earns its credential and
downloads it; anyone verifies it, and it reads revoked once an editor revokes it."""

import base64
import json

import pytest
from django.urls import reverse

from academy.models import Certificate, CoursePage, LearningPath
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory, UserFactory, totp_code
from tests.factories.academy import make_one_lesson_course, make_path

pytestmark = pytest.mark.e2e


def _payload(token: str) -> dict:
    segment = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def _take_course(page, site, title):
    """From My learning: open the path's next course, enrol and mark its one lesson done."""
    visit(page, site.url + "/academy/my-learning/")
    page.get_by_role("link", name=title).click()
    checked(page)
    page.get_by_role("button", name="Enrol", exact=True).click()
    checked(page)
    page.get_by_role("link", name="Start the course").click()
    checked(page)
    page.get_by_role("button", name="Mark as done and continue").click()
    checked(page)
    assert page.get_by_text("Congratulations, you have completed the course.").is_visible()


def test_controller_completes_her_path_and_its_credential_is_verified(site, page):
    LearningPath.objects.update(live=False)  # the demo's paths stay out of this journey
    checks, sampling = (
        make_one_lesson_course(title=title, kind=CoursePage.Kind.SHORT)
        for title in ("Checking expenditure", "Sampling for controllers")
    )
    path = make_path(
        checks[0],
        sampling[0],
        title="Controllers: the first steps",
        description="What a first-level controller checks in the first months.",
        validity_months=36,
    )
    make_path(checks[0], title="Auditors' path", audience=LearningPath.Audience.AUDITOR)
    controller = UserFactory(email="marta@example.org", first_name="Marta", last_name="Kovač")
    AffiliationFactory(user=controller, function="controller")

    page.goto(site.url + "/academy/my-learning/")
    sign_in_from(page, controller.email)
    checked(page, screenshot="path-my-learning")
    assert page.get_by_role("heading", name="Recommended for you").is_visible()
    assert page.get_by_role("link", name=path.title).is_visible()
    assert page.get_by_role("link", name="Auditors' path").count() == 0
    assert page.get_by_text("0 of 2 required courses done").is_visible()

    # The path's own page lists its steps.
    page.get_by_role("link", name=path.title).click()
    checked(page, screenshot="path-page")
    assert page.get_by_role("heading", name=path.title).is_visible()
    assert page.get_by_role("link", name="Sampling for controllers").is_visible()

    _take_course(page, site, "Checking expenditure")
    visit(page, site.url + "/academy/my-learning/")
    assert page.get_by_text("1 of 2 required courses done").is_visible()
    _take_course(page, site, "Sampling for controllers")

    visit(page, site.url + "/academy/my-learning/", screenshot="path-my-learning-done")
    assert page.get_by_text("2 of 2 required courses done").is_visible()
    certificate = Certificate.objects.get(holder=controller, learning_path=path)
    assert page.get_by_text(certificate.code).is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    checked(page, screenshot="path-my-learning-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_download() as download_info:
        page.locator(f'a[href$="/certificates/{certificate.code}/credential.jwt"]').click()
    assert download_info.value.suggested_filename == f"{certificate.code}.jwt"
    with open(download_info.value.path()) as downloaded:
        credential = _payload(downloaded.read())
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == path.title
    assert achievement["achievementType"] == "LearningProgram"

    verify_url = site.url + certificate.get_absolute_url()
    page.context.clear_cookies()
    visit(page, verify_url, screenshot="path-credential-check")
    assert page.get_by_text("Valid", exact=True).is_visible()
    assert page.get_by_text(path.title).first.is_visible()

    editor = UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    page.goto(site.url + reverse("academy_admin:certificate_revoke", args=[certificate.pk]))
    checked(page)
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    checked(page)
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url("**/revoke/")
    page.get_by_label("Reason").fill("Completed under another person's account.")
    page.get_by_role("button", name="Revoke", exact=True).click()
    page.wait_for_url(lambda url: "/revoke/" not in url)
    assert page.get_by_text(f"Certificate {certificate.code} revoked.").is_visible()

    page.context.clear_cookies()
    visit(page, verify_url)
    assert page.get_by_text("Revoked", exact=True).first.is_visible()
