"""/sitemap.xml lists the hub's public records after the pages, on the portal's base address:
every call, vacancies still taking applications, every keep.eu project, under every
language's prefix with the others as alternates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.hub import ProjectFactory
from tests.factories.vacancies import make_vacancy
from tests.hub.calls.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_calls_open_vacancies_and_projects(client, home, settings):
    call = CallFactory(closes_at=timezone.now() - timedelta(days=3))  # closed: its page stays
    open_vacancy = make_vacancy(title="Project officer")
    closed_vacancy = make_vacancy(
        title="Financial controller",
        published_at=timezone.now() - timedelta(days=40),
        closes_at=timezone.now() - timedelta(days=1),
    )
    project = ProjectFactory()

    content = client.get("/sitemap.xml").content.decode()
    base = settings.SITE_BASE_URL
    assert f"<loc>{base}/academy/</loc>" in content  # the pages first, as before
    assert f"<loc>{base}{call.get_absolute_url()}</loc>" in content
    assert f"<loc>{base}{open_vacancy.get_absolute_url()}</loc>" in content
    assert closed_vacancy.get_absolute_url() not in content
    assert f"<loc>{base}{project.get_absolute_url()}</loc>" in content


def test_each_record_is_listed_in_every_language_with_its_alternates(client, home, settings):
    call = CallFactory()
    content = client.get("/sitemap.xml").content.decode()
    base = settings.SITE_BASE_URL
    path = call.get_absolute_url()
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        assert f"<loc>{base}{prefix}{path}</loc>" in content
        assert f'hreflang="{code}" href="{base}{prefix}{path}"' in content
    assert f'hreflang="x-default" href="{base}{path}"' in content
