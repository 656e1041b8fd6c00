"""The profile form, the affiliations page and the logo generator are kept for each signed-in
person alone (portal.core.cache.kept_for_person): two people and a visitor interleaved each
get their own; each change a page shows (the profile saved, the names, a request sent,
decided or withdrawn, a programme added) shows on the next request; a form sent with errors
is never answered from a copy; a kept copy costs at most the person's row."""

import re

import pytest
from django.urls import reverse

from portal.accounts import services
from portal.accounts.models import Affiliation
from tests.accounts.test_profile_and_data import profile_post
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.helpers import count_queries, signed_in_client

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
AFFILIATIONS = reverse("accounts:affiliations")
LOGO = reverse("brand:logo_generator")


def _get(client, url, query=None):
    response = client.get(url, query)
    assert response.status_code == 200, response.status_code
    assert not re.search(r"piece-[0-9a-f]{32}-", response.content.decode())
    return response


def _page(client, url, query=None) -> str:
    return _get(client, url, query).content.decode()


def _message_page(client, url) -> str:
    """The page showing a flash message, rendered for that request alone. A browser drops the
    emptied message cookie it answers with; the test client would send it back empty."""
    page = _page(client, url)
    assert client.cookies["messages"].value == ""
    del client.cookies["messages"]
    return page


def _kept_twice(client, url, query=None) -> str:
    """The page as its kept copy serves it: rendered once, then served again."""
    first = _get(client, url, query)
    again = _get(client, url, query)
    assert again["X-Page-Cache"] == "hit", first.get("X-Page-Cache")
    return again.content.decode()


def _organisation(user, name):
    profile = services.profile_for(user)
    profile.organisation = name
    profile.save()


def _each_sees_their_own(visitor_client, url, clients, own):
    """Two people in turn, twice, each see their own texts and none of the other's (rendered,
    then from their kept copy); a visitor in between is sent to sign in; a kept copy asks at
    most one query."""
    first, second = clients
    for round_number in range(2):
        for person, other in ((first, second), (second, first)):
            response = _get(clients[person], url)
            page = response.content.decode()
            assert all(text in page for text in own[person])
            assert not any(text in page for text in own[other])
            assert response["X-Page-Cache"] == ("miss" if round_number == 0 else "hit")
        visitor = visitor_client.get(url)
        assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
    queries, response = count_queries(clients[second].get, url)
    assert response["X-Page-Cache"] == "hit" and queries <= 1, queries


def test_two_profiles_and_a_visitor_interleaved_each_get_their_own(client, home):
    ana, ben = UserFactory(first_name="Anaïs"), UserFactory(first_name="Bendix")
    _organisation(ana, "Lakeside Secretariat")
    _organisation(ben, "Riverside Authority")
    clients = {ana: signed_in_client(ana), ben: signed_in_client(ben)}
    own = {ana: ("Anaïs", "Lakeside"), ben: ("Bendix", "Riverside")}
    _each_sees_their_own(client, PROFILE, clients, own)


def test_saving_the_profile_shows_on_the_next_request(home, user):
    # The first visit makes the profile row, which changes the version the copy is kept
    # under: it is kept from the second visit on.
    services.profile_for(user)
    person = signed_in_client(user)
    assert "Joint Secretariat" not in _kept_twice(person, PROFILE)
    assert profile_post(person, organisation="Joint Secretariat").status_code == 302
    # The message it leaves is personal: that page is rendered for this request alone.
    assert "Your profile was saved." in _message_page(person, PROFILE)
    page = _kept_twice(person, PROFILE)
    assert "Joint Secretariat" in page and "Your profile was saved." not in page
    assert 'value="Maria"' in page  # the names live on the account


def test_a_profile_changed_elsewhere_shows_on_the_next_request(home, user):
    services.profile_for(user)
    person = signed_in_client(user)
    assert "See your public profile" not in _kept_twice(person, PROFILE)
    profile = services.profile_for(user)
    profile.is_public = True
    profile.save()
    assert "See your public profile" in _page(person, PROFILE)
    user.last_name = "Quellenberg"
    user.save()
    assert 'value="Quellenberg"' in _page(person, PROFILE)


def test_a_profile_sent_with_errors_is_never_answered_from_a_copy(home, user):
    services.profile_for(user)
    person = signed_in_client(user)
    _kept_twice(person, PROFILE)
    failed = profile_post(person, organisation="Nowhere Office", email_frequency="hourly")
    assert failed.status_code == 200 and "X-Page-Cache" not in failed
    assert "Nowhere Office" in failed.content.decode()
    again = profile_post(person, organisation="Nowhere Office", email_frequency="hourly")
    assert "X-Page-Cache" not in again and "Nowhere Office" in again.content.decode()
    # The copy still shows what is saved, not what was sent.
    assert "Nowhere Office" not in _kept_twice(person, PROFILE)


def test_two_members_affiliations_and_a_visitor_interleaved_each_get_their_own(client, home):
    ana, ben = UserFactory(), UserFactory()
    AffiliationFactory(user=ana, programme=ProgrammeFactory(name="Interreg Alpha Lakes"))
    AffiliationFactory(
        user=ben, programme=ProgrammeFactory(name="Interreg Beta Rivers"), status="pending"
    )
    clients = {ana: signed_in_client(ana), ben: signed_in_client(ben)}
    own = {ana: ("Alpha Lakes</a>",), ben: ("Beta Rivers</a>",)}
    _each_sees_their_own(client, AFFILIATIONS, clients, own)


def test_a_request_its_decision_and_its_withdrawal_show_on_the_next_request(home, user):
    programme = ProgrammeFactory(name="Interreg Gamma Coast", slug="gamma-coast")
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user
    person = signed_in_client(user)
    assert "Gamma Coast</a>" not in _kept_twice(person, AFFILIATIONS)
    sent = person.post(
        AFFILIATIONS, {"programme": programme.pk, "function": "auditor", "listed": "on"}
    )
    assert sent.status_code == 302
    assert "Your request was sent" in _message_page(person, AFFILIATIONS)
    page = _kept_twice(person, AFFILIATIONS)
    assert "Gamma Coast</a>" in page and "Waiting for approval" in page
    affiliation = Affiliation.objects.get(user=user, programme=programme)
    decided = signed_in_client(admin).post(
        reverse("accounts:programme_requests", args=[programme.slug]),
        {"affiliation": affiliation.pk, "decision": "decline", "message": "Not in our team."},
    )
    assert decided.status_code == 302
    page = _kept_twice(person, AFFILIATIONS)
    assert "Not in our team." in page and "Waiting for approval" not in page
    withdrawn = person.post(reverse("accounts:affiliation_withdraw", args=[affiliation.pk]))
    assert withdrawn.status_code == 302
    assert "The affiliation was removed." in _message_page(person, AFFILIATIONS)
    assert "Gamma Coast</a>" not in _kept_twice(person, AFFILIATIONS)


def test_a_new_programme_is_offered_on_the_next_request(home, user):
    person = signed_in_client(user)
    assert "Interreg Delta Plains" not in _kept_twice(person, AFFILIATIONS)
    assert "Interreg Delta Plains" not in _kept_twice(person, LOGO)
    ProgrammeFactory(name="Interreg Delta Plains")
    assert "Interreg Delta Plains" in _page(person, AFFILIATIONS)
    assert "Interreg Delta Plains" in _page(person, LOGO)


def test_an_affiliation_request_with_errors_is_never_answered_from_a_copy(home, user):
    programme = ProgrammeFactory()
    AffiliationFactory(user=user, programme=programme, function="auditor", status="pending")
    person = signed_in_client(user)
    _kept_twice(person, AFFILIATIONS)
    for _round in range(2):
        repeated = person.post(
            AFFILIATIONS, {"programme": programme.pk, "function": "auditor", "listed": "on"}
        )
        assert repeated.status_code == 200 and "X-Page-Cache" not in repeated
        assert "already" in repeated.content.decode()


def test_two_people_and_a_visitor_interleaved_each_get_their_own_logo_generator(client, home):
    programme = ProgrammeFactory(name="Interreg Epsilon Hills")
    ana, ben = UserFactory(first_name="Anaïs"), UserFactory(first_name="Bendix")
    clients = {ana: signed_in_client(ana), ben: signed_in_client(ben)}
    query = {
        "programme": programme.slug,
        "language": "fr",
        "colour": "full_colour",
        "layout": "horizontal",
    }
    for round_number in range(2):
        for person, other in ((ana, ben), (ben, ana)):
            response = _get(clients[person], LOGO, query)
            page = response.content.decode()
            assert person.first_name in page and other.first_name not in page
            assert "data-logo-preview" in page
            assert response["X-Page-Cache"] == ("miss" if round_number == 0 else "hit")
        # Another query is another page.
        assert "data-logo-preview" not in _page(clients[ana], LOGO)
        for _visit in range(2):
            visitor = _get(client, LOGO, query)
            assert "Why you need to sign in" in visitor.content.decode()
            assert "X-Page-Cache" not in visitor
    queries, response = count_queries(clients[ana].get, LOGO, query)
    assert response["X-Page-Cache"] == "hit" and queries <= 1, queries


def test_a_kept_profile_carries_each_persons_own_working_csrf_token(home):
    """A copy served again is sent with the asking person's token, which their next POST
    passes Django's CSRF check with (the test client skips that check unless told)."""
    people = [UserFactory(first_name="Anaïs"), UserFactory(first_name="Bendix")]
    clients = [signed_in_client(person, enforce_csrf_checks=True) for person in people]
    for person_client in clients:
        _page(person_client, PROFILE)  # makes the profile row: kept from the next visit
        _kept_twice(person_client, PROFILE)
    tokens = []
    for person_client in clients:
        page = _kept_twice(person_client, PROFILE)
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    assert tokens[0] != tokens[1]
    for person, person_client, token in zip(people, clients, tokens, strict=True):
        response = profile_post(person_client, csrfmiddlewaretoken=token, last_name="Kept")
        assert response.status_code == 302, response.status_code
        person.refresh_from_db()
        assert person.last_name == "Kept"
    forged = profile_post(clients[0], csrfmiddlewaretoken="x" * 64, last_name="Forged")
    assert forged.status_code == 403
