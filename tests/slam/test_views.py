"""The Slam's pages: applying, videos, results; what bad input and closed phases get back."""

import itertools

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.slam import selectors, services
from campaigns.slam.models import SlamApplication, SlamJuror, SlamReview, SlamVideo, SlamVote
from tests.factories import UserFactory
from tests.factories.slam import (
    application_values,
    make_applicant,
    make_application,
    make_slam_edition,
    score_application,
)

pytestmark = pytest.mark.django_db


def test_no_application_or_edit_after_the_deadline(client, home, programme, applicant):
    edition = make_slam_edition(phase="review")
    with pytest.raises(ValidationError) as error:
        services.application_save(
            edition=edition, user=applicant, values=application_values(programme)
        )
    assert error.value.messages == [str(services.APPLICATIONS_CLOSED)]
    client.force_login(applicant)
    response = client.get(reverse("slam:apply") + f"?edition={edition.year}")
    assert "Applications for this edition are closed." in response.content.decode()


def test_the_application_form_keeps_what_was_typed_and_names_the_problem(
    client, home, programme, applicant
):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    response = client.post(
        reverse("slam:apply") + f"?edition={edition.year}",
        {
            "programme": programme.pk,
            "project_name": "River Stories",
            "project_acronym": "",
            "story": "x" * 3001,
            "action": "draft",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "project_acronym" in errors and "story" in errors
    html = response.content.decode()
    assert "River Stories" in html
    assert "x" * 3001 + "</textarea>" in html  # the story too, in a text area kept as a draft
    assert html.count('data-draft=""') == 2  # the story and the theme fit
    assert not SlamApplication.objects.exists()


def test_a_refused_submission_stays_a_draft_that_the_corrected_retry_submits(
    client, home, programme, applicant, outbox, django_capture_on_commit_callbacks
):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    typed = {
        "programme": programme.pk,
        "project_name": "River Stories",
        "project_acronym": "RIST",
        "story": "Ana crosses the bridge every morning.",
        "theme_fit": "",  # needed to submit, not to save a draft
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        "action": "submit",
    }
    refused = client.post(reverse("slam:apply") + f"?edition={edition.year}", typed)
    assert refused.status_code == 200
    assert refused.context["form"].errors["theme_fit"] == [str(services.APPLICATION_NEEDED)]
    page = refused.content.decode()
    assert "cannot be submitted yet" in page and "Ana crosses the bridge" in page
    draft = SlamApplication.objects.get()
    assert draft.status == SlamApplication.Status.DRAFT and not outbox
    # The form now posts to the saved draft, so the retry updates it.
    retry_url = reverse("slam:application_edit", args=[draft.public_id])
    assert f'action="{retry_url}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url, {**typed, "theme_fit": "Borders become bridges."})
    assert response.status_code == 302
    assert response["Location"] == reverse("slam:my_applications")
    draft.refresh_from_db()
    assert draft.status == SlamApplication.Status.SUBMITTED
    assert draft.theme_fit == "Borders become bridges."
    assert SlamApplication.objects.count() == 1
    assert len(outbox) == 1  # the applicant is told it is submitted


def test_shortlisted_projects_submit_a_checked_video(client, home, programme):
    edition = make_slam_edition(phase="shortlist")
    applicant = make_applicant(programme)
    application = make_application(edition, programme, applicant, status="shortlisted")
    client.force_login(applicant)
    url = reverse("slam:video", args=[application.public_id])
    fake = SimpleUploadedFile("film.mp4", b"<html>not a video</html>", "video/mp4")
    response = client.post(url, {"file": fake, "description": "Our film"})
    assert response.context["form"].errors["file"] == ["Upload an MP4 or WebM video file."]
    response = client.post(url, {"video_url": "https://evil.example/x", "description": "Film"})
    assert "Only YouTube and Vimeo" in response.context["form"].errors["video_url"][0]
    client.post(url, {"video_url": "https://youtu.be/dQw4w9WgXcQ", "description": "Our film"})
    assert SlamVideo.objects.get().video_url == "https://youtu.be/dQw4w9WgXcQ"


def test_results_wait_for_the_close_and_weigh_jury_and_public(client, home, programme):
    edition = make_slam_edition(phase="voting", jury_weight=60)
    applicant = make_applicant(programme)
    loved, praised = (
        make_application(edition, programme, applicant, status="shortlisted", project_name=name)
        for name in ("Loved", "Praised")
    )
    juror = UserFactory()
    SlamJuror.objects.create(edition=edition, user=juror)
    SlamReview.objects.create(application=loved, juror=juror, total=50)
    SlamReview.objects.create(application=praised, juror=juror, total=90)
    for _ in range(4):
        SlamVote.objects.create(edition=edition, voter=UserFactory(), application=loved)
    SlamVote.objects.create(edition=edition, voter=UserFactory(), application=praised)
    url = reverse("slam:results", args=[edition.year])
    assert "once the vote has closed" in client.get(url).content.decode()
    gallery = client.get(reverse("slam:gallery") + f"?edition={edition.year}")
    assert "4 votes" not in gallery.content.decode()  # no live counts in this edition
    SlamEdition = type(edition)
    SlamEdition.objects.filter(pk=edition.pk).update(vote_closes=edition.vote_opens)
    rows = selectors.results(edition=SlamEdition.objects.get(pk=edition.pk))
    # Loved: 0.6*50 + 0.4*100 = 70; Praised: 0.6*90 + 0.4*25 = 64.
    assert [(row.application.project_name, row.final_score) for row in rows] == [
        ("Loved", 70),
        ("Praised", 64),
    ]
    assert "Loved" in client.get(url).content.decode()


def test_a_declared_conflict_keeps_the_juror_out(client, judged):
    edition, (first, *_rest), (_chair, juror, _other) = judged
    score_application(edition, first, juror, 0, 0, conflict=True)
    with pytest.raises(ValidationError) as error:
        score_application(edition, first, juror, 10, 10)
    assert error.value.messages == [str(services.CONFLICT_DECLARED)]
    client.force_login(juror)
    page = client.get(reverse("slam:review", args=[first.public_id])).content.decode()
    assert "no longer review it" in page and "Save my review" not in page


def test_the_application_deadline_reads_the_european_way(client, home, applicant):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    html = client.get(reverse("slam:apply") + f"?edition={edition.year}").content.decode()
    deadline = timezone.localtime(edition.applications_close)
    assert f"until {deadline:%-d %B %Y, %H:%M}." in html
    assert "a.m." not in html and "p.m." not in html


def heading_levels(response) -> list[int]:
    """The levels of the page's headings, in order, from the whole page (header and footer
    included)."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [int(tag.name[1]) for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def assert_no_level_skipped(levels: list[int]) -> None:
    assert levels and levels[0] == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_the_slam_pages_headings_go_down_one_level_at_a_time(client, home, programme):
    edition = make_slam_edition(phase="voting")
    applicant = make_applicant(programme)
    entries = [
        make_application(edition, programme, applicant, status="shortlisted") for _ in range(2)
    ]
    SlamVideo.objects.create(
        application=entries[0], video_url="https://youtu.be/dQw4w9WgXcQ", description="Film"
    )
    gallery = client.get(reverse("slam:gallery") + f"?edition={edition.year}")
    assert heading_levels(gallery) == [1, 2, 2]  # the title, then one heading per project
    assert_no_level_skipped(heading_levels(client.get(edition.url)))

    client.force_login(applicant)
    video_page = client.get(reverse("slam:video", args=[entries[0].public_id]))
    assert_no_level_skipped(heading_levels(video_page))
    open_edition = make_slam_edition(edition.year + 1, phase="applications")
    application_page = client.get(reverse("slam:apply") + f"?edition={open_edition.year}")
    assert heading_levels(application_page) == [1, 2]
