import io
import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from portal.accounts.models import ConsentRecord, Profile
from tests.core.test_uploads import huge_png_header
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory, StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def png(size=(400, 300), trailing=b"") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#ffcc00").save(buffer, format="PNG")
    return buffer.getvalue() + trailing


def profile_post(client, **overrides):
    data = {
        "first_name": "Maria",
        "last_name": "Rossi",
        "organisation": "Joint Secretariat",
        "country": "IT",
        "languages": ["it", "en"],
        "bio": "<p>Hello</p>",
        "email_frequency": "weekly",
        "is_public": "on",
        "show_organisation": "on",
        "show_country": "on",
        "show_languages": "on",
        "show_bio": "on",
        "show_avatar": "on",
    }
    data.update(overrides)
    return client.post(reverse("accounts:profile"), data)


def test_profile_is_saved_with_sanitised_bio(client, home, user):
    client.force_login(user)
    response = profile_post(
        client, bio='<p>Hi <script>alert(1)</script><a href="javascript:x">x</a></p>'
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert "<script" not in profile.bio and "javascript:" not in profile.bio
    assert profile.languages == ["it", "en"]
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Maria", "Rossi")


def test_avatar_is_made_afresh_so_no_payload_survives(client, home, user):
    client.force_login(user)
    upload = SimpleUploadedFile("me.png", png(trailing=b"<script>alert(1)</script>"), "image/png")
    assert profile_post(client, avatar=upload).status_code == 302
    profile = Profile.objects.get(user=user)
    stored = profile.avatar.read()
    assert b"<script>" not in stored
    with PILImage.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("PNG", (256, 256))
    assert profile.avatar.name.startswith("images/avatars/")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.png", huge_png_header(), "too large"),
        ("notes.png", b"not an image at all", "Upload a photo"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "Upload a photo"),
    ],
)
def test_bad_avatars_are_refused_and_the_rest_of_the_form_is_kept(
    client, home, user, name, content, message
):
    client.force_login(user)
    response = profile_post(
        client,
        organisation="Kept organisation",
        bio="A bio written with care",
        avatar=SimpleUploadedFile(name, content),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'id="id_avatar_error"' in html
    assert 'value="Kept organisation"' in html
    assert "A bio written with care</textarea>" in html and 'data-draft=""' in html
    assert not Profile.objects.get(user=user).avatar


def test_public_profile_shows_only_what_was_chosen(client, home, user):
    client.force_login(user)
    profile_post(client, show_organisation="", bio="<p>About me</p>")
    profile = Profile.objects.get(user=user)
    AffiliationFactory(user=user, listed=True, programme__name="Interreg Listed")
    AffiliationFactory(user=user, listed=False, programme__name="Interreg Unlisted")
    client.logout()
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "Maria Rossi" in html and "Italy" in html and "About me" in html
    assert "Joint Secretariat" not in html
    assert "Interreg Listed" in html and "Interreg Unlisted" not in html


def test_private_profiles_are_seen_by_their_owner_only(client, home, user):
    client.force_login(user)
    profile_post(client, is_public="")
    profile = Profile.objects.get(user=user)
    assert client.get(profile.get_absolute_url()).status_code == 200
    client.force_login(UserFactory())
    assert client.get(profile.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(profile.get_absolute_url()).status_code == 404


def test_signup_records_the_privacy_notice_version(
    client, home, django_capture_on_commit_callbacks
):
    password = "a brand new passphrase 42"
    data = {"email": "new@example.org", "password1": password, "password2": password}
    refused = client.post(reverse("account_signup"), data)
    assert "Please accept the privacy notice" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), {**data, "accept_privacy_notice": "on"})
    consent = ConsentRecord.objects.get(user__email="new@example.org")
    assert (consent.document, consent.version) == ("privacy_notice", "2026-11")
    assert Profile.objects.filter(user__email="new@example.org").exists()


def test_export_contains_every_section_and_no_secrets(client, home, user):
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    AffiliationFactory(user=user, programme__acronym="ALPS-X")
    ConsentRecord.objects.create(user=user, document="privacy_notice", version="2026-11")
    client.force_login(user)
    response = client.get(reverse("accounts:my_data_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="interreg-portal-data-')
    data = json.loads(response.content)
    assert set(data) >= {"account", "profile", "affiliations", "consents", "security"}
    assert data["account"]["email"] == user.email
    assert data["affiliations"][0]["programme"] == "ALPS-X"
    assert data["consents"][0]["version"] == "2026-11"
    assert data["security"]["second_factors"][0]["type"] == "totp"
    assert "JBSWY3DPEHPK3PXP" not in response.content.decode()


def test_deleting_the_account_needs_the_password_again_and_the_email(client, home):
    member = UserFactory(email="leaving@example.org")
    page = StandardPageFactory(title="Written by the member", slug="by-member", owner=member)
    client.force_login(member)
    response = client.get(reverse("accounts:account_delete"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": DEFAULT_PASSWORD})
    assert client.get(reverse("accounts:account_delete")).status_code == 200
    wrong = client.post(reverse("accounts:account_delete"), {"confirm_email": "other@example.org"})
    assert "Type your e-mail address exactly" in wrong.content.decode()
    done = client.post(reverse("accounts:account_delete"), {"confirm_email": "LEAVING@example.org"})
    assert done.status_code == 302
    assert not type(member).objects.filter(email="leaving@example.org").exists()
    page.refresh_from_db()
    assert page.owner is None  # the content stays, without its author
    assert "_auth_user_id" not in client.session
