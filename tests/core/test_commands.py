import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.accounts.models import User

pytestmark = pytest.mark.django_db


def _run_demo_admin() -> str:
    out = StringIO()
    call_command("demo_admin", stdout=out)
    return re.search(r"password: (\S+)", out.getvalue()).group(1)


def test_demo_admin_prints_working_credentials_and_keeps_them(settings, tmp_path, client, home):
    settings.BASE_DIR = tmp_path
    first = _run_demo_admin()
    second = _run_demo_admin()
    assert first == second
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser and admin.check_password(first)
    assert EmailAddress.objects.get(user=admin).verified
    assert (tmp_path / "var" / "demo-admin-password").stat().st_mode & 0o077 == 0
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": "admin@example.org", "password": first}
    )
    assert response["Location"] == "/admin/"


def test_demo_admin_resets_a_password_that_no_longer_matches(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    first = _run_demo_admin()
    (tmp_path / "var" / "demo-admin-password").unlink()
    second = _run_demo_admin()
    assert second != first
    assert User.objects.get(email="admin@example.org").check_password(second)


def test_seed_demo_refuses_a_negative_bulk_size():
    with pytest.raises(CommandError):
        call_command("seed_demo", bulk=-1)
