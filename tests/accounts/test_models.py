import pytest
from django.db import IntegrityError

from portal.accounts.models import Programme, User

pytestmark = pytest.mark.django_db


def test_users_are_identified_by_email_without_a_username():
    user = User.objects.create_user(email="Ana.Lopez@Example.ORG", password="a long password 1")
    assert user.email == "Ana.Lopez@example.org"  # the domain is normalised
    assert not hasattr(user, "username") or user.username is None
    assert User.USERNAME_FIELD == "email"
    assert user.check_password("a long password 1")
    assert user.display_name == "Ana.Lopez"


def test_email_addresses_are_unique_regardless_of_case():
    User.objects.create_user(email="someone@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="SOMEONE@example.org")


def test_natural_key_lookup_ignores_case():
    user = User.objects.create_user(email="case@example.org")
    assert User.objects.get_by_natural_key("CASE@example.org") == user


def test_superuser_flags():
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 12)
    assert admin.is_staff and admin.is_superuser
    with pytest.raises(ValueError):
        User.objects.create_superuser(email="bad@example.org", is_staff=False)
    with pytest.raises(ValueError):
        User.objects.create_user(email="")


@pytest.mark.parametrize(
    ("name", "acronym", "shown"),
    [
        ("Interreg Madeira-Azores-Canarias (MAC)", "MAC", "Interreg Madeira-Azores-Canarias (MAC)"),
        ("Interreg Slovakia-Austria", "SK-AT", "Interreg Slovakia-Austria (SK-AT)"),
    ],
)
def test_a_programme_is_named_with_its_acronym_once(name, acronym, shown):
    assert str(Programme(name=name, acronym=acronym)) == shown
