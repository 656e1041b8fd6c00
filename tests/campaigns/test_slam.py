"""Interreg Slam: applying, the jury, the shortlist, videos, the public vote and results; each
phase and role enforced on the server with a clear message."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.models import Certificate
from campaigns import slam_selectors, slam_services
from campaigns.models import SlamApplication, SlamJuror, SlamReview, SlamVideo, SlamVote
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.campaigns import (
    make_applicant,
    make_application,
    make_slam_edition,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db
Status = SlamApplication.Status


@pytest.fixture
def programme(db):
    return ProgrammeFactory(countries=["AT", "SK"])


@pytest.fixture
def applicant(programme):
    return make_applicant(programme, "js@example.org")


def _values(programme, **overrides):
    return {
        "programme": programme,
        "project_name": "River Stories",
        "project_acronym": "RIST",
        "story": "Ana crosses the bridge every morning.",
        "theme_fit": "Borders become bridges.",
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        **overrides,
    }


# Applications -----------------------------------------------------------------------------


def test_a_programme_secretariat_applies_once_per_project(home, programme, applicant, outbox,
                                                         committed):  # fmt: skip
    edition = make_slam_edition(phase="applications")
    draft = slam_services.application_save(
        edition=edition, user=applicant, values=_values(programme, story="")
    )
    with pytest.raises(ValidationError) as error:
        slam_services.application_submit(application=draft, user=applicant)
    assert error.value.message_dict["story"] == [str(slam_services.APPLICATION_NEEDED)]
    slam_services.application_save(
        edition=edition, user=applicant, application=draft, values={"story": "A story."}
    )
    committed(slam_services.application_submit, application=draft, user=applicant)
    assert draft.status == Status.SUBMITTED
    assert "submitted" in outbox[-1].body
    with pytest.raises(ValidationError) as twice:
        slam_services.application_save(
            edition=edition, user=applicant, values=_values(programme, project_acronym="rist")
        )
    assert twice.value.message_dict["project_acronym"] == [str(slam_services.APPLICATION_TWICE)]


def test_only_managing_authorities_and_secretariats_apply(home, programme):
    edition = make_slam_edition(phase="applications")
    for function in ("controller", "project_partner"):
        user = UserFactory()
        from portal.accounts.models import Affiliation

        Affiliation.objects.create(user=user, programme=programme, function=function,
                                   status="approved")  # fmt: skip
        with pytest.raises(ValidationError) as error:
            slam_services.application_save(edition=edition, user=user, values=_values(programme))
        assert error.value.message_dict["programme"] == [str(slam_services.NOT_PROGRAMME_APPLICANT)]


def test_no_application_or_edit_after_the_deadline(client, home, programme, applicant):
    edition = make_slam_edition(phase="review")
    with pytest.raises(ValidationError) as error:
        slam_services.application_save(edition=edition, user=applicant, values=_values(programme))
    assert error.value.messages == [str(slam_services.APPLICATIONS_CLOSED)]
    client.force_login(applicant)
    response = client.get(reverse("campaigns:slam_apply") + f"?edition={edition.year}")
    assert "Applications for this edition are closed." in response.content.decode()


def test_the_application_form_keeps_what_was_typed_and_names_the_problem(
    client, home, programme, applicant
):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    response = client.post(
        reverse("campaigns:slam_apply") + f"?edition={edition.year}",
        {"programme": programme.pk, "project_name": "River Stories", "project_acronym": "",
         "story": "x" * 3001, "action": "draft"},
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "project_acronym" in errors and "story" in errors
    assert "River Stories" in response.content.decode()
    assert not SlamApplication.objects.exists()


# Jury --------------------------------------------------------------------------------------


@pytest.fixture
def judged(home, programme):
    """An edition in review with three applications, two jurors and a chair."""
    edition = make_slam_edition(phase="review")
    applicant = make_applicant(programme)
    applications = [make_application(edition, programme, applicant) for _ in range(3)]
    jurors = [UserFactory() for _ in range(3)]
    for number, juror in enumerate(jurors):
        SlamJuror.objects.create(edition=edition, user=juror, is_chair=number == 0)
    slam_services.jury_assign(edition=edition, per_application=3)
    return edition, applications, jurors


def _score(edition, application, juror, story, impact, **kwargs):
    story_criterion, impact_criterion = edition.criteria.order_by("sort_order")
    return slam_services.review_save(
        application=application,
        juror=juror,
        scores={story_criterion.pk: story, impact_criterion.pk: impact},
        **kwargs,
    )


def test_scores_are_weighted_and_conflicts_leave_the_ranking(judged):
    edition, (first, second, third), (chair, juror, other) = judged
    review = _score(edition, first, chair, 10, 4)  # (2*10 + 1*4) / 30 → 80
    assert review.total == 80
    _score(edition, first, juror, 7, 7)  # 70
    _score(edition, first, other, 0, 0, conflict=True)
    _score(edition, second, chair, 5, 5)
    ranking = slam_selectors.ranking(edition=edition)
    top = ranking[0]
    assert top.application == first
    assert (top.average, top.spread, top.reviews, top.conflicts) == (75, 5, 2, 1)
    assert ranking[-1].application == third and ranking[-1].average is None


def test_every_criterion_needs_a_score(judged):
    edition, (first, *_rest), (chair, *_jurors) = judged
    story, _impact = edition.criteria.order_by("sort_order")
    with pytest.raises(ValidationError) as error:
        slam_services.review_save(application=first, juror=chair, scores={story.pk: 5})
    assert error.value.messages == [str(slam_services.SCORE_EVERY_CRITERION)]


def test_jury_pages_are_for_the_jury_and_blind_review_hides_names(client, judged, programme):
    edition, (first, *_rest), (_chair, juror, _other) = judged
    client.force_login(UserFactory())
    assert (
        client.get(reverse("campaigns:slam_jury") + f"?edition={edition.year}").status_code == 403
    )
    assert client.get(reverse("campaigns:slam_review", args=[first.public_id])).status_code == 403
    client.force_login(juror)
    assert (
        client.get(reverse("campaigns:slam_ranking") + f"?edition={edition.year}").status_code
        == 403
    )
    edition.blind_review = True
    edition.save_revision().publish()
    page = client.get(reverse("campaigns:slam_review", args=[first.public_id])).content.decode()
    assert first.project_name not in page and programme.name not in page
    assert "Once, the river was a border." in page


def test_the_chair_shortlists_and_applicants_are_told(judged, committed, outbox):
    edition, (first, second, third), (chair, juror, _other) = judged
    with pytest.raises(PermissionDenied):
        slam_services.shortlist_set(edition=edition, chair=juror, shortlisted_ids=[first.pk])
    committed(slam_services.shortlist_set, edition=edition, chair=chair,
              shortlisted_ids=[first.pk, second.pk])  # fmt: skip
    statuses = dict(SlamApplication.objects.values_list("pk", "status"))
    assert statuses == {first.pk: Status.SHORTLISTED, second.pk: Status.SHORTLISTED,
                        third.pk: Status.NOT_SHORTLISTED}  # fmt: skip
    subjects = sorted(message.subject.split(":")[0] for message in outbox)
    assert subjects == ["Interreg Slam", "Shortlisted for the Interreg Slam",
                        "Shortlisted for the Interreg Slam"]  # fmt: skip


# Videos ------------------------------------------------------------------------------------


def test_shortlisted_projects_submit_a_checked_video(client, home, programme):
    from django.core.files.uploadedfile import SimpleUploadedFile

    edition = make_slam_edition(phase="shortlist")
    applicant = make_applicant(programme)
    application = make_application(edition, programme, applicant, status="shortlisted")
    client.force_login(applicant)
    url = reverse("campaigns:slam_video", args=[application.public_id])
    fake = SimpleUploadedFile("film.mp4", b"<html>not a video</html>", "video/mp4")
    response = client.post(url, {"file": fake, "description": "Our film"})
    assert response.context["form"].errors["file"] == ["Upload an MP4 or WebM video file."]
    response = client.post(url, {"video_url": "https://evil.example/x", "description": "Film"})
    assert "Only YouTube and Vimeo" in response.context["form"].errors["video_url"][0]
    client.post(url, {"video_url": "https://youtu.be/dQw4w9WgXcQ", "description": "Our film"})
    assert SlamVideo.objects.get().video_url == "https://youtu.be/dQw4w9WgXcQ"


# The public vote ---------------------------------------------------------------------------


@pytest.fixture
def voting(home, programme):
    edition = make_slam_edition(phase="voting")
    applicant = make_applicant(programme)
    entries = [make_application(edition, programme, applicant, status="shortlisted")
               for _ in range(2)]  # fmt: skip
    return edition, entries


def test_one_vote_that_can_change_until_the_close(voting):
    edition, (first, second) = voting
    voter = UserFactory()
    slam_services.vote_cast(edition=edition, user=voter, application=first)
    slam_services.vote_cast(edition=edition, user=voter, application=second)
    assert list(SlamVote.objects.values_list("application_id", flat=True)) == [second.pk]


def test_votes_need_a_verified_address_an_open_vote_and_not_ones_own_programme(voting, programme):
    edition, (first, _second) = voting
    unverified = UserFactory(verified=False)
    with pytest.raises(ValidationError) as error:
        slam_services.vote_cast(edition=edition, user=unverified, application=first)
    assert error.value.messages == [str(slam_services.VOTE_NEEDS_VERIFIED_EMAIL)]
    insider = make_applicant(programme)
    with pytest.raises(ValidationError) as error:
        slam_services.vote_cast(edition=edition, user=insider, application=first)
    assert error.value.messages == [str(slam_services.VOTE_OWN_PROGRAMME)]
    closed = make_slam_edition(year=2020, phase="vote_closed")
    entry = make_application(closed, programme, insider, status="shortlisted")
    with pytest.raises(ValidationError) as error:
        slam_services.vote_cast(edition=closed, user=UserFactory(), application=entry)
    assert error.value.messages == [str(slam_services.VOTE_NOT_OPEN)]


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
    url = reverse("campaigns:slam_results", args=[edition.year])
    assert "once the vote has closed" in client.get(url).content.decode()
    gallery = client.get(reverse("campaigns:slam_gallery") + f"?edition={edition.year}")
    assert "4 votes" not in gallery.content.decode()  # no live counts in this edition
    SlamEdition = type(edition)
    SlamEdition.objects.filter(pk=edition.pk).update(vote_closes=edition.vote_opens)
    rows = slam_selectors.results(edition=SlamEdition.objects.get(pk=edition.pk))
    # Loved: 0.6*50 + 0.4*100 = 70; Praised: 0.6*90 + 0.4*25 = 64.
    assert [(row.application.project_name, row.final_score) for row in rows] == [
        ("Loved", 70),
        ("Praised", 64),
    ]
    assert "Loved" in client.get(url).content.decode()


def test_finalists_receive_coaching_certificates(judged, committed):
    edition, (first, second, _third), (chair, *_jurors) = judged
    committed(slam_services.shortlist_set, edition=edition, chair=chair,
              shortlisted_ids=[first.pk, second.pk])  # fmt: skip
    with pytest.raises(ValidationError) as error:
        slam_services.finalists_set(edition=edition, chair=chair, finalist_ids=[], awards={})
    assert error.value.messages == [str(slam_services.FINALISTS_TOO_EARLY)]
    type(edition).objects.filter(pk=edition.pk).update(vote_closes=timezone.now())
    edition.refresh_from_db()
    committed(slam_services.finalists_set, edition=edition, chair=chair,
              finalist_ids=[first.pk], awards={first.pk: "winner"})  # fmt: skip
    first.refresh_from_db()
    assert first.is_finalist and first.award == "winner"
    certificate = Certificate.objects.get(kind=Certificate.Kind.SLAM_COACHING)
    assert certificate.holder == first.applicant


def test_the_gallery_opens_with_the_vote_and_keeps_its_queries(client, voting, programme):
    edition, _entries = voting
    early = make_slam_edition(year=2031, phase="review")
    response = client.get(reverse("campaigns:slam_gallery") + f"?edition={early.year}")
    assert "The gallery opens with the public vote." in response.content.decode()

    applicant = make_applicant(programme)

    def add(count):
        for _ in range(count):
            entry = make_application(edition, programme, applicant, status="shortlisted")
            SlamVideo.objects.create(application=entry, video_url="https://youtu.be/dQw4w9WgXcQ",
                                     description="Film")  # fmt: skip

    url = reverse("campaigns:slam_gallery") + f"?edition={edition.year}"
    add(10)
    client.get(url + "&warm=1")
    few, _ = count_queries(client.get, url + "&a=1")
    add(988)
    many, response = count_queries(client.get, url + "&a=2")
    assert response.status_code == 200 and many == few


def test_the_vote_audit_is_for_staff(client, voting, superuser):
    edition, (first, _second) = voting
    from datetime import timedelta

    from django.utils import timezone

    joined = timezone.now() - timedelta(minutes=10)
    for _ in range(6):
        voter = UserFactory()
        type(voter).objects.filter(pk=voter.pk).update(date_joined=joined)
        SlamVote.objects.create(edition=edition, voter=voter, application=first)
    url = reverse("slam_admin:vote_audit", args=[edition.year])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 302
    client.force_login(superuser)
    audit = client.get(url)
    assert audit.context["clusters"][0]["accounts"] == 6
    assert dict(audit.context["by_age"])["under an hour"] == 6


def test_the_shortlist_waits_for_the_application_deadline(home, programme):
    edition = make_slam_edition(phase="applications")
    chair = UserFactory()
    SlamJuror.objects.create(edition=edition, user=chair, is_chair=True)
    with pytest.raises(ValidationError) as error:
        slam_services.shortlist_set(edition=edition, chair=chair, shortlisted_ids=[])
    assert error.value.messages == [str(slam_services.SHORTLIST_TOO_EARLY)]


def test_slam_pages_render_and_show_text_as_text(client, voting, programme):
    edition, (first, _second) = voting
    SlamApplication.objects.filter(pk=first.pk).update(
        project_name="<script>alert(1)</script>", story="<img src=x onerror=alert(1)>"
    )
    past = make_slam_edition(year=2020, phase="results", theme="Past theme")
    winner = make_application(
        past, programme, make_applicant(programme), status="shortlisted", is_finalist=True,
        award="winner", project_name="Old winner",
    )  # fmt: skip
    for url in ("/slam/", edition.url, reverse("campaigns:slam_gallery")):
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
    fame = client.get(reverse("campaigns:slam_hall_of_fame") + "?year=2020").content.decode()
    assert winner.project_name in fame and "Winner" in fame
    assert (
        "Old winner" in client.get(reverse("campaigns:slam_results", args=[2020])).content.decode()
    )


def test_applications_belong_to_their_applicant(client, home, programme, applicant):
    edition = make_slam_edition(phase="applications")
    application = make_application(edition, programme, applicant, status="draft")
    client.force_login(make_applicant(programme))
    url = reverse("campaigns:slam_application_edit", args=[application.public_id])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("campaigns:slam_video", args=[application.public_id])).status_code == 404
    )
    client.force_login(applicant)
    assert client.get(url).status_code == 200


def test_download_my_data_includes_slam_applications_and_votes(voting, programme):
    from portal.accounts.gdpr import export_user_data

    edition, (first, _second) = voting
    voter = UserFactory()
    slam_services.vote_cast(edition=edition, user=voter, application=first)
    data = export_user_data(voter)["interreg_slam"]
    assert [vote["project"] for vote in data["votes"]] == [first.project_name]


def test_a_declared_conflict_keeps_the_juror_out(client, judged):
    edition, (first, *_rest), (_chair, juror, _other) = judged
    _score(edition, first, juror, 0, 0, conflict=True)
    with pytest.raises(ValidationError) as error:
        _score(edition, first, juror, 10, 10)
    assert error.value.messages == [str(slam_services.CONFLICT_DECLARED)]
    client.force_login(juror)
    page = client.get(reverse("campaigns:slam_review", args=[first.public_id])).content.decode()
    assert "no longer review it" in page and "Save my review" not in page


def test_non_jurors_are_told_why_the_jury_page_is_closed(client, judged):
    edition, *_rest = judged
    client.force_login(UserFactory())
    response = client.get(reverse("campaigns:slam_jury") + f"?edition={edition.year}")
    assert response.status_code == 403
    assert "Only this edition&#x27;s jury can open the jury pages." in response.content.decode()
