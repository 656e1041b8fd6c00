import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from portal.accounts import roles, services
from portal.accounts.models import Affiliation
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db
F = Affiliation.Function


@pytest.fixture
def programme():
    return ProgrammeFactory(acronym="ALPS", name="Interreg Alpine Test")


@pytest.fixture
def programme_admin(programme):
    return AffiliationFactory(
        programme=programme, is_programme_admin=True, user__email="admin@alps.example"
    ).user


def test_request_is_pending_and_the_programme_admins_are_told(
    programme, programme_admin, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(first_name="Ana", last_name="Lopez")
    with django_capture_on_commit_callbacks(execute=True):
        affiliation = services.affiliation_request(
            user=user, programme=programme, function=F.FINANCE_OFFICER, listed=True
        )
    assert affiliation.status == Affiliation.Status.PENDING
    assert not roles.is_programme_staff(user, programme)
    assert [mail.to for mail in mailoutbox] == [["admin@alps.example"]]
    assert "Ana Lopez" in mailoutbox[0].body
    assert f"/programmes/{programme.slug}/requests/" in mailoutbox[0].body


def test_without_programme_admins_site_staff_are_told(
    programme, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="staff@portal.example", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.affiliation_request(
            user=UserFactory(), programme=programme, function=F.AUDITOR, listed=False
        )
    assert mailoutbox[0].to == ["staff@portal.example"]


def test_duplicate_requests_are_refused_with_a_reason(programme, user):
    services.affiliation_request(user=user, programme=programme, function=F.AUDITOR, listed=False)
    with pytest.raises(ValidationError) as pending:
        services.affiliation_request(
            user=user, programme=programme, function=F.AUDITOR, listed=False
        )
    assert pending.value.messages == [str(services.AFFILIATION_ALREADY_PENDING)]
    Affiliation.objects.filter(user=user).update(status="approved")
    with pytest.raises(ValidationError) as approved:
        services.affiliation_request(
            user=user, programme=programme, function=F.AUDITOR, listed=False
        )
    assert approved.value.messages == [str(services.AFFILIATION_ALREADY_APPROVED)]


def test_a_declined_request_can_be_made_again(programme, user, programme_admin):
    affiliation = services.affiliation_request(
        user=user, programme=programme, function=F.AUDITOR, listed=False
    )
    services.affiliation_decide(
        affiliation=affiliation,
        decided_by=programme_admin,
        approve=False,
        message="Wrong programme",
    )
    again = services.affiliation_request(
        user=user, programme=programme, function=F.AUDITOR, listed=True
    )
    assert again.pk == affiliation.pk
    assert again.status == Affiliation.Status.PENDING
    assert again.decision_message == ""


def test_approval_changes_the_role_answers_and_tells_the_user(
    programme, programme_admin, user, mailoutbox, django_capture_on_commit_callbacks
):
    affiliation = services.affiliation_request(
        user=user, programme=programme, function=F.FINANCE_OFFICER, listed=False
    )
    assert not roles.is_finance_staff(user)
    with django_capture_on_commit_callbacks(execute=True):
        services.affiliation_decide(
            affiliation=affiliation, decided_by=programme_admin, approve=True, message="Welcome"
        )
    user = type(user).objects.get(pk=user.pk)
    assert roles.is_finance_staff(user)
    assert roles.is_programme_staff(user, programme)
    assert mailoutbox[-1].to == [user.email]
    assert "approved" in mailoutbox[-1].subject
    assert "Welcome" in mailoutbox[-1].body


def test_declining_needs_a_message(programme, programme_admin, user):
    affiliation = services.affiliation_request(
        user=user, programme=programme, function=F.AUDITOR, listed=False
    )
    with pytest.raises(ValidationError) as error:
        services.affiliation_decide(
            affiliation=affiliation, decided_by=programme_admin, approve=False, message="  "
        )
    assert error.value.message_dict["message"] == [str(services.AFFILIATION_DECLINE_NEEDS_MESSAGE)]
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.PENDING


def test_only_that_programmes_admins_or_site_staff_decide(programme, user):
    affiliation = services.affiliation_request(
        user=user, programme=programme, function=F.AUDITOR, listed=False
    )
    other_admin = AffiliationFactory(is_programme_admin=True).user
    staff_of_programme = AffiliationFactory(programme=programme).user
    for outsider in (user, other_admin, staff_of_programme):
        with pytest.raises(PermissionDenied):
            services.affiliation_decide(affiliation=affiliation, decided_by=outsider, approve=True)
    site_staff = UserFactory(is_staff=True)
    services.affiliation_decide(affiliation=affiliation, decided_by=site_staff, approve=True)
    with pytest.raises(ValidationError):
        services.affiliation_decide(
            affiliation=affiliation, decided_by=site_staff, approve=False, message="x"
        )


def test_withdrawing_removes_only_ones_own(programme, user):
    mine = services.affiliation_request(
        user=user, programme=programme, function=F.AUDITOR, listed=False
    )
    with pytest.raises(PermissionDenied):
        services.affiliation_withdraw(affiliation=mine, user=UserFactory())
    services.affiliation_withdraw(affiliation=mine, user=user)
    assert not Affiliation.objects.filter(pk=mine.pk).exists()


def test_the_database_refuses_an_admin_flag_on_an_unapproved_affiliation(programme, user):
    with pytest.raises(IntegrityError):
        AffiliationFactory(
            programme=programme, user=user, status="pending", is_programme_admin=True
        )
