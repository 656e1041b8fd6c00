"""Site staff set up spaces in the admin; the demo builds the community's real spaces; the
benchmark's week of activity gives each person a digest of only what they may see."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from community import access, services
from community.demo import NOTIFICATIONS_PER_PERSON, seed_bulk_community, seed_community
from community.models import Membership, Space
from portal.notifications.services import digests_build
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.community import make_member, make_space, make_thread

pytestmark = pytest.mark.django_db


def _space_form(**overrides) -> dict:
    values = {
        "name": "Programme finance",
        "slug": "programme-finance",
        "description": "For finance staff.",
        "kind": "closed",
        "parent": "",
        "position": "0",
        "eligibility": "functions",
        "eligible_functions": ["finance_officer"],
        "excluded_functions": ["controller", "auditor"],
    }
    values.update(overrides)
    return values


def test_site_staff_create_a_space_with_its_moderators(client, superuser):
    moderator = UserFactory()
    client.force_login(superuser)
    response = client.post(
        reverse("community_spaces:add"), _space_form(moderators=moderator.email.upper())
    )
    assert response.status_code == 302
    space = Space.objects.get()
    assert space.excluded_functions == ["controller", "auditor"]
    membership = Membership.objects.get(space=space)
    assert (
        membership.user == moderator and membership.is_moderator and membership.status == "active"
    )
    response = client.post(
        reverse("community_spaces:edit", args=[space.pk]), _space_form(moderators="")
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(is_moderator=True).exists()


def test_a_space_for_functions_needs_one_and_errors_keep_the_input(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("community_spaces:add"),
        _space_form(eligible_functions=[], name="Kept name", moderators="ghost@example.org"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose at least one function" in page
    assert "No active account has these addresses: ghost@example.org." in page
    assert "Kept name" in page
    assert not Space.objects.exists()


def test_sub_spaces_go_one_level_deep(client, superuser):
    parent = make_space()
    child = make_space(parent=parent)
    client.force_login(superuser)
    response = client.post(
        reverse("community_spaces:add"),
        _space_form(parent=child.pk, eligibility="signed_in", eligible_functions=[]),
    )
    assert response.status_code == 200
    assert "cannot have sub-spaces" in response.content.decode()
    response = client.post(
        reverse("community_spaces:add"),
        _space_form(parent=parent.pk, eligibility="signed_in", eligible_functions=[]),
    )
    assert response.status_code == 302  # a new space inside a top-level one
    response = client.post(
        reverse("community_spaces:edit", args=[parent.pk]),
        _space_form(
            slug=parent.slug, parent=parent.pk, eligibility="signed_in", eligible_functions=[]
        ),
    )
    assert "cannot be inside itself" in response.content.decode()


def test_editors_without_rights_cannot_manage_spaces(client, home):
    editor = UserFactory(wagtail_admin=True)
    client.force_login(editor)
    assert client.get(reverse("community_spaces:add")).status_code in {302, 403}


def test_the_demo_creates_the_spaces_the_community_uses(home):
    ProgrammeFactory()
    assert seed_community() == 12
    assert seed_community() == 0  # idempotent
    names = set(Space.objects.values_list("name", flat=True))
    assert {
        "Programme and project management",
        "Inter-programme collaboration",
        "Baltic Sea",
        "Mediterranean",
        "Western Balkans",
        "Programme finance",
        "Controllers network",
        "Auditors network",
        "Communication and visibility",
        "Jems users",
    } <= names
    finance = Space.objects.get(slug="programme-finance")
    assert finance.kind == "closed" and set(finance.excluded_functions) == {"controller", "auditor"}
    groups = Space.objects.filter(parent__slug="inter-programme-collaboration")
    assert set(groups.values_list("name", flat=True)) == {
        "Baltic Sea",
        "Mediterranean",
        "Western Balkans",
    }
    assert Space.objects.filter(parent__slug="communication-visibility").count() == 2


def test_the_benchmark_week_gives_each_person_only_what_they_may_see(home):
    ProgrammeFactory()
    seed_community()
    assert seed_bulk_community(10) == 10
    digests = digests_build(frequency="weekly")
    assert len(digests) == 10
    readers = access.for_users([user for user, _ in digests])
    finance = Space.objects.get(slug="programme-finance").pk
    for user, items in digests:
        readable = readers[user.pk].readable_ids()
        assert all(item.scope_id in readable for item in items)
        assert 0 < len(items) < NOTIFICATIONS_PER_PERSON
        assert any(item.scope_id == finance for item in items) == (finance in readable)
    assert any(finance in readers[user.pk].readable_ids() for user, _ in digests)


def test_the_digest_command_sends_and_empties_the_queue(
    home, outbox, django_capture_on_commit_callbacks
):
    ProgrammeFactory()
    seed_community()
    seed_bulk_community(3)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notification_digests", "weekly")
    assert len(outbox) == 3
    assert all("Your weekly summary" in message.subject for message in outbox)
    assert digests_build(frequency="weekly") == []


def test_site_staff_read_the_moderation_log_of_every_space_but_cannot_change_it(client, superuser):
    space = make_space(name="Jems users")
    moderator = make_member(space, moderator=True)
    thread = make_thread(space)
    services.thread_toggle(moderator=moderator, thread=thread, change="pin")
    client.force_login(superuser)
    response = client.get(reverse("community_log:index"))
    assert response.status_code == 200
    assert "Pinned a thread" in response.content.decode()
    assert client.get(reverse("community_log:add")).status_code in {302, 403, 404}
