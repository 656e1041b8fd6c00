"""Projects come from keep.eu: the admin lists, searches and inspects them but offers no way to
edit one. Themes are the editors' to keep."""

import pytest
from django.urls import reverse

from hub.models import Theme
from tests.factories.hub import PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory(acronym="CROSSCARE", name="Emergency care without borders")
    PartnerFactory(project=project)
    return project


def test_administrators_list_search_and_inspect_projects(client, superuser, project):
    client.force_login(superuser)
    listing = client.get(reverse("hub_projects:index"), {"q": "crosscare"})
    assert listing.status_code == 200
    assert "Emergency care without borders" in listing.content.decode()
    inspect = client.get(reverse("hub_projects:inspect", args=[project.pk]))
    assert inspect.status_code == 200
    assert project.keep_id in inspect.content.decode()


def test_nobody_adds_edits_or_deletes_a_project_in_the_admin(client, superuser, project):
    client.force_login(superuser)
    assert (
        reverse("hub_projects:add")
        not in client.get(reverse("hub_projects:index")).content.decode()
    )
    for url in (
        reverse("hub_projects:add"),
        reverse("hub_projects:edit", args=[project.pk]),
        reverse("hub_projects:delete", args=[project.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.post(reverse("hub_projects:edit", args=[project.pk]), {"acronym": "CHANGED"})
    project.refresh_from_db()
    assert project.acronym == "CROSSCARE"


def test_editors_add_a_theme(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("hub_themes:add"), {"name": "Cross-border health", "slug": "cross-border-health"}
    )
    assert response.status_code == 302
    assert Theme.objects.filter(slug="cross-border-health").exists()


def test_members_do_not_open_the_projects_admin(client, user, project):
    client.force_login(user)
    response = client.get(reverse("hub_projects:index"))
    assert response.status_code in (302, 403)
