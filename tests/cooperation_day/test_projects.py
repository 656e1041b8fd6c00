"""An event names its project as keep.eu records it: by keep.eu id or acronym in the form, a
link to the project's page on the event's page, and the project on the organiser's
certificate."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.certificate_pdf import render_certificate_pdf
from academy.models import CertificateTemplate
from campaigns.cooperation_day import services
from campaigns.cooperation_day.demo import _link_keep_projects
from campaigns.cooperation_day.forms import EventForm
from campaigns.cooperation_day.models import Event
from campaigns.forms import PROJECT_AMBIGUOUS, PROJECT_UNKNOWN
from tests.academy.pdf_text import pdf_text
from tests.factories import ProgrammeFactory
from tests.factories.cooperation_day import make_event
from tests.factories.hub import ProjectFactory

from .test_views import _form_data

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(1)">'


@pytest.fixture
def project(programme):
    return ProjectFactory(
        keep_id="34797", acronym="CARSO-KRAS", name="The Karst: one landscape, two countries"
    )


def _post(client, edition, programme, **overrides):
    return client.post(
        reverse("cooperation_day:event_create"),
        _form_data(edition, programme, action="draft", **overrides),
    )


def _form(edition, programme, **overrides):
    data = _form_data(edition, programme, **overrides)
    return EventForm(data, edition=edition)


def test_the_form_finds_the_project_by_its_keep_eu_id(edition, programme, project):
    form = _form(edition, programme, project=" 34797 ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["project"] == project


def test_the_form_finds_the_project_by_its_acronym_in_any_case(edition, programme, project):
    form = _form(edition, programme, project="carso-kras")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["project"] == project


def test_an_empty_field_names_no_project_and_the_web_address_stays(edition, programme, project):
    form = _form(edition, programme, project="")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["project"] is None
    assert form.cleaned_data["project_url"] == "https://keep.eu/projects/db"


def test_an_unknown_project_is_named_next_to_the_field_and_kept(
    client, edition, programme, organiser, project
):
    client.force_login(organiser)
    response = _post(client, edition, programme, project="KARST-X")
    assert response.status_code == 200
    assert Event.objects.count() == 0
    form = response.context["form"]
    assert form.errors["project"] == [PROJECT_UNKNOWN % {"value": "KARST-X"}]
    html = response.content.decode()
    assert 'id="id_project_error"' in html
    assert 'name="project" value="KARST-X"' in html


def test_an_acronym_several_projects_share_asks_for_the_keep_eu_id(edition, programme, project):
    other = ProjectFactory(keep_id="3120", acronym="Carso-Kras", period="2014-2020")
    form = _form(edition, programme, project="CARSO-KRAS")
    assert not form.is_valid()
    message = PROJECT_AMBIGUOUS % {
        "value": "CARSO-KRAS",
        "ids": f"{other.keep_id}, {project.keep_id}",
    }
    assert form.errors["project"] == [message]
    # The id settles it.
    assert _form(edition, programme, project="3120").is_valid()


def test_a_project_named_on_keep_eu_gives_its_name_and_acronym_when_left_empty(
    client, edition, programme, organiser, project
):
    client.force_login(organiser)
    response = _post(
        client, edition, programme, project="34797", project_name="", project_acronym=""
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.project == project
    assert (event.project_name, event.project_acronym) == (project.name, project.acronym)


def test_editing_shows_the_project_s_keep_eu_id(client, edition, programme, organiser, project):
    event = make_event(edition, programme, organiser, status=Event.Status.DRAFT, project=project)
    client.force_login(organiser)
    response = client.get(reverse("cooperation_day:event_edit", args=[event.public_id]))
    assert 'name="project" value="34797"' in response.content.decode()


def test_edits_to_a_published_event_keep_the_new_project_aside_until_approved(
    edition, programme, organiser, moderator, project
):
    event = make_event(edition, programme, organiser)
    values = {name: getattr(event, name) for name in Event.EDITABLE_FIELDS}
    services.event_update(event=event, user=organiser, values={**values, "project": project})
    event.refresh_from_db()
    assert event.project is None
    assert event.pending_changes["project"] == project.pk
    services.event_submit(event=event, user=organiser)
    services.event_approve(event=event, moderator=moderator)
    event.refresh_from_db()
    assert event.project == project


def test_the_event_page_links_the_project_to_its_portal_page(
    client, edition, programme, organiser, project
):
    event = make_event(
        edition,
        programme,
        organiser,
        project=project,
        project_name=project.name,
        project_acronym=project.acronym,
        project_url="https://www.example.org/karst",
    )
    html = client.get(reverse("cooperation_day:event_detail", args=[event.public_id])).content
    html = html.decode()
    assert f'href="{project.get_absolute_url()}"' in html
    assert project.get_absolute_url() == "/projects/34797/"
    assert "https://www.example.org/karst" not in html  # the project's page says it all


def test_an_event_without_a_keep_eu_project_still_links_its_web_address(
    client, edition, programme, organiser
):
    event = make_event(
        edition,
        programme,
        organiser,
        project_name="Danube Bridges",
        project_url="https://www.example.org/bridges",
    )
    html = client.get(reverse("cooperation_day:event_detail", args=[event.public_id])).content
    assert b'href="https://www.example.org/bridges"' in html
    # No project page is linked (the navigation's "Projects" is the listing, /projects/).
    assert re.search(rb'href="/projects/[^"]+"', html) is None


def test_the_project_s_name_from_keep_eu_stays_text(client, edition, programme, organiser):
    project = ProjectFactory(name=PAYLOAD, acronym="XSS")
    event = make_event(edition, programme, organiser, project=project, project_name="")
    html = client.get(reverse("cooperation_day:event_detail", args=[event.public_id])).content
    html = html.decode()
    assert "<script>alert(1)" not in html and 'onerror="alert' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_what_was_typed_comes_back_as_text(client, edition, programme, organiser):
    client.force_login(organiser)
    html = _post(client, edition, programme, project=PAYLOAD[:60]).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html


def _reported(event, organiser):
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    event.refresh_from_db()
    return services.event_report(event=event, user=organiser, actual_participants=80)


def test_the_organiser_s_certificate_names_the_project(edition, programme, organiser, project):
    event = make_event(edition, programme, organiser, project=project)
    certificate = _reported(event, organiser)
    assert certificate.title == (
        f"Organiser of “Open day at the bridge” for the project CARSO-KRAS, "
        f"Cooperation Day {edition.year}"
    )
    pdf = render_certificate_pdf(
        certificate=certificate, template=CertificateTemplate.load(), verify_url="-"
    )
    assert "CARSO-KRAS" in pdf_text(pdf)


def test_without_a_keep_eu_project_the_certificate_names_the_event_only(
    edition, programme, organiser
):
    event = make_event(edition, programme, organiser, project_name="Danube Bridges")
    certificate = _reported(event, organiser)
    assert (
        certificate.title
        == f"Organiser of “Open day at the bridge”, Cooperation Day {edition.year}"
    )


def test_a_long_event_title_gives_way_in_the_certificate_s_title(edition, programme, organiser):
    project = ProjectFactory(acronym="KARST-" * 10)  # keep.eu's longest acronym: 60 characters
    event = make_event(edition, programme, organiser, project=project, title="Karst " * 26)
    certificate = _reported(event, organiser)
    assert len(certificate.title) == 255
    assert certificate.title.startswith("Organiser of “Karst Karst")
    assert certificate.title.endswith(
        f"…” for the project {'KARST-' * 10}, Cooperation Day {edition.year}"
    )


def test_the_demo_names_its_keep_eu_projects_once_they_are_imported(edition, organiser):
    programme = ProgrammeFactory(acronym="ITA-SLO")
    event = make_event(
        edition,
        programme,
        organiser,
        project_name="Heritage trails",
        project_url="https://keep.eu/",
        organiser_organisation="Heritage trails partnership",
        description="<p>The Heritage trails project invites everyone.</p>",
    )
    assert _link_keep_projects(edition) == 0  # not imported yet: the event stays as it is
    event.refresh_from_db()
    assert event.project is None and event.project_name == "Heritage trails"
    project = ProjectFactory(keep_id="34797", acronym="CARSO-KRAS", programme=programme)
    assert _link_keep_projects(edition) == 1
    event.refresh_from_db()
    assert event.project == project
    assert (event.project_acronym, event.project_url) == ("CARSO-KRAS", "")
    assert event.description == "<p>The CARSO-KRAS project invites everyone.</p>"
    assert event.organiser_organisation == "CARSO-KRAS partnership"
    assert _link_keep_projects(edition) == 0  # seeding again changes nothing


def test_a_project_gone_from_keep_eu_leaves_the_event_with_its_own_words(
    edition, programme, organiser, project
):
    event = make_event(edition, programme, organiser, project=project, project_name="Karst")
    project.delete()
    event.refresh_from_db()
    assert event.project is None and event.project_name == "Karst"
