import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from portal.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, ProgrammeFactory, UserFactory, totp_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 42"


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_sends_a_verification_mail_through_the_task_queue(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new.person@example.org",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "accept_privacy_notice": "on",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.person@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    assert not EmailAddress.objects.get(email="new.person@example.org").verified


def test_unverified_users_cannot_sign_in_until_they_confirm(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="pending@example.org", verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_login"), {"login": "pending@example.org", "password": DEFAULT_PASSWORD}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    link = _confirmation_link(mailoutbox[-1])
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(email="pending@example.org").verified
    signed_in = client.post(
        reverse("account_login"), {"login": "pending@example.org", "password": DEFAULT_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="pending@example.org").pk)


def _sign_up(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": email,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "accept_privacy_notice": "on",
            },
        )
    assert response.status_code == 302


def test_account_emails_name_the_site_and_link_to_its_address(
    client, home, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_BASE_URL = "https://portal.example.org"
    _sign_up(client, "new.person@example.org", django_capture_on_commit_callbacks)
    body = mailoutbox[-1].body
    assert body.startswith("Hello from Interreg portal!")
    assert "Thank you for using Interreg portal!\nportal.example.org" in body
    assert "register an account on portal.example.org" in body
    # The request came in as http://testserver: the link still takes the portal's address.
    assert re.search(r"https://portal\.example\.org/accounts/confirm-email/\S+/", body)
    assert "testserver" not in body

    UserFactory(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    body = mailoutbox[-1].body
    assert body.startswith("Hello from Interreg portal!")
    assert "https://portal.example.org/accounts/password/reset/key/" in body


def test_confirming_the_address_signs_in_the_person_who_signed_up(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    _sign_up(client, "new.person@example.org", django_capture_on_commit_callbacks)
    assert "_auth_user_id" not in client.session
    link = _confirmation_link(mailoutbox[-1])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new.person@example.org").verified
    user = User.objects.get(email="new.person@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_confirming_from_another_browser_verifies_without_signing_anyone_in(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    """Whoever else holds the link (a forwarded e-mail, a mail scanner) confirms the address
    but is not signed in: allauth signs in only the session that signed up."""
    _sign_up(client, "new.person@example.org", django_capture_on_commit_callbacks)
    link = _confirmation_link(mailoutbox[-1])
    other = Client()
    assert other.post(link).status_code == 302
    assert EmailAddress.objects.get(email="new.person@example.org").verified
    assert "_auth_user_id" not in other.session
    assert "_auth_user_id" not in client.session


def test_signup_errors_are_shown_next_to_the_field_and_keep_the_input(client, home):
    UserFactory(email="taken@example.org")
    response = client.post(
        reverse("account_signup"),
        {"email": "not-an-email", "password1": "short", "password2": "different"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="not-an-email"' in html
    assert 'id="id_email_error"' in html
    assert 'aria-invalid="true"' in html
    text = " ".join(html.split())
    assert "<title>Error: " in text
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in text


def test_wrong_password_is_refused_with_a_message(client, home, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert f'value="{user.email}"' in response.content.decode()


def test_sign_out_needs_a_post(client, home, user):
    client.force_login(user)
    assert client.get(reverse("account_logout")).status_code == 200  # a confirmation page
    assert "_auth_user_id" in client.session
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_and_change(
    client, home, user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    link = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mailoutbox[-1].body
    ).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_reset_for_unknown_address_does_not_reveal_it(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302  # same answer as for a known address


def test_wagtail_admin_sends_people_to_the_one_sign_in_form(client, home):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    signed_in_at = urlparse(response.redirect_chain[-1][0])
    assert signed_in_at.path == reverse("account_login")
    assert parse_qs(signed_in_at.query)["next"] == ["/admin/"]


def test_editors_reach_the_admin_after_password_and_second_factor(client, home, staff_user):
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff_user.email, "password": DEFAULT_PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_a_second_factor_must_enrol_one_first(client, home):
    editor = UserFactory(is_staff=True, wagtail_admin=True, totp_secret="")
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert client.get("/").status_code == 302  # everything waits for the second factor
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    member = UserFactory()
    client.force_login(member)
    assert client.get("/").status_code == 200  # members may choose MFA but need not


def test_people_without_admin_access_are_kept_out_of_the_admin(client, home, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert response.status_code != 200


def test_sign_in_refuses_open_redirects(client, home, user):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post(
            reverse("account_login") + f"?next={target}",
            {"login": user.email, "password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 302
        assert "evil.example" not in response["Location"]
        client.logout()


def test_the_sign_out_button_carries_a_csrf_token(client, home, user):
    client.force_login(user)
    html = client.get("/").content.decode()
    form = re.search(r'<form method="post" action="/accounts/logout/">(.*?)</form>', html, re.S)
    assert form and 'name="csrfmiddlewaretoken"' in form.group(1)


def test_changing_the_email_address_asks_for_the_password_again(client, home, user):
    client.force_login(user)  # a session with no recent password entry
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "second@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="second@example.org").exists()


def test_members_can_end_their_other_sessions(client, home, user):
    for address in ("192.0.2.10", "192.0.2.11"):
        other = Client(REMOTE_ADDR=address)
        other.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
        other.get("/")
    client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
    client.get(reverse("usersessions_list"))
    assert UserSession.objects.filter(user=user).count() == 3
    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200 and "192.0.2.10" in page.content.decode()
    client.post(reverse("usersessions_list"))
    assert UserSession.objects.filter(user=user).count() == 1


def test_site_staff_edit_programmes_in_the_admin(client, home, superuser):
    ProgrammeFactory(name="ESPON 2030", acronym="ESPON", slug="espon", strand="C")
    client.force_login(superuser)
    listing = client.get("/admin/programmes/")
    assert listing.status_code == 200
    assert "ESPON 2030" in listing.content.decode()
    assert client.get("/admin/affiliations/").status_code == 200


def test_a_code_from_the_previous_step_is_still_accepted(client, home):

    # A secret of its own: allauth remembers used codes per user id for a step, and ids are
    # reused between tests on SQLite.
    secret = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"
    staff_user = UserFactory(is_staff=True, totp_secret=secret)

    def code(steps_ago: int) -> str:
        return format_hotp_value(hotp_value(secret, int(time.time()) // 30 - steps_ago))

    if time.time() % 30 > 26:  # keep clear of a step boundary while the request runs
        time.sleep(30 - time.time() % 30 + 0.5)
    client.post(reverse("account_login"), {"login": staff_user.email, "password": DEFAULT_PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": code(3)}).status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.post(reverse("mfa_authenticate"), {"code": code(1)}).status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)
