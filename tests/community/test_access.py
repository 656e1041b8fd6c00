"""Who sees and reads which space: eligibility, exclusions, kinds, sub-spaces, bans."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community import access
from community.models import Membership, Space
from portal.accounts import roles
from tests.factories import UserFactory
from tests.factories.community import make_member, make_person_with, make_space

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_space():
    return make_space(
        name="Programme finance",
        kind=Space.Kind.CLOSED,
        eligibility=Space.Eligibility.FUNCTIONS,
        eligible_functions=["finance_officer"],
        excluded_functions=["controller", "auditor"],
    )


def test_finance_officer_sees_the_finance_space_but_reads_it_only_as_a_member(finance_space):
    officer = make_person_with("finance_officer")
    viewer = access.for_user(officer)
    assert viewer.is_visible(finance_space.pk)
    assert not viewer.is_readable(finance_space.pk)
    make_member(finance_space, officer)
    access.forget(officer)
    assert access.for_user(officer).is_readable(finance_space.pk)


@pytest.mark.parametrize("function", ["controller", "auditor", "joint_secretariat"])
def test_controllers_auditors_and_others_never_see_the_finance_space(finance_space, function):
    person = make_person_with(function)
    assert not access.for_user(person).is_visible(finance_space.pk)
    assert finance_space.pk not in access.for_users([person])[person.pk].visible_ids()


def test_a_finance_officer_who_is_also_a_controller_loses_the_space_even_as_member(
    finance_space,
):
    officer = make_person_with("finance_officer")
    make_member(finance_space, officer)
    make_person_with("controller", user=officer)
    access.forget(officer)

    roles.forget(officer)
    viewer = access.for_user(officer)
    assert not viewer.is_visible(finance_space.pk)
    assert not viewer.is_readable(finance_space.pk)


def test_programme_staff_spaces_are_for_approved_staff_only():
    space = make_space(eligibility=Space.Eligibility.PROGRAMME_STAFF)
    assert access.for_user(make_person_with("joint_secretariat")).is_visible(space.pk)
    assert not access.for_user(make_person_with("project_partner")).is_visible(space.pk)
    assert not access.for_user(UserFactory()).is_visible(space.pk)
    pending = make_person_with("joint_secretariat", status="pending")
    assert not access.for_user(pending).is_visible(space.pk)


def test_open_spaces_are_readable_by_anyone_signed_in_and_postable_by_members():
    space = make_space(kind=Space.Kind.OPEN)
    visitor = UserFactory()
    assert access.for_user(visitor).is_readable(space.pk)
    assert not access.for_user(visitor).may_post(space.pk)
    member = make_member(space)
    assert access.for_user(member).may_post(space.pk)


def test_anonymous_visitors_see_no_space():
    make_space()
    assert access.for_user(AnonymousUser()).visible_ids() == set()


def test_on_request_spaces_are_read_by_members_only():
    space = make_space(kind=Space.Kind.ON_REQUEST)
    outsider = UserFactory()
    assert access.for_user(outsider).is_visible(space.pk)
    assert access.for_user(outsider).refusal(space.pk) == access.MEMBERS_ONLY
    assert access.for_user(make_member(space)).is_readable(space.pk)


def test_a_sub_space_needs_its_parent():
    parent = make_space(kind=Space.Kind.ON_REQUEST, eligibility=Space.Eligibility.PROGRAMME_STAFF)
    child = make_space(parent=parent, kind=Space.Kind.OPEN)
    staff = make_person_with("joint_secretariat")
    assert access.for_user(staff).is_visible(child.pk)
    assert not access.for_user(staff).is_readable(child.pk)  # the parent is members-only
    make_member(parent, staff)
    access.forget(staff)
    assert access.for_user(staff).is_readable(child.pk)
    assert not access.for_user(UserFactory()).is_visible(child.pk)


def test_parent_moderators_moderate_sub_spaces_but_not_the_other_way():
    parent = make_space()
    child = make_space(parent=parent)
    parent_moderator = make_member(parent, moderator=True)
    child_moderator = make_member(child, moderator=True)
    assert access.for_user(parent_moderator).moderates(child.pk)
    assert access.for_user(child_moderator).moderates(child.pk)
    assert not access.for_user(child_moderator).moderates(parent.pk)


def test_banned_people_read_nothing_and_site_staff_read_everything(superuser):
    space = make_space(kind=Space.Kind.OPEN)
    banned = make_member(space)
    Membership.objects.filter(user=banned).update(status=Membership.Status.BANNED)
    access.forget(banned)
    assert access.for_user(banned).refusal(space.pk) == access.BANNED
    closed = make_space(
        kind=Space.Kind.CLOSED,
        eligibility=Space.Eligibility.FUNCTIONS,
        eligible_functions=["auditor"],
    )
    assert access.for_user(superuser).is_readable(closed.pk)
    assert access.for_user(superuser).moderates(closed.pk)
