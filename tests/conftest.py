import os

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from portal.core.cache import content_changed
from tests.factories import UserFactory

REQUIRE_POSTGRES = os.environ.get("PORTAL_REQUIRE_POSTGRES") == "1"


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if REQUIRE_POSTGRES and not on_postgres:
        raise pytest.UsageError("PORTAL_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL.")
    if on_postgres:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_page_cache():
    """Each test starts with no cached pages, without flushing a shared cache server."""
    content_changed()


@pytest.fixture
def home(db):
    from portal.home.demo import seed_site

    return seed_site()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, wagtail_admin=True)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def db_vendor(db):
    return connection.vendor


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as if its transaction committed, so its e-mails go out."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run
