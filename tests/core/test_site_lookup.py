"""The request's site is chosen as Wagtail chooses it, and read with its header and footer
settings and every page's view restrictions: one query for all, kept until the next publish."""

import pytest
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from portal.core.access import view_restrictions
from portal.core.cache import content_changed
from portal.core.middleware import _site_for
from portal.core.models import DEFAULT_FUNDING_STATEMENT, SiteChromeSettings
from tests.factories.pages import StandardPageFactory, make_footer_links
from tests.helpers import count_queries, query_log

pytestmark = pytest.mark.django_db


def _wagtails_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def test_the_site_is_the_one_wagtail_chooses_for_every_host_and_port(home):
    root = Page.objects.get(pk=home.pk)
    Site.objects.create(hostname="programmes.example", port=80, root_page=root)
    Site.objects.create(hostname="programmes.example", port=8080, root_page=root)
    Site.objects.create(hostname="brand.example", port=443, root_page=root)
    asked = [
        ("programmes.example", 80),
        ("programmes.example", 8080),
        ("programmes.example", 9000),  # two sites of the host, neither on the port: the default
        ("brand.example", 80),  # the one site of the host, on another port
        ("elsewhere.example", 80),
        ("localhost", 80),
        ("localhost", 8123),  # the default site's host on another port
    ]
    for hostname, port in asked:
        assert _site_for(hostname, port) == _wagtails_choice(hostname, port), (hostname, port)

    # Without a default site: the host's one site, or none.
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    for hostname, port in asked:
        assert _site_for(hostname, port) == _wagtails_choice(hostname, port), (hostname, port)
    assert _site_for("elsewhere.example", 80) is None
    assert _site_for("programmes.example", 9000) is None
    assert _site_for("brand.example", 80).hostname == "brand.example"


def test_the_footer_settings_come_with_the_site(client, home):
    page = StandardPageFactory(title="Guidance", slug="guidance")
    make_footer_links([page], contact_email="contact@example.eu")
    client.get(page.url)
    content_changed()  # nothing kept: the site and the settings are read again
    queries = query_log(client.get, page.url)
    assert not [sql for sql in queries if 'FROM "core_sitechromesettings"' in sql]
    assert [sql for sql in queries if 'JOIN "core_sitechromesettings"' in sql]
    assert "contact@example.eu" in client.get(page.url).content.decode()


def test_a_site_without_saved_settings_shows_the_standard_footer(client, home):
    page = StandardPageFactory(title="Guidance", slug="guidance")
    SiteChromeSettings.objects.all().delete()
    content_changed()
    html = client.get(page.url).content.decode()
    assert str(DEFAULT_FUNDING_STATEMENT) in html
    assert SiteChromeSettings.objects.count() == 1  # made as Wagtail makes it


def test_the_view_restrictions_are_read_with_the_site_and_kept_as_their_own_query_keeps_them(home):
    members = StandardPageFactory(title="Members", slug="members")
    staff = StandardPageFactory(title="Staff", slug="staff")
    alias = staff.create_alias(parent=home, update_slug="staff-copy")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(
        page=staff, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    PageViewRestriction.objects.create(page=alias, restriction_type=PageViewRestriction.LOGIN)

    def described(restrictions):
        return [
            (r.pk, r.restriction_type, r.password, r.page_id, r.page_path, r.page_alias_of)
            for r in restrictions
        ]

    content_changed()
    expected = described(view_restrictions())  # asked on its own
    assert [row[3] for row in expected] == [members.pk, staff.pk, alias.pk]
    assert expected[2][5] == staff.pk

    content_changed()
    queries, kept = count_queries(lambda: (_site_for("localhost", 80), view_restrictions())[1])
    assert queries == 1
    assert described(kept) == expected


def test_no_view_restriction_is_kept_as_none(home):
    content_changed()
    _site_for("localhost", 80)
    assert count_queries(view_restrictions) == (0, [])
