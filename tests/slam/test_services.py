"""Every business rule of the Slam: who applies and when, the jury's scores, the shortlist and
finalists, the vote, and what 'download my data' holds."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy.models import Certificate
from campaigns.slam import access, selectors, services
from campaigns.slam.models import SlamApplication, SlamJuror, SlamVote
from portal.accounts.gdpr import export_user_data
from portal.accounts.models import Affiliation
from tests.factories import UserFactory
from tests.factories.slam import (
    application_values,
    make_applicant,
    make_application,
    make_slam_edition,
    score_application,
)

pytestmark = pytest.mark.django_db

Status = SlamApplication.Status


def test_a_programme_secretariat_applies_once_per_project(
    home, programme, applicant, outbox, committed
):
    edition = make_slam_edition(phase="applications")
    draft = services.application_save(
        edition=edition, user=applicant, values=application_values(programme, story="")
    )
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=draft, user=applicant)
    assert error.value.message_dict["story"] == [str(services.APPLICATION_NEEDED)]
    services.application_save(
        edition=edition, user=applicant, application=draft, values={"story": "A story."}
    )
    committed(services.application_submit, application=draft, user=applicant)
    assert draft.status == Status.SUBMITTED
    assert "submitted" in outbox[-1].body
    with pytest.raises(ValidationError) as twice:
        services.application_save(
            edition=edition,
            user=applicant,
            values=application_values(programme, project_acronym="rist"),
        )
    assert twice.value.message_dict["project_acronym"] == [str(services.APPLICATION_TWICE)]


def test_only_managing_authorities_and_secretariats_apply(home, programme):
    edition = make_slam_edition(phase="applications")
    for function in ("controller", "project_partner"):
        user = UserFactory()

        Affiliation.objects.create(
            user=user, programme=programme, function=function, status="approved"
        )
        with pytest.raises(ValidationError) as error:
            services.application_save(
                edition=edition, user=user, values=application_values(programme)
            )
        assert error.value.message_dict["programme"] == [str(access.NOT_PROGRAMME_APPLICANT)]


def test_scores_are_weighted_and_conflicts_leave_the_ranking(judged):
    edition, (first, second, third), (chair, juror, other) = judged
    review = score_application(edition, first, chair, 10, 4)  # (2*10 + 1*4) / 30 → 80
    assert review.total == 80
    score_application(edition, first, juror, 7, 7)  # 70
    score_application(edition, first, other, 0, 0, conflict=True)
    score_application(edition, second, chair, 5, 5)
    ranking = selectors.ranking(edition=edition)
    top = ranking[0]
    assert top.application == first
    assert (top.average, top.spread, top.reviews, top.conflicts) == (75, 5, 2, 1)
    assert ranking[-1].application == third and ranking[-1].average is None


def test_every_criterion_needs_ascore_application(judged):
    edition, (first, *_rest), (chair, *_jurors) = judged
    story, _impact = edition.criteria.order_by("sort_order")
    with pytest.raises(ValidationError) as error:
        services.review_save(application=first, juror=chair, scores={story.pk: 5})
    assert error.value.messages == [str(services.SCORE_EVERY_CRITERION)]


def test_the_chair_shortlists_and_applicants_are_told(judged, committed, outbox):
    edition, (first, second, third), (chair, juror, _other) = judged
    with pytest.raises(PermissionDenied):
        services.shortlist_set(edition=edition, chair=juror, shortlisted_ids=[first.pk])
    committed(
        services.shortlist_set, edition=edition, chair=chair, shortlisted_ids=[first.pk, second.pk]
    )
    statuses = dict(SlamApplication.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: Status.SHORTLISTED,
        second.pk: Status.SHORTLISTED,
        third.pk: Status.NOT_SHORTLISTED,
    }
    subjects = sorted(message.subject.split(":")[0] for message in outbox)
    assert subjects == [
        "Interreg Slam",
        "Shortlisted for the Interreg Slam",
        "Shortlisted for the Interreg Slam",
    ]


def test_one_vote_that_can_change_until_the_close(voting):
    edition, (first, second) = voting
    voter = UserFactory()
    services.vote_cast(edition=edition, user=voter, application=first)
    services.vote_cast(edition=edition, user=voter, application=second)
    assert list(SlamVote.objects.values_list("application_id", flat=True)) == [second.pk]


def test_votes_need_a_verified_address_an_open_vote_and_not_ones_own_programme(voting, programme):
    edition, (first, _second) = voting
    unverified = UserFactory(verified=False)
    with pytest.raises(ValidationError) as error:
        services.vote_cast(edition=edition, user=unverified, application=first)
    assert error.value.messages == [str(access.VOTE_NEEDS_VERIFIED_EMAIL)]
    insider = make_applicant(programme)
    with pytest.raises(ValidationError) as error:
        services.vote_cast(edition=edition, user=insider, application=first)
    assert error.value.messages == [str(access.VOTE_OWN_PROGRAMME)]
    closed = make_slam_edition(year=2020, phase="vote_closed")
    entry = make_application(closed, programme, insider, status="shortlisted")
    with pytest.raises(ValidationError) as error:
        services.vote_cast(edition=closed, user=UserFactory(), application=entry)
    assert error.value.messages == [str(services.VOTE_NOT_OPEN)]


def test_finalists_receive_coaching_certificates(judged, committed):
    edition, (first, second, _third), (chair, *_jurors) = judged
    committed(
        services.shortlist_set, edition=edition, chair=chair, shortlisted_ids=[first.pk, second.pk]
    )
    with pytest.raises(ValidationError) as error:
        services.finalists_set(edition=edition, chair=chair, finalist_ids=[], awards={})
    assert error.value.messages == [str(services.FINALISTS_TOO_EARLY)]
    type(edition).objects.filter(pk=edition.pk).update(vote_closes=timezone.now())
    edition.refresh_from_db()
    committed(
        services.finalists_set,
        edition=edition,
        chair=chair,
        finalist_ids=[first.pk],
        awards={first.pk: "winner"},
    )
    first.refresh_from_db()
    assert first.is_finalist and first.award == "winner"
    certificate = Certificate.objects.get(kind=Certificate.Kind.SLAM_COACHING)
    assert certificate.holder == first.applicant


def test_the_shortlist_waits_for_the_application_deadline(home, programme):
    edition = make_slam_edition(phase="applications")
    chair = UserFactory()
    SlamJuror.objects.create(edition=edition, user=chair, is_chair=True)
    with pytest.raises(ValidationError) as error:
        services.shortlist_set(edition=edition, chair=chair, shortlisted_ids=[])
    assert error.value.messages == [str(services.SHORTLIST_TOO_EARLY)]


def test_download_my_data_includes_slam_applications_and_votes(voting, programme):
    edition, (first, _second) = voting
    voter = UserFactory()
    services.vote_cast(edition=edition, user=voter, application=first)
    data = export_user_data(voter)["interreg_slam"]
    assert [vote["project"] for vote in data["votes"]] == [first.project_name]
