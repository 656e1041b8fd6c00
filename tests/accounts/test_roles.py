"""The roles table: for each combination of functions, every role question's answer."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.accounts import roles
from portal.accounts.models import Affiliation
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db
F = Affiliation.Function

# (approved functions in programme P, pending functions in P, functions elsewhere)
#   -> (programme staff of P, staff anywhere, finance staff, finance officer of P)
ROLE_TABLE = [
    ((), (), (), (False, False, False, False)),
    ((F.MANAGING_AUTHORITY,), (), (), (True, True, False, False)),
    ((F.JOINT_SECRETARIAT,), (), (), (True, True, False, False)),
    ((F.NATIONAL_CONTACT_POINT,), (), (), (True, True, False, False)),
    ((F.COMMUNICATION_OFFICER,), (), (), (True, True, False, False)),
    ((F.FINANCE_OFFICER,), (), (), (True, True, True, True)),
    ((F.CONTROLLER,), (), (), (True, True, False, False)),
    ((F.AUDITOR,), (), (), (True, True, False, False)),
    ((F.PROJECT_PARTNER,), (), (), (False, False, False, False)),
    ((F.OTHER,), (), (), (False, False, False, False)),
    ((F.FINANCE_OFFICER, F.CONTROLLER), (), (), (True, True, False, True)),
    ((F.FINANCE_OFFICER, F.AUDITOR), (), (), (True, True, False, True)),
    ((F.FINANCE_OFFICER,), (), (F.CONTROLLER,), (True, True, False, True)),
    ((F.FINANCE_OFFICER,), (), (F.AUDITOR,), (True, True, False, True)),
    ((F.FINANCE_OFFICER,), (F.CONTROLLER,), (), (True, True, True, True)),
    ((), (F.FINANCE_OFFICER,), (), (False, False, False, False)),
    ((), (), (F.FINANCE_OFFICER,), (False, True, True, False)),
    ((F.PROJECT_PARTNER,), (F.JOINT_SECRETARIAT,), (), (False, False, False, False)),
    (
        (F.COMMUNICATION_OFFICER, F.FINANCE_OFFICER),
        (),
        (F.JOINT_SECRETARIAT,),
        (True, True, True, True),
    ),
]


@pytest.mark.parametrize(("approved", "pending", "elsewhere", "expected"), ROLE_TABLE)
def test_role_answers(approved, pending, elsewhere, expected):
    user = UserFactory()
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    for function in approved:
        AffiliationFactory(user=user, programme=programme, function=function)
    for function in pending:
        AffiliationFactory(user=user, programme=programme, function=function, status="pending")
    for function in elsewhere:
        AffiliationFactory(user=user, programme=other, function=function)
    answers = (
        roles.is_programme_staff(user, programme),
        roles.is_programme_staff(user),
        roles.is_finance_staff(user),
        roles.has_function(user, F.FINANCE_OFFICER, programme),
    )
    assert answers == expected


def test_declined_affiliations_grant_nothing():
    affiliation = AffiliationFactory(function=F.FINANCE_OFFICER, status="declined")
    assert not roles.is_programme_staff(affiliation.user)
    assert not roles.is_finance_staff(affiliation.user)


def test_programme_admins_and_site_staff_handle_requests():
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user
    assert roles.is_programme_admin(admin, programme)
    assert not roles.is_programme_admin(admin, other)
    assert roles.administered_programme_ids(admin) == {programme.pk}
    assert roles.is_programme_admin(UserFactory(is_staff=True), other)
    assert not roles.is_programme_admin(UserFactory(), programme)


def test_anonymous_visitors_have_no_roles():
    visitor = AnonymousUser()
    assert not roles.is_programme_staff(visitor)
    assert not roles.is_finance_staff(visitor)
    assert not roles.is_site_staff(visitor)


def test_many_questions_cost_one_query_and_forget_refreshes():
    user = AffiliationFactory(function=F.FINANCE_OFFICER).user

    def ask():
        return (
            roles.is_programme_staff(user),
            roles.is_finance_staff(user),
            roles.has_function(user, F.AUDITOR),
        )

    queries, answers = count_queries(ask)
    assert queries == 1
    assert answers == (True, True, False)
    AffiliationFactory(user=user, function=F.AUDITOR)
    assert roles.is_finance_staff(user)  # cached for this request
    roles.forget(user)
    assert not roles.is_finance_staff(user)


def test_who_may_moderate_what():
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user
    staff_member = AffiliationFactory(programme=programme).user
    appointed = UserFactory()
    space = SimpleNamespace(programme_id=other.pk, moderator_ids=lambda: {appointed.pk})
    assert roles.may_moderate(admin, programme)
    assert roles.may_moderate(admin, SimpleNamespace(programme_id=programme.pk))
    assert not roles.may_moderate(admin, other)
    assert not roles.may_moderate(staff_member, programme)
    assert roles.may_moderate(appointed, space) and not roles.may_moderate(admin, space)
    assert roles.may_moderate(UserFactory(is_staff=True), space)

    assert not roles.may_moderate(AnonymousUser(), programme)


def test_editors_and_programme_admins_need_a_second_factor():
    assert roles.requires_mfa(UserFactory(is_staff=True, totp_secret=""))
    assert roles.requires_mfa(UserFactory(wagtail_admin=True))
    assert roles.requires_mfa(AffiliationFactory(is_programme_admin=True).user)
    assert not roles.requires_mfa(AffiliationFactory().user)
    assert not roles.requires_mfa(UserFactory())
