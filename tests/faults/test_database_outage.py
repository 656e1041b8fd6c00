"""With the database out of reach the portal says so: a 503 page with Retry-After instead of
the 500 page, while anonymous pages already in the page cache are still served; /healthz names
no back end to anonymous callers; everything answers again once the database is back."""

import json

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from .services import CuttableTcpPath

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TOKEN = "monitoring-token-for-the-tests"


@pytest.fixture
def database_path():
    """The portal's database connection goes through a path the test can cut."""
    original = dict(connection.settings_dict)
    path = CuttableTcpPath((original["HOST"] or "127.0.0.1", int(original["PORT"] or 5432)))
    path.restore()
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(path.port))
    yield path
    connection.close()
    connection.settings_dict.update(HOST=original["HOST"], PORT=original["PORT"])
    path.cut()


class Browser(Client):
    """What a browser gets from a running server: the handled response, not the exception
    behind it, and each request starting as a server's does, by dropping a database connection
    that failed (the test client skips that step to keep the test's own connection)."""

    def __init__(self):
        super().__init__(raise_request_exception=False)

    def request(self, **request):
        close_old_connections()
        return super().request(**request)


def test_a_database_outage_answers_503_and_serves_cached_pages(home, database_path, settings):
    settings.HEALTHZ_TOKEN = TOKEN
    visitor, client = Browser(), Browser()
    assert visitor.get("/academy/").status_code == 200  # now in the page cache
    assert client.get("/healthz").status_code == 200

    database_path.cut()
    cached = visitor.get("/academy/")
    assert cached.status_code == 200 and cached["X-Page-Cache"] == "hit"
    # The sign-in form itself is drawn from what the cache holds (the site, its footer);
    # signing in needs the database.
    signing_in = visitor.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    for path, response in [
        ("/community/", visitor.get("/community/")),
        ("/programmes/", visitor.get("/programmes/")),
        ("/accounts/login/", signing_in),
    ]:
        assert response.status_code == 503, path
        assert response["Retry-After"] == "30"
        assert "temporarily unavailable" in response.content.decode()
    anonymous = client.get("/healthz")
    assert anonymous.status_code == 503 and json.loads(anonymous.content) == {"status": "error"}
    monitored = client.get("/healthz", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert json.loads(monitored.content)["checks"]["database"] == "error"

    database_path.restore()
    assert visitor.get("/community/").status_code == 200
    assert client.get("/healthz").status_code == 200
