"""Captions for uploaded Slam films: checked by content, needed unless the film has no speech,
in a named language, and given to the player as a captions track."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.slam import captions, services
from campaigns.slam.forms import VideoForm
from campaigns.slam.models import CAPTIONS_LANGUAGE_NEEDED, CAPTIONS_NEEDED, SlamVideo
from tests.factories.slam import make_applicant, make_application, make_slam_edition

pytestmark = pytest.mark.django_db

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
CAPTIONS = (
    "WEBVTT\n\n"
    "NOTE written by the project\n\n"
    "1\n00:00:01.000 --> 00:00:04.000\nMarta: every morning I cross the river.\n\n"
    "01:02.500 --> 01:05.000 line:90%\n[water running]\n"
)
DESCRIBED = {"description": "Marta crosses the river."}


def film(name="film.mp4"):
    return SimpleUploadedFile(name, MP4_HEAD, "video/mp4")


def vtt(text=CAPTIONS, name="captions.vtt", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), "text/vtt")


@pytest.fixture
def shortlisted(home, programme):
    edition = make_slam_edition(phase="shortlist")
    applicant = make_applicant(programme)
    return make_application(edition, programme, applicant, status="shortlisted")


def bound_form(data=None, files=None, instance=None):
    values = {"description": "Our film", "captions_language": "de", **(data or {})}
    return VideoForm(values, files or {}, instance=instance)


# The file's content ------------------------------------------------------------------------


def test_a_well_formed_webvtt_file_is_accepted_with_its_cues_counted():
    assert captions.captions_check(vtt()) == 2
    with_bom_and_crlf = "\ufeff" + CAPTIONS.replace("\n", "\r\n")
    assert captions.captions_check(vtt(with_bom_and_crlf)) == 2


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (vtt(name="captions.srt"), captions.CAPTIONS_WRONG_EXTENSION),
        (vtt("1\n00:00:01,000 --> 00:00:02,000\nHi\n"), captions.CAPTIONS_NO_HEADER),
        (vtt("WEBVTTX\n\n00:01.000 --> 00:02.000\nHi\n"), captions.CAPTIONS_NO_HEADER),
        (vtt("WEBVTT\n\nNOTE nothing else\n"), captions.CAPTIONS_NO_CUES),
        (vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nÜber\n", encoding="latin-1"), None),
        (
            SimpleUploadedFile("big.vtt", b"WEBVTT\n\n" + b"x" * captions.CAPTIONS_MAX_BYTES),
            captions.CAPTIONS_TOO_LARGE,
        ),
    ],
)
def test_files_that_are_not_webvtt_are_refused_with_what_is_wrong(upload, message):
    with pytest.raises(ValidationError) as error:
        captions.captions_check(upload)
    assert error.value.messages == [str(message or captions.CAPTIONS_NOT_TEXT)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "WEBVTT\n\n00:00:01,000 --> 00:00:04,000\nHi\n",
            "Line 3: “00:00:01,000 --> 00:00:04,000” is not a cue timing such as "
            "“00:00:01.000 --> 00:00:04.000”.",
        ),
        (
            "WEBVTT\n\n1\nMarta speaks\n",
            "Line 4: “Marta speaks” is not a cue timing such as “00:00:01.000 --> 00:00:04.000”.",
        ),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nHi\n", "Line 3: the cue ends before it starts."),
        ("WEBVTT\n\nintro\n00:00:01.000 --> 00:00:04.000\n", "Line 4: the cue has no text."),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHi\nthen --> there\n",
            "Line 5: a caption's text may not contain “-->”.",
        ),
    ],
)
def test_a_broken_cue_is_named_by_its_line(text, expected):
    with pytest.raises(ValidationError) as error:
        captions.captions_check(vtt(text))
    assert error.value.messages == [expected]


# The form ----------------------------------------------------------------------------------


def test_an_uploaded_film_without_captions_or_declaration_is_refused_next_to_the_field():
    form = bound_form(files={"file": film()})
    assert not form.is_valid()
    assert form.errors == {"captions": [str(CAPTIONS_NEEDED)]}
    assert form["description"].value() == "Our film"  # what was typed is kept


def test_a_caption_file_or_the_no_speech_declaration_lets_the_film_through():
    assert bound_form(files={"file": film(), "captions": vtt()}).is_valid()
    assert bound_form({"no_speech": "on"}, files={"file": film()}).is_valid()
    # A published link needs neither: the host shows its own captions.
    assert bound_form({"video_url": "https://youtu.be/dQw4w9WgXcQ"}).is_valid()


def test_a_caption_file_with_a_broken_cue_is_refused_next_to_the_field():
    broken = vtt("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nHi\n")
    form = bound_form(files={"file": film(), "captions": broken})
    assert not form.is_valid()
    assert form.errors == {"captions": ["Line 3: the cue ends before it starts."]}


def test_the_language_offers_the_24_languages_in_themselves_and_starts_at_the_page_s():
    with translation.override("fr"):
        form = VideoForm()
        html = str(form["captions_language"])
    assert form["captions_language"].value() == "fr"
    options = BeautifulSoup(html, "html.parser").find_all("option")
    assert len(options) == 24
    maltese = next(option for option in options if option["value"] == "mt")
    assert (maltese.get_text(), maltese["lang"]) == ("Malti", "mt")


# The service and the database --------------------------------------------------------------


def test_the_service_saves_the_captions_with_their_language(shortlisted):
    video = services.video_save(
        application=shortlisted,
        user=shortlisted.applicant,
        values={"file": film(), "captions": vtt(), "captions_language": "ga", **DESCRIBED},
    )
    video.refresh_from_db()
    assert video.captions.name.startswith("slam/captions/")
    assert video.captions.name.endswith(".vtt") and "captions.vtt" not in video.captions.name
    assert video.captions.read().decode().startswith("WEBVTT")
    assert (video.captions_language, video.captions_label) == ("ga", "Gaeilge")


def test_the_service_refuses_a_film_without_captions_unless_it_has_no_speech(shortlisted):
    with pytest.raises(ValidationError) as error:
        services.video_save(
            application=shortlisted,
            user=shortlisted.applicant,
            values={"file": film(), **DESCRIBED},
        )
    assert error.value.message_dict == {"captions": [str(CAPTIONS_NEEDED)]}
    assert not SlamVideo.objects.exists()
    video = services.video_save(
        application=shortlisted,
        user=shortlisted.applicant,
        values={"file": film(), "no_speech": True, **DESCRIBED},
    )
    assert video.no_speech and not video.captions
    # Clearing the declaration later, without captions, is refused the same way.
    with pytest.raises(ValidationError) as error:
        services.video_save(
            application=shortlisted, user=shortlisted.applicant, values={"no_speech": False}
        )
    assert error.value.message_dict == {"captions": [str(CAPTIONS_NEEDED)]}


def test_the_service_refuses_captions_without_a_language(shortlisted):
    with pytest.raises(ValidationError) as error:
        services.video_save(
            application=shortlisted,
            user=shortlisted.applicant,
            values={"file": film(), "captions": vtt(), "captions_language": "", **DESCRIBED},
        )
    assert error.value.message_dict == {"captions_language": [str(CAPTIONS_LANGUAGE_NEEDED)]}


def test_the_database_holds_both_rules(shortlisted):
    bare = SlamVideo(application=shortlisted, description="Film")
    bare.file.save("film.mp4", ContentFile(MP4_HEAD), save=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        bare.save()
    bare.captions.save("captions.vtt", ContentFile(CAPTIONS.encode()), save=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        bare.save()  # captions, but in no language
    bare.captions_language = "sv"
    bare.save()


# The player --------------------------------------------------------------------------------


def test_the_player_has_a_captions_track_with_its_language(client, shortlisted):
    edition = shortlisted.edition
    video = services.video_save(
        application=shortlisted,
        user=shortlisted.applicant,
        values={"file": film(), "captions": vtt(), "captions_language": "de", **DESCRIBED},
    )
    type(edition).objects.filter(pk=edition.pk).update(
        **type(edition).timeline_in_phase("voting", now=timezone.now())
    )
    page = client.get(reverse("slam:gallery") + f"?edition={edition.year}")
    track = BeautifulSoup(page.content.decode(), "html.parser").select_one("video track")
    assert track is not None
    assert (track["kind"], track["srclang"], track["label"]) == ("captions", "de", "Deutsch")
    assert track["src"] == video.captions.url
    # Served like the film: from the same storage, under an unguessable name.
    assert client.get(track["src"]).status_code == 200
