"""An editor's first sign-in: the password once, then the second factor, then where they were
going (the `next` they signed in with)."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db

TARGET = "/admin/pages/"


@pytest.fixture
def new_editor(db):
    return UserFactory(is_staff=True, wagtail_admin=True, totp_secret="")


def _secret(html: str) -> str:
    return re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', html).group(1)


def test_first_sign_in_asks_for_the_password_once_and_keeps_next(client, home, new_editor):
    response = client.post(
        reverse("account_login") + f"?next={TARGET}",
        {"login": new_editor.email, "password": DEFAULT_PASSWORD},
        follow=True,
    )
    visited = [urlparse(url).path for url, _status in response.redirect_chain]
    assert reverse("account_reauthenticate") not in visited  # the password was just typed
    assert response.request["PATH_INFO"] == reverse("mfa_activate_totp")
    assert parse_qs(response.request["QUERY_STRING"])["next"] == [TARGET]

    secret = _secret(response.content.decode())
    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    assert done.request["PATH_INFO"] == reverse("mfa_view_recovery_codes")
    html = done.content.decode()
    assert 'id="recovery_codes"' in html and "****" not in html  # shown, to be saved
    assert f'href="{TARGET}"' in html
    assert client.get(TARGET).status_code == 200
    # Once there, the offer to continue is spent.
    assert f'href="{TARGET}"' not in client.get(reverse("mfa_view_recovery_codes")).content.decode()


def test_without_a_fresh_password_enrolling_still_asks_for_it(client, home, new_editor):
    client.force_login(new_editor)  # no password typed in this session
    response = client.get(TARGET)
    assert response["Location"] == f"{reverse('mfa_activate_totp')}?next=%2Fadmin%2Fpages%2F"
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_a_member_adding_a_second_factor_by_choice_confirms_the_password(client, home):
    member = UserFactory(totp_secret="")
    client.post(reverse("account_login"), {"login": member.email, "password": DEFAULT_PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_way_back_is_never_to_another_site(client, home, new_editor):
    client.force_login(new_editor)
    client.get("//evil.example/")
    assert "evil.example" not in str(dict(client.session))
