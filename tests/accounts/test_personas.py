"""One-click sign-in as the demo's personas: development only, refused everywhere else."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from portal.accounts.personas import PERSONAS, PERSONAS_BY_KEY, check_demo_personas_need_debug
from tests.factories import UserFactory
from tests.security.test_production_settings import manage

pytestmark = pytest.mark.django_db

LEARNER = PERSONAS_BY_KEY["learner"]


def persona_url(key="learner") -> str:
    return reverse("accounts:persona_sign_in", args=[key])


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.DEMO_PERSONAS = True
    return settings


def test_the_system_check_refuses_personas_without_debug(settings):
    settings.DEMO_PERSONAS = True
    settings.DEBUG = False
    errors = check_demo_personas_need_debug(None)
    assert [error.id for error in errors] == ["accounts.E001"]
    with pytest.raises(SystemCheckError, match=r"accounts\.E001"):
        call_command("check")
    settings.DEBUG = True
    assert check_demo_personas_need_debug(None) == []


def test_production_settings_keep_personas_off():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; from portal.accounts.personas import "
        "personas_enabled; print(settings.DEMO_PERSONAS, personas_enabled())",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False"


def test_development_settings_turn_them_on():
    from portal.settings import dev

    assert dev.DEMO_PERSONAS is True and dev.DEBUG is True


@pytest.mark.parametrize(
    ("debug", "flag"),
    [(False, False), (False, True), (True, False)],
    ids=["off", "no-debug", "no-flag"],
)
def test_persona_sign_in_is_absent_unless_both_debug_and_the_flag(client, settings, debug, flag):
    settings.DEBUG = debug
    settings.DEMO_PERSONAS = flag
    UserFactory(email=LEARNER.email)
    assert client.post(persona_url()).status_code == 404
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("account_login"))
    assert b"demo-personas" not in page.content


def test_one_click_signs_in_as_the_persona_and_lands_on_their_page(client, development):
    dario = UserFactory(email=LEARNER.email)
    response = client.post(persona_url())
    assert response.status_code == 302
    assert response["Location"] == LEARNER.lands_on
    assert client.session["_auth_user_id"] == str(dario.pk)


def test_the_sign_in_page_offers_each_persona_with_what_to_try(client, development):
    html = client.get(reverse("account_login")).content.decode()
    for persona in PERSONAS:
        assert f'action="{persona_url(persona.key)}"' in html
        assert escape(str(persona.try_this)) in html
    assert html.count('name="csrfmiddlewaretoken"') >= len(PERSONAS) + 1


def test_persona_sign_in_is_post_only_and_needs_the_csrf_token(development):
    UserFactory(email=LEARNER.email)
    client = Client(enforce_csrf_checks=True)
    assert client.get(persona_url()).status_code == 405
    assert client.post(persona_url()).status_code == 403
    assert "_auth_user_id" not in client.session


def test_an_unknown_persona_is_not_found(client, development):
    assert client.post(persona_url("superuser")).status_code == 404


def test_a_persona_the_database_lacks_sends_back_with_a_message(client, development):
    response = client.post(persona_url(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "Dario Rossi is not in this database yet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_make_run_lists_the_personas_in_development_only(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    out = StringIO()
    call_command("demo_admin", stdout=out)
    assert "Dario Rossi" not in out.getvalue()
    settings.DEBUG = True
    settings.DEMO_PERSONAS = True
    out = StringIO()
    call_command("demo_admin", stdout=out)
    for persona in PERSONAS:
        assert f"{persona.name}, {persona.role}: {persona.try_this}" in out.getvalue()
