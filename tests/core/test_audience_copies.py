"""A page kept per audience (portal.core.cache): a copy stored for one audience serves that
audience only; anonymous visitors' audience is the visitors' copy; the audience a page lists
for is the copy's while it renders. And the access levels' audiences tell people apart exactly
as the access rules do."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.http import HttpResponse
from django.test import RequestFactory

from portal.core import access, cache, personal
from tests.factories import AffiliationFactory, UserFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Team:
    key: str


TEAM_OF = "tests.core.test_audience_copies.team_of"


def team_of(user) -> Team:
    """Anonymous visitors are nobody's team; signed-in people are in the team their last name
    names."""
    return Team(user.last_name if user.is_authenticated else "")


def _request(user, path="/listing/"):
    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    return request


def _store(user, body: str) -> None:
    request = _request(user)
    audience = cache.audience_asking(request, TEAM_OF)
    with personal.rendering_for_everyone(request, audience=audience) as shared:
        assert cache.audience_shown(request, TEAM_OF) == (audience or Team(""))
        assert not request.user.is_authenticated  # the person is put aside
    cache.store_page_response(
        request, HttpResponse(body), shared=shared, signed_in=True, audience_of=TEAM_OF
    )


def test_a_copy_kept_for_an_audience_serves_that_audience_only(home):
    ana, ben = UserFactory(last_name="Red"), UserFactory(last_name="Red")
    _store(ana, "for the red team")
    _store(AnonymousUser(), "for visitors")

    # Asked after routing, with the audience, or before it (PageCacheMiddleware), without.
    red = cache.cached_page_response(_request(ben), audience=Team("Red"))
    assert red.content == b"for the red team"
    assert cache.cached_page_response(_request(ben)).content == b"for the red team"
    blue = UserFactory(last_name="Blue")
    assert cache.cached_page_response(_request(blue), audience=Team("Blue")) is None
    assert cache.cached_page_response(_request(blue)) is None
    visitor = cache.cached_page_response(_request(AnonymousUser()))
    assert visitor.content == b"for visitors"


def test_without_its_audience_a_signed_in_person_is_never_given_the_visitors_copy(home):
    _store(AnonymousUser(), "for visitors")
    cache.cache.delete(cache._audience_of_key(_request(AnonymousUser())))

    assert cache.cached_page_response(_request(UserFactory(last_name="Red"))) is None
    assert cache.cached_page_response(_request(AnonymousUser())).content == b"for visitors"


def test_a_signed_in_audience_without_a_key_is_refused(home):
    with pytest.raises(ValueError):
        cache.cached_page_response(_request(UserFactory()), audience=Team(""))


def test_outside_a_shared_render_a_page_lists_for_the_person_s_own_audience():
    assert cache.audience_shown(_request(UserFactory(last_name="Red")), TEAM_OF) == Team("Red")


def test_access_audiences_differ_exactly_where_the_access_rules_do():
    jury, other = Group.objects.create(name="Jury"), Group.objects.create(name="Other")
    registered, in_other_group = UserFactory(), UserFactory()
    in_other_group.groups.add(other)
    staff_member = AffiliationFactory().user
    juror = UserFactory()
    juror.groups.add(jury)

    def key(user):
        return access.audience_of(user, groups_that_matter=[jury.pk]).key

    keys = {
        "visitor": key(AnonymousUser()),
        "unverified": key(UserFactory(verified=False)),
        "registered": key(registered),
        "programme staff": key(staff_member),
        "juror": key(juror),
        "site staff": key(UserFactory(is_staff=True)),
    }
    assert keys["visitor"] == ""
    assert len(set(keys.values())) == len(keys)
    # A group no listed record is for makes no difference.
    assert key(in_other_group) == keys["registered"]
    # And each audience's filter is the person's.
    assert access.audience_filter(access.audience_of(juror)) == access.accessible_filter(juror)
