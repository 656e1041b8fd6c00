"""The Wagtail dashboard shows each editor the work waiting for them, one panel per kind of
work, only to the people who have that work, counted in a constant number of queries."""

import pytest
from django.contrib.auth.models import Group, Permission

from campaigns.cooperation_day.models import Event
from campaigns.cooperation_day.selectors import events_awaiting_review
from campaigns.slam.models import SlamApplication, SlamAssignment, SlamJuror
from campaigns.slam.selectors import reviews_to_do
from community.models import Flag, Post
from community.selectors import flags_waiting
from portal.accounts.models import Affiliation, User
from portal.accounts.selectors import affiliation_requests_waiting
from tests.factories import TEST_TOTP_SECRET, AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.community import make_member, make_space, make_thread
from tests.factories.cooperation_day import event_values, make_edition, make_moderator
from tests.factories.slam import make_application, make_slam_edition, score_application
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

PANELS = {
    "events": "Cooperation Day events to moderate",
    "affiliations": "Affiliation requests to decide",
    "reviews": "Interreg Slam reviews to do",
    "flags": "Community flags to handle",
}


def _editor(**fields):
    """Someone who may open the Wagtail admin, with no other role."""
    group, created = Group.objects.get_or_create(name="Dashboard readers")
    if created:
        group.permissions.add(Permission.objects.get(codename="access_admin"))
    person = UserFactory(totp_secret=TEST_TOTP_SECRET, **fields)
    person.groups.add(group)
    return person


def _dashboard(client, person) -> str:
    client.force_login(person)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def _shown(html) -> set[str]:
    return {kind for kind, heading in PANELS.items() if heading in html}


def _many_users(count: int, prefix: str) -> list[User]:
    return User.objects.bulk_create(
        User(email=f"{prefix}{number}@example.org") for number in range(count)
    )


def _submitted_events(edition, programme, organiser, count: int, countries=("AT", "SK")):
    return Event.objects.bulk_create(
        Event(
            edition=edition,
            organiser=organiser,
            status=Event.Status.SUBMITTED,
            **event_values(edition, programme, title=f"Event {number}", countries=list(countries)),
        )
        for number in range(count)
    )


# Cooperation Day moderators -----------------------------------------------------------------


def test_moderators_see_the_events_waiting_in_their_scope(client):
    edition, programme = make_edition(), ProgrammeFactory()
    organiser = UserFactory()
    moderator = make_moderator("moderator@example.org", countries=["AT"])
    _submitted_events(edition, programme, organiser, 3)
    _submitted_events(edition, programme, organiser, 2, countries=["FR"])  # outside the scope
    html = _dashboard(client, moderator)
    assert _shown(html) == {"events"}
    assert "3 events waiting for review" in html
    assert 'href="/admin/cooperation-day/queue/"' in html
    assert _shown(_dashboard(client, _editor())) == set()


def test_moderators_with_nothing_waiting_see_no_events_panel(client):
    make_edition()
    assert "events" not in _shown(_dashboard(client, make_moderator("idle@example.org")))


def test_counting_events_takes_the_same_queries_for_10_and_1000(db):
    edition, programme, organiser = make_edition(), ProgrammeFactory(), UserFactory()
    moderator = make_moderator("moderator@example.org", programmes=[programme])
    _submitted_events(edition, programme, organiser, 10)
    small, waiting = count_queries(events_awaiting_review, user=User.objects.get(pk=moderator.pk))
    assert waiting == 10
    _submitted_events(edition, programme, organiser, 990)
    large, waiting = count_queries(events_awaiting_review, user=User.objects.get(pk=moderator.pk))
    assert waiting == 1000
    assert small == large <= 3


# Programme admins ---------------------------------------------------------------------------


def test_programme_admins_see_the_requests_of_their_programmes(client):
    programme, other = ProgrammeFactory(name="Interreg Alpine Space"), ProgrammeFactory()
    admin = _editor()
    AffiliationFactory(user=admin, programme=programme, is_programme_admin=True)
    AffiliationFactory.create_batch(2, programme=programme, status="pending")
    AffiliationFactory(programme=other, status="pending")
    html = _dashboard(client, admin)
    assert _shown(html) == {"affiliations"}
    assert "Interreg Alpine Space" in html and "2 requests waiting" in html
    assert f'href="/programmes/{programme.slug}/requests/"' in html
    assert other.name not in html


def test_site_staff_see_every_programmes_requests(client):
    first, second = ProgrammeFactory(), ProgrammeFactory()
    AffiliationFactory(programme=first, status="pending")
    AffiliationFactory.create_batch(3, programme=second, status="pending")
    html = _dashboard(client, UserFactory(is_staff=True, wagtail_admin=True))
    assert "1 request waiting" in html and "3 requests waiting" in html


def test_programme_staff_who_are_not_admins_see_no_requests(client):
    programme = ProgrammeFactory()
    staff = _editor()
    AffiliationFactory(user=staff, programme=programme)
    AffiliationFactory(programme=programme, status="pending")
    assert _shown(_dashboard(client, staff)) == set()


def test_counting_requests_takes_the_same_queries_for_10_and_1000(db):
    programme = ProgrammeFactory()
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user

    def pending(count, prefix):
        Affiliation.objects.bulk_create(
            Affiliation(user=person, programme=programme, function="other", status="pending")
            for person in _many_users(count, prefix)
        )

    pending(10, "first")
    # The person's identity is kept between requests: counted as a later request finds it.
    affiliation_requests_waiting(user=User.objects.get(pk=admin.pk))
    small, rows = count_queries(affiliation_requests_waiting, user=User.objects.get(pk=admin.pk))
    assert rows == [(programme.name, programme.slug, 10)]
    pending(990, "more")
    large, rows = count_queries(affiliation_requests_waiting, user=User.objects.get(pk=admin.pk))
    assert rows == [(programme.name, programme.slug, 1000)]
    assert small == large <= 2


# Slam jurors --------------------------------------------------------------------------------


def _assigned(edition, juror, count, programme, applicant, prefix):
    applications = SlamApplication.objects.bulk_create(
        SlamApplication(
            edition=edition,
            programme=programme,
            applicant=applicant,
            status="submitted",
            project_name=f"Project {number}",
            project_acronym=f"{prefix}{number}",
            story="Once, the river was a border.",
            theme_fit="It crosses borders.",
            contact_name="Contact",
            contact_email="contact@example.org",
        )
        for number in range(count)
    )
    SlamAssignment.objects.bulk_create(
        SlamAssignment(application=application, juror=juror) for application in applications
    )
    return applications


def test_jurors_see_the_reviews_they_have_left_to_do(client):
    edition, programme = make_slam_edition(phase="review"), ProgrammeFactory()
    applicant = UserFactory()
    juror = _editor()
    SlamJuror.objects.create(edition=edition, user=juror)
    reviewed, *waiting = [make_application(edition, programme, applicant) for _ in range(3)]
    draft = make_application(edition, programme, applicant, status="draft")
    for application in (reviewed, *waiting, draft):
        SlamAssignment.objects.create(application=application, juror=juror)
    score_application(edition, reviewed, juror, 4, 4)
    html = _dashboard(client, juror)
    assert _shown(html) == {"reviews"}
    assert "2 applications to review" in html
    assert 'href="/slam/jury/"' in html
    # Another juror of the edition with nothing assigned has no panel.
    idle = _editor()
    SlamJuror.objects.create(edition=edition, user=idle)
    assert _shown(_dashboard(client, idle)) == set()


def test_counting_reviews_takes_the_same_queries_for_10_and_1000(db):
    edition, programme = make_slam_edition(phase="review"), ProgrammeFactory()
    applicant, juror = UserFactory(), UserFactory()
    SlamJuror.objects.create(edition=edition, user=juror)
    _assigned(edition, juror, 10, programme, applicant, "A")
    small, waiting = count_queries(reviews_to_do, user=juror)
    assert waiting == 10
    _assigned(edition, juror, 990, programme, applicant, "B")
    large, waiting = count_queries(reviews_to_do, user=juror)
    assert waiting == 1000
    assert small == large <= 3


# Community moderators -----------------------------------------------------------------------


def _flags(post, count, prefix):
    Flag.objects.bulk_create(
        Flag(post=post, reporter=person, reason=Flag.Reason.SPAM)
        for person in _many_users(count, prefix)
    )


def test_community_moderators_see_the_flags_of_their_spaces(client):
    space, other = make_space(name="Finance officers"), make_space(name="Communicators")
    moderator = make_member(space, _editor(), moderator=True)
    post = Post.objects.filter(thread=make_thread(space)).first()
    _flags(post, 2, "reporter")
    _flags(Post.objects.filter(thread=make_thread(other)).first(), 1, "elsewhere")
    html = _dashboard(client, moderator)
    assert _shown(html) == {"flags"}
    assert "Finance officers" in html and "2 flags waiting" in html
    assert f'href="/community/spaces/{space.slug}/moderation/"' in html
    assert "Communicators" not in html
    member = make_member(space, _editor())
    assert _shown(_dashboard(client, member)) == set()


def test_counting_flags_takes_the_same_queries_for_10_and_1000(db):
    space = make_space()
    moderator = make_member(space, moderator=True)
    post = Post.objects.filter(thread=make_thread(space)).first()
    _flags(post, 10, "first")
    # The person's identity and memberships are kept between requests: counted as a later
    # request finds them.
    flags_waiting(user=User.objects.get(pk=moderator.pk))
    small, rows = count_queries(flags_waiting, user=User.objects.get(pk=moderator.pk))
    assert rows == [(space.name, space.slug, 10)]
    _flags(post, 990, "more")
    large, rows = count_queries(flags_waiting, user=User.objects.get(pk=moderator.pk))
    assert rows == [(space.name, space.slug, 1000)]
    assert small == large
