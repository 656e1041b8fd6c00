"""The public learner record and the holder's download of all their credentials."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from academy import open_badges, services
from academy.models import Certificate
from academy.selectors import CERTIFICATES_PER_ARCHIVE, CERTIFICATES_PER_PAGE
from portal.accounts.services import profile_for
from tests.factories import UserFactory
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, queries_at_10_and_1000

pytestmark = pytest.mark.django_db

ARCHIVE_URL = reverse("academy:my_credentials_archive")


@pytest.fixture(autouse=True)
def _verifiers_are_not_rate_limited(settings):
    settings.CERTIFICATE_CHECKS_PER_MINUTE = 10_000


def _issue(holder, number=1, **extra):
    return services.certificate_issue(
        kind=extra.pop("kind", Certificate.Kind.SLAM_COACHING),
        source_key=f"record:{holder.pk}:{number}",
        holder=holder,
        title=extra.pop("title", f"Interreg Slam coach {number}"),
        completed_on=timezone.localdate(),
        learning_outcomes=["Coach a team"],
        **extra,
    )


def _show_record(user, shown=True):
    profile = profile_for(user)
    profile.credentials_public = shown
    profile.save(update_fields=["credentials_public"])
    return reverse("academy:learner_record", kwargs={"public_id": profile.public_id})


def _bulk_certificates(holder, numbers):
    Certificate.objects.bulk_create(
        Certificate(
            code=f"REC{number:07}",
            kind=Certificate.Kind.SLAM_COACHING,
            source_key=f"record-bulk:{number}",
            holder=holder,
            holder_name="Łucja Dvořák",
            title=f"Record entry {number}",
            completed_on=timezone.localdate(),
        )
        for number in numbers
    )


# The record ----------------------------------------------------------------------------------


def test_the_record_is_off_by_default(client, learner):
    _issue(learner)
    profile = profile_for(learner)
    assert profile.credentials_public is False
    url = reverse("academy:learner_record", kwargs={"public_id": profile.public_id})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "holder", "another user"])
def test_an_unshown_record_is_not_found_for_anyone(client, learner, other_learner, who):
    _issue(learner)
    url = _show_record(learner, shown=False)
    if who == "holder":
        client.force_login(learner)
    elif who == "another user":
        client.force_login(other_learner)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "holder", "another user"])
def test_a_shown_record_lists_the_credentials_that_hold(client, learner, other_learner, who):
    kept = _issue(learner, 1, title="Coaching that holds")
    revoked = _issue(learner, 2, title="Coaching revoked")
    services.certificate_revoke(certificate=revoked, reason="Issued by mistake", by=None)
    _issue(learner, 3, title="Coaching expired", valid_until=timezone.now() - timedelta(days=1))
    lasting = _issue(
        learner, 4, title="Coaching that lasts", valid_until=timezone.now() + timedelta(days=400)
    )
    _issue(other_learner, 5, title="Someone else's coaching")
    url = _show_record(learner)
    if who == "holder":
        client.force_login(learner)
    elif who == "another user":
        client.force_login(other_learner)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Coaching that holds" in page and "Coaching that lasts" in page
    assert "Coaching revoked" not in page
    assert "Coaching expired" not in page
    assert "Someone else" not in page
    for certificate in (kept, lasting):
        assert certificate.get_absolute_url() in page
        credential = reverse("academy:certificate_credential", args=[certificate.code])
        assert f'href="{credential}" type="application/vc+jwt"' in page
        assert reverse("academy:certificate_badge", args=[certificate.code]) in page
    assert f'datetime="{timezone.localdate(lasting.valid_until).isoformat()}"' in page


def test_the_record_names_no_email_or_identity_hash(client, learner):
    certificate = _issue(learner)
    services.certificate_credential_token(certificate=certificate)
    url = _show_record(learner)
    assert learner.profile.public_id in url
    page = client.get(url).content.decode()
    local_part = learner.email.split("@")[0]
    assert learner.email not in page and local_part not in page
    assert "sha256$" not in page
    assert "Łucja Dvořák" in page


def test_without_a_name_the_record_does_not_fall_back_to_the_email(client):
    nameless = UserFactory(first_name="", last_name="", email="quiet.person@example.org")
    _issue(nameless)
    page = client.get(_show_record(nameless)).content.decode()
    assert "quiet.person" not in page


def test_the_record_is_shown_in_the_visitors_language(client, learner):
    _issue(learner)
    url = _show_record(learner)
    page = client.get(f"/fr{url}").content.decode()
    assert 'lang="fr"' in page
    assert "Page de vérification" in page


def test_switching_the_record_off_hides_it_at_once(client, learner):
    _issue(learner)
    url = _show_record(learner)
    assert client.get(url).status_code == 200
    _show_record(learner, shown=False)
    assert client.get(url).status_code == 404


def test_the_record_is_switched_on_in_the_profile_form(client, learner):
    client.force_login(learner)
    profile = profile_for(learner)
    form = client.get(reverse("accounts:profile")).content.decode()
    assert 'name="credentials_public"' in form
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Łucja",
            "last_name": "Dvořák",
            "email_frequency": "daily",
            "credentials_public": "on",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.credentials_public is True
    assert profile.is_public is False  # the profile itself stays as it was
    record = reverse("academy:learner_record", kwargs={"public_id": profile.public_id})
    assert record in client.get(reverse("accounts:profile")).content.decode()


def test_my_learning_links_the_record_only_when_shown(client, learner):
    _issue(learner)
    client.force_login(learner)
    my_learning = reverse("academy:my_learning")
    url = _show_record(learner, shown=False)
    assert url not in client.get(my_learning).content.decode()
    _show_record(learner)
    page = client.get(my_learning).content.decode()
    assert url in page
    assert ARCHIVE_URL in page


def test_the_record_keeps_its_queries_at_10_and_1000_certificates(client, learner):
    url = _show_record(learner)

    def grow(total):
        existing = Certificate.objects.filter(holder=learner).count()
        _bulk_certificates(learner, range(existing, total))

    few, many, response = queries_at_10_and_1000(client, url, grow)
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    certificates = response.context["certificates"]
    assert certificates.paginator.count == 1000
    assert len(certificates.object_list) == CERTIFICATES_PER_PAGE


def test_older_credentials_are_on_the_next_pages(client, learner):
    url = _show_record(learner)
    _bulk_certificates(learner, range(CERTIFICATES_PER_PAGE + 1))
    first = client.get(url).content.decode()
    last = client.get(url, {"page": 2}).content.decode()
    titles = [f"Record entry {number}<" for number in range(CERTIFICATES_PER_PAGE + 1)]
    assert sum(title in first for title in titles) == CERTIFICATES_PER_PAGE
    assert sum(title in last for title in titles) == 1


# Download all ------------------------------------------------------------------------------


def _archive(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="credentials-')
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_holder_downloads_all_their_credentials_and_each_verifies(client, learner):
    from tests.academy.test_open_badges import verify_independently

    course_like = _issue(learner, 1, kind=Certificate.Kind.COOPERATION_DAY_ORGANISER)
    coaching = _issue(learner, 2, valid_until=timezone.now() + timedelta(days=30))
    revoked = _issue(learner, 3)
    services.certificate_revoke(certificate=revoked, reason="Issued by mistake", by=None)
    _issue(UserFactory(), 4)
    client.force_login(learner)
    archive = _archive(client.get(ARCHIVE_URL))
    names = set(archive.namelist())
    expected = {f"{c.code}.{ext}" for c in (course_like, coaching) for ext in ("jwt", "png")}
    assert names == expected | {"manifest.json"}
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["credentials_held"] == manifest["credentials_in_archive"] == 2
    assert {entry["code"] for entry in manifest["credentials"]} == {
        course_like.code,
        coaching.code,
    }
    for entry in manifest["credentials"]:
        token = archive.read(entry["credential"]).decode()
        claims = open_badges.token_verify(token)
        independent = verify_independently(client, token)
        assert independent["id"] == claims["id"] == entry["verification_page"]
        badge = Image.open(io.BytesIO(archive.read(entry["badge"])))
        assert badge.format == "PNG"
        assert badge.text[open_badges.PNG_CREDENTIAL_KEYWORD] == token
    entry = next(e for e in manifest["credentials"] if e["code"] == coaching.code)
    assert entry["valid_until"] == coaching.valid_until.isoformat()


def test_the_archive_is_capped_and_says_so(client, learner):
    _bulk_certificates(learner, range(CERTIFICATES_PER_ARCHIVE + 2))
    client.force_login(learner)
    archive = _archive(client.get(ARCHIVE_URL))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["credentials_in_archive"] == CERTIFICATES_PER_ARCHIVE
    assert manifest["credentials_held"] == CERTIFICATES_PER_ARCHIVE + 2
    assert len(archive.namelist()) == 2 * CERTIFICATES_PER_ARCHIVE + 1


def test_another_user_downloads_only_their_own_empty_archive(client, learner, other_learner):
    _issue(learner)
    client.force_login(other_learner)
    archive = _archive(client.get(ARCHIVE_URL))
    assert archive.namelist() == ["manifest.json"]
    assert json.loads(archive.read("manifest.json"))["credentials"] == []


def test_anonymous_visitors_are_sent_to_sign_in(client, learner):
    _issue(learner)
    response = client.get(ARCHIVE_URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_archive_filenames_keep_only_safe_characters():
    assert services.archive_filename("ABCD-1234", "jwt") == "ABCD-1234.jwt"
    assert services.archive_filename("../../etc/passwd", "png") == "etcpasswd.png"
    assert services.archive_filename("/..", "jwt") == "certificate.jwt"
