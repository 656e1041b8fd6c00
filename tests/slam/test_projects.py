"""A Slam application names its project as keep.eu records it: by keep.eu id or acronym in the
form, and a link to the project's page wherever the entry is shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.forms import PROJECT_NAME_NEEDED, PROJECT_UNKNOWN
from campaigns.slam import selectors
from campaigns.slam.demo import _link_keep_projects
from campaigns.slam.models import SlamApplication
from tests.factories import ProgrammeFactory
from tests.factories.hub import ProjectFactory
from tests.factories.slam import make_applicant, make_application, make_slam_edition

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(1)">'


@pytest.fixture
def project(programme):
    return ProjectFactory(
        keep_id="16905", acronym="ERNE-CATCHMENT", name="The Erne and the shared waterways"
    )


def _apply(client, edition, programme, **typed):
    data = {
        "programme": programme.pk,
        "project_name": "",
        "project_acronym": "",
        "story": "Ana crosses the bridge every morning.",
        "theme_fit": "Borders become bridges.",
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        "action": "draft",
        **typed,
    }
    return client.post(reverse("slam:apply") + f"?edition={edition.year}", data)


def test_an_application_names_its_project_by_keep_eu_id_and_takes_its_name(
    client, home, programme, applicant, project
):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    response = _apply(client, edition, programme, project="16905")
    assert response.status_code == 302
    application = SlamApplication.objects.get()
    assert application.project == project
    assert application.project_name == "The Erne and the shared waterways"
    assert application.project_acronym == "ERNE-CATCHMENT"


def test_the_applicant_s_own_words_for_the_project_stay(
    client, home, programme, applicant, project
):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    _apply(client, edition, programme, project="erne-catchment", project_name="Living Erne")
    application = SlamApplication.objects.get()
    assert (application.project, application.project_name) == (project, "Living Erne")
    assert application.project_acronym == "ERNE-CATCHMENT"


def test_an_unknown_project_is_named_next_to_the_field_and_kept(
    client, home, programme, applicant, project
):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    response = _apply(client, edition, programme, project="99999")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["project"] == [PROJECT_UNKNOWN % {"value": "99999"}]
    # The name is not asked for again while the project is in question.
    assert "project_name" not in errors
    html = response.content.decode()
    assert 'id="id_project_error"' in html and 'name="project" value="99999"' in html
    assert not SlamApplication.objects.exists()


def test_without_a_keep_eu_project_the_name_is_needed(client, home, programme, applicant):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    response = _apply(client, edition, programme, project_acronym="RIST")
    assert response.context["form"].errors["project_name"] == [PROJECT_NAME_NEEDED]


def test_what_was_typed_comes_back_as_text(client, home, programme, applicant):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    html = _apply(client, edition, programme, project=PAYLOAD[:60]).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html


def test_the_gallery_and_results_link_the_project_to_its_page(client, home, programme, project):
    edition = make_slam_edition(phase="voting")
    applicant = make_applicant(programme)
    make_application(
        edition, programme, applicant, status="shortlisted", project=project, project_name="Erne"
    )
    make_application(edition, programme, applicant, status="shortlisted", project_name="Other")
    gallery = client.get(reverse("slam:gallery") + f"?edition={edition.year}").content.decode()
    assert gallery.count('href="/projects/16905/"') == 1
    assert "About the project<span" in gallery
    type(edition).objects.filter(pk=edition.pk).update(vote_closes=edition.vote_opens)
    results = client.get(reverse("slam:results", args=[edition.year])).content.decode()
    assert 'href="/projects/16905/">Erne</a>' in results


def test_the_juror_opens_the_project_s_page_from_the_review(client, judged, project):
    _edition, (first, *_rest), (_chair, juror, _other) = judged
    SlamApplication.objects.filter(pk=first.pk).update(
        project=project, project_url="https://www.example.org/erne"
    )
    client.force_login(juror)
    page = client.get(reverse("slam:review", args=[first.public_id])).content.decode()
    assert 'href="/projects/16905/"' in page
    assert "https://www.example.org/erne" not in page


def test_the_gallery_reads_the_projects_in_the_same_queries(client, home, programme):
    edition = make_slam_edition(phase="voting")
    applicant = make_applicant(programme)
    entries = [
        make_application(edition, programme, applicant, status="shortlisted") for _ in range(3)
    ]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = selectors.gallery(edition=edition)
            for entry in page.entries:
                str(entry.application.project)
        return len(captured)

    without = queries()
    for entry in entries:
        entry.project = ProjectFactory(programme=programme)
        entry.save(update_fields=["project"])
    assert queries() == without


def test_the_demo_names_its_keep_eu_projects_once_they_are_imported(home):
    programme = ProgrammeFactory(acronym="PEACEPLUS")
    edition = make_slam_edition(phase="review")
    application = make_application(
        edition,
        programme,
        make_applicant(programme),
        project_name="River Keepers",
        project_url="https://keep.eu/",
        story="Before River Keepers, nobody knew who to call.",
    )
    assert _link_keep_projects(edition) == 0  # not imported yet
    project = ProjectFactory(keep_id="16905", acronym="ERNE-CATCHMENT", programme=programme)
    assert _link_keep_projects(edition) == 1
    application.refresh_from_db()
    assert application.project == project and application.project_url == ""
    assert application.story == "Before ERNE-CATCHMENT, nobody knew who to call."
    assert _link_keep_projects(edition) == 0


def test_a_project_gone_from_keep_eu_leaves_the_application_with_its_own_words(
    home, programme, applicant, project
):
    edition = make_slam_edition(phase="review")
    application = make_application(edition, programme, applicant, project=project)
    project.delete()
    application.refresh_from_db()
    assert application.project is None and application.project_name
