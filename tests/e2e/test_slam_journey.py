"""Interreg Slam journey: a programme officer applies, a juror scores, the chair shortlists,
a visitor votes and changes the vote, and after the close the results show the ranking."""

from urllib.parse import quote

import pytest
from django.utils import timezone

from campaigns.slam.models import (
    CAPTIONS_NEEDED,
    SlamApplication,
    SlamEditionPage,
    SlamJuror,
    SlamVideo,
    SlamVote,
)
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.slam import make_applicant, make_application, make_slam_edition

pytestmark = pytest.mark.e2e


def move_to(edition, phase):
    """Shift the edition's timeline so that today falls in `phase`."""
    SlamEditionPage.objects.filter(pk=edition.pk).update(
        **SlamEditionPage.timeline_in_phase(phase, now=timezone.now())
    )


def sign_in_as(page, site, user, path):
    page.context.clear_cookies()
    page.goto(site.url + "/accounts/login/?next=" + quote(path))
    sign_in_from(page, user.email)
    checked(page)


def test_from_application_to_results(site, page, mailoutbox):
    edition = make_slam_edition(phase="applications", jury_weight=50)
    programme = ProgrammeFactory(name="Interreg Euregio Meuse-Rhine", countries=["BE", "NL"])
    officer = make_applicant(programme, "officer@example.org")
    rival = make_application(
        edition, programme, make_applicant(programme), project_name="Twin Libraries"
    )
    chair, juror = UserFactory(email="chair@example.org"), UserFactory(email="jury@example.org")
    SlamJuror.objects.create(edition=edition, user=chair, is_chair=True)
    SlamJuror.objects.create(edition=edition, user=juror)

    # The programme officer applies for a project.
    visit(page, site.url + "/slam/")
    page.get_by_role("link", name="Apply for a project").click()
    sign_in_from(page, officer.email)
    checked(page, screenshot="slam-apply")
    page.get_by_label("Project name").fill("River Keepers")
    page.get_by_label("Project acronym").fill("RIVKEEP")
    page.get_by_label("The story", exact=True).fill(
        "Every morning Marta crosses the river to work."
    )
    page.get_by_label("How the story fits this year's theme").fill("The river joins us.")
    page.get_by_label("Contact person").fill("Marta")
    page.get_by_label("Contact e-mail").fill("marta@example.org")
    page.get_by_role("button", name="Submit the application").click()
    checked(page)
    assert (
        page.get_by_role("row", name="River Keepers (RIVKEEP)")
        .get_by_text("Submitted")
        .is_visible()
    )
    application = SlamApplication.objects.get(project_acronym="RIVKEEP")

    # The deadline passes; the chair shares the applications, a juror scores one.
    move_to(edition, "review")
    sign_in_as(page, site, chair, f"/slam/jury/ranking/?edition={edition.year}")
    page.get_by_role("button", name="Assign unassigned applications to jurors").click()
    checked(page)
    sign_in_as(page, site, juror, f"/slam/jury/?edition={edition.year}")
    page.get_by_role("link", name="River Keepers").click()
    checked(page, screenshot="slam-jury-review")
    page.get_by_label("Story (weight 2)").fill("9")
    page.get_by_label("Impact (weight 1)").fill("6")
    page.get_by_role("button", name="Save my review").click()
    checked(page)
    assert page.get_by_text("Scored: 80.00 / 100").is_visible()

    # The chair sees the ranking and shortlists both projects.
    sign_in_as(page, site, chair, f"/slam/jury/ranking/?edition={edition.year}")
    checked(page, screenshot="slam-ranking")
    page.get_by_label("Shortlist River Keepers").check()
    page.get_by_label("Shortlist Twin Libraries").check()
    page.get_by_role("button", name="Save the shortlist and tell the applicants").click()
    checked(page)
    application.refresh_from_db()
    assert application.status == SlamApplication.Status.SHORTLISTED
    assert any("Shortlisted" in message.subject for message in mailoutbox)

    # Videos are in; the vote opens. A visitor votes, then changes the vote.
    for entry in (application, rival):
        SlamVideo.objects.create(
            application=entry,
            video_url="https://youtu.be/dQw4w9WgXcQ",
            description=f"{entry.project_name} on film",
        )
    move_to(edition, "voting")
    visitor = UserFactory(email="visitor@example.org")
    sign_in_as(page, site, visitor, f"/slam/gallery/?edition={edition.year}")
    checked(page, screenshot="slam-gallery")
    page.get_by_role("button", name="Vote — Twin Libraries").click()
    checked(page)
    assert page.get_by_text("Your vote for Twin Libraries is counted.").is_visible()
    page.get_by_role("button", name="Vote — River Keepers").click()
    checked(page)
    assert list(
        SlamVote.objects.filter(voter=visitor).values_list("application_id", flat=True)
    ) == [application.pk]

    # Before the close there are no results; after it, the weighted ranking.
    visit(page, site.url + f"/slam/results/{edition.year}/")
    assert page.get_by_text("The results are published once the vote has closed.").is_visible()
    move_to(edition, "results")
    visit(page, site.url + f"/slam/results/{edition.year}/", screenshot="slam-results")
    first_row = page.locator("tbody tr").first
    assert "River Keepers" in first_row.inner_text()
    assert "90.0" in first_row.inner_text()  # 0.5 * 80 (jury) + 0.5 * 100 (public)


MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
CAPTIONS = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nMarta: jeden Morgen überquere ich den Fluss.\n"


def test_an_uploaded_film_needs_captions_and_the_player_offers_them(site, page, tmp_path):
    edition = make_slam_edition(phase="shortlist")
    programme = ProgrammeFactory(name="Interreg Bayern-Österreich", countries=["AT", "DE"])
    applicant = make_applicant(programme, "film@example.org")
    application = make_application(
        edition, programme, applicant, status="shortlisted", project_name="River Keepers"
    )
    film = tmp_path / "river-keepers.mp4"
    film.write_bytes(MP4_HEAD)
    captions = tmp_path / "river-keepers.vtt"
    captions.write_text(CAPTIONS, encoding="utf-8")

    # A film without captions and without the declaration: the message sits by the field.
    sign_in_as(page, site, applicant, f"/slam/applications/{application.public_id}/video/")
    page.get_by_label("Video file").set_input_files(str(film))
    page.get_by_label("Short description").fill("Marta crosses the river every morning.")
    page.get_by_role("button", name="Save the video").click()
    checked(page, screenshot="slam-video-captions-needed")
    captions_field = page.locator(".field").filter(has=page.get_by_label("Captions (WebVTT)"))
    assert str(CAPTIONS_NEEDED) in captions_field.inner_text()
    assert page.get_by_label("Short description").input_value() == (
        "Marta crosses the river every morning."
    )
    assert not SlamVideo.objects.exists()

    # With captions in German, the film is saved.
    page.get_by_label("Video file").set_input_files(str(film))
    page.get_by_label("Captions (WebVTT)").set_input_files(str(captions))
    page.get_by_label("Language of the captions").select_option(label="Deutsch")
    page.get_by_role("button", name="Save the video").click()
    checked(page)
    assert page.get_by_text("Your video is saved.").is_visible()
    video = SlamVideo.objects.get(application=application)
    assert video.captions_language == "de"

    # In the gallery the player offers the captions, named in their language.
    move_to(edition, "voting")
    visit(page, site.url + f"/slam/gallery/?edition={edition.year}")
    track = page.locator("video track")
    assert track.get_attribute("kind") == "captions"
    assert track.get_attribute("srclang") == "de"
    assert track.get_attribute("label") == "Deutsch"
    served = page.request.get(site.url + track.get_attribute("src"))
    assert served.status == 200 and served.text().startswith("WEBVTT")
