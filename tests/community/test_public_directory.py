"""What anonymous visitors see of the community: the open and on-request spaces any new
account could see (name, description, member count), never closed or restricted spaces,
never content; and what each role sees of the same spaces once signed in."""

import pytest
from django.urls import reverse

from community.models import Space
from community.selectors import directory_url, public_directory
from portal.core.cache import content_changed
from tests.factories import UserFactory
from tests.factories.community import (
    grow_top_level_spaces,
    make_member,
    make_person_with,
    make_space,
    make_thread,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces(home):
    open_space = make_space(
        name="Communication corner", description="Campaign ideas.", kind=Space.Kind.OPEN
    )
    on_request = make_space(
        name="Harmonised tools", description="For HIT users.", kind=Space.Kind.ON_REQUEST
    )
    closed = make_space(name="Audit authorities", kind=Space.Kind.CLOSED)
    finance = make_space(
        name="Programme finance",
        kind=Space.Kind.OPEN,
        eligibility=Space.Eligibility.FUNCTIONS,
        eligible_functions=["finance_officer"],
        excluded_functions=["controller", "auditor"],
    )
    staff_only = make_space(
        name="Managing authorities", eligibility=Space.Eligibility.PROGRAMME_STAFF
    )
    group = make_space(name="Social media group", parent=open_space, kind=Space.Kind.OPEN)
    inside_closed = make_space(name="Closed's group", parent=closed, kind=Space.Kind.OPEN)
    author = make_member(open_space, UserFactory(first_name="Ana", last_name="Reis"))
    make_member(open_space, UserFactory())
    make_thread(open_space, author, title="Posters for Cooperation Day", source="Secret plan")
    return {
        "open": open_space,
        "on_request": on_request,
        "closed": closed,
        "finance": finance,
        "staff_only": staff_only,
        "group": group,
        "inside_closed": inside_closed,
    }


def _names(entries) -> set[str]:
    names = set()
    for entry in entries:
        names.add(entry.space.name)
        names |= _names(entry.sub_spaces)
    return names


def test_visitors_see_open_and_on_request_spaces_for_any_account(spaces):
    entries = public_directory()
    assert _names(entries) == {"Communication corner", "Harmonised tools", "Social media group"}
    corner = next(entry for entry in entries if entry.space.name == "Communication corner")
    assert corner.space.member_count == 2
    assert [child.space.name for child in corner.sub_spaces] == ["Social media group"]


def test_the_directory_page_shows_visitors_names_descriptions_and_counts_only(client, spaces):
    response = client.get(directory_url())
    assert response.status_code == 200
    page = response.content.decode()
    for shown in ("Communication corner", "Campaign ideas.", "2 members", "Harmonised tools"):
        assert shown in page
    assert "On request" in page
    for hidden in (
        "Audit authorities",
        "Closed's group",
        "Programme finance",
        "Managing authorities",
        "Posters for Cooperation Day",
        "Secret plan",
        "Ana Reis",  # moderators and members stay unnamed
        reverse("community:space", args=[spaces["open"].slug]),
    ):
        assert hidden not in page, hidden
    assert "Sign in to join" in page and "/accounts/login/?next=" in page


def test_a_space_that_closes_leaves_the_visitors_copy_at_once(client, spaces):
    assert "Harmonised tools" in client.get(directory_url()).content.decode()
    spaces["on_request"].kind = Space.Kind.CLOSED
    spaces["on_request"].save()
    assert "Harmonised tools" not in client.get(directory_url()).content.decode()


def test_space_and_thread_pages_stay_closed_to_visitors(client, spaces):
    space = spaces["open"]
    thread = space.threads.get()
    for url in (
        reverse("community:space", args=[space.slug]),
        reverse("community:thread", args=[thread.pk]),
        reverse("community:search") + "?q=Posters",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("make_person", "sees", "does_not_see"),
    [
        (UserFactory, {"Communication corner", "Audit authorities"}, {"Programme finance"}),
        (
            lambda: make_person_with("finance_officer"),
            {"Programme finance", "Managing authorities", "Audit authorities"},
            set(),
        ),
        (
            lambda: make_person_with("controller"),
            {"Managing authorities", "Communication corner"},
            {"Programme finance"},
        ),
        (lambda: make_person_with("project_partner"), {"Harmonised tools"}, {"Programme finance"}),
    ],
    ids=["signed in", "finance officer", "controller", "project partner"],
)
def test_signed_in_people_keep_their_own_directory(client, spaces, make_person, sees, does_not_see):
    client.force_login(make_person())
    response = client.get(directory_url())
    assert "entries" in response.context and "public_entries" not in response.context
    names = _names(response.context["entries"])
    assert sees <= names
    assert not does_not_see & names


def test_the_visitors_directory_keeps_its_queries_at_10_and_1000_spaces(client, home):
    people = [UserFactory() for _ in range(3)]

    def seed(total):
        grow_top_level_spaces(total, people)
        content_changed()  # bulk writes send no signal to drop the visitors' copy

    url = directory_url()
    client.get(url)  # warm up: site, settings
    seed(10)
    small, response = count_queries(client.get, url)
    assert response.status_code == 200 and len(response.context["public_entries"]) == 7
    seed(1000)
    large, response = count_queries(client.get, url)
    assert response.status_code == 200 and len(response.context["public_entries"]) == 667
    assert small == large
