"""A person's identity (approved functions, permissions, verified address, community
memberships) is kept between requests, and every change to it shows on the next request."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import access as community_access
from community.models import Membership
from portal.accounts import roles
from portal.accounts.models import Affiliation, User
from tests.factories.community import make_space
from tests.factories.users import AffiliationFactory, UserFactory

pytestmark = pytest.mark.django_db

Function = Affiliation.Function


def next_request(user) -> User:
    """The user as the next request loads them: nothing kept on the object."""
    return User.objects.get(pk=user.pk)


def test_the_second_request_asks_the_database_nothing_about_the_person():
    person = UserFactory()
    AffiliationFactory(user=person, function=Function.CONTROLLER, status="approved")
    with CaptureQueriesContext(connection) as first:
        assert roles.functions(next_request(person)) == {Function.CONTROLLER}
    fresh = next_request(person)
    with CaptureQueriesContext(connection) as second:
        assert roles.functions(fresh) == {Function.CONTROLLER}
        assert roles.has_verified_email(fresh)
        assert not roles.may_edit_site(fresh)
    assert len(first) == 2  # the user, then their identity
    assert len(second) == 0


def test_an_approved_affiliation_shows_on_the_next_request():
    person = UserFactory()
    affiliation = AffiliationFactory(user=person, function=Function.AUDITOR, status="pending")
    assert roles.functions(next_request(person)) == set()
    affiliation.status = Affiliation.Status.APPROVED
    affiliation.save()
    assert roles.functions(next_request(person)) == {Function.AUDITOR}
    affiliation.delete()
    assert roles.functions(next_request(person)) == set()


def test_permissions_granted_and_taken_through_groups_show_on_the_next_request():
    person = UserFactory()
    editors = Group.objects.create(name="Editors of the test")
    person.groups.add(editors)
    assert not roles.may_edit_site(next_request(person))
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    assert roles.may_edit_site(next_request(person))
    person.groups.remove(editors)
    assert not roles.may_edit_site(next_request(person))
    person.groups.add(editors)
    assert roles.may_edit_site(next_request(person))
    editors.delete()  # its links go without an m2m signal
    assert not roles.may_edit_site(next_request(person))


def test_a_permission_held_directly_shows_on_the_next_request():
    person = UserFactory()
    assert not roles.may_edit_site(next_request(person))
    person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert roles.may_edit_site(next_request(person))
    person.user_permissions.clear()
    assert not roles.may_edit_site(next_request(person))


def test_a_verified_address_shows_on_the_next_request():
    person = UserFactory(verified=False)
    assert not roles.has_verified_email(next_request(person))
    address = EmailAddress.objects.get(user=person)
    address.verified = True
    address.save()
    assert roles.has_verified_email(next_request(person))


def test_a_change_is_announced_again_when_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    """A request reading between the change and its commit sees the old rows: what it keeps
    must not outlive the commit."""
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        AffiliationFactory(user=person, function=Function.CONTROLLER, status="approved")
        before_commit = roles.IDENTITY_VERSION.current()
    assert callbacks
    for callback in callbacks:
        callback()
    assert roles.IDENTITY_VERSION.current() > before_commit


def test_community_memberships_show_on_the_next_request():
    person = UserFactory()
    space = make_space()
    assert community_access.for_user(next_request(person)).status(space.pk) is None
    membership = Membership.objects.create(
        space=space, user=person, status=Membership.Status.ACTIVE
    )
    assert community_access.for_user(next_request(person)).status(space.pk) == "active"
    membership.delete()
    assert community_access.for_user(next_request(person)).status(space.pk) is None


def test_who_sees_more_than_visitors_follows_their_groups_and_the_restrictions(home):
    from wagtail.models import PageViewRestriction

    from portal.core import access
    from tests.factories import StandardPageFactory

    person = UserFactory()
    members, others = (Group.objects.create(name=name) for name in ("Members", "Others"))
    page = StandardPageFactory(parent=home, title="For members")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(others)
    assert not access.sees_more_than_visitors(next_request(person))
    person.groups.add(members)
    assert not access.sees_more_than_visitors(next_request(person))
    restriction.groups.add(members)  # only the link changes: no save of the restriction
    assert access.sees_more_than_visitors(next_request(person))
    person.groups.remove(members)
    assert not access.sees_more_than_visitors(next_request(person))
