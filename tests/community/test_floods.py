"""Flood limits: how many threads and replies one person may write in an hour."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import Post, Thread
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space, make_thread

pytestmark = pytest.mark.django_db

OLD_ENOUGH = timedelta(days=settings.COMMUNITY_NEW_ACCOUNT_DAYS, hours=1)


def _start(user, space, number=1):
    return services.thread_create(
        user=user, space=space, title=f"Thread number {number}", kind="discussion", source="Hi"
    )


def _flood_message(message, minutes):
    return str(message % {"minutes": minutes})


def _established(space):
    return make_member(space, date_joined=timezone.now() - OLD_ENOUGH)


def test_new_accounts_start_few_threads_an_hour_and_learn_when_they_may_again():
    space = make_space()
    newcomer = make_member(space)
    limit = settings.COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR
    for number in range(limit):
        _start(newcomer, space, number)
    Thread.objects.filter(author=newcomer).update(created_at=timezone.now() - timedelta(minutes=45))
    with pytest.raises(ValidationError) as refused:
        _start(newcomer, space, limit)
    assert refused.value.messages == [_flood_message(services.THREAD_FLOOD, 15)]
    assert refused.value.code == "flood"
    assert Thread.objects.filter(author=newcomer).count() == limit
    assert Post.objects.filter(author=newcomer).count() == limit


def test_threads_older_than_the_window_no_longer_count():
    space = make_space()
    newcomer = make_member(space)
    limit = settings.COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR
    for number in range(limit):
        _start(newcomer, space, number)
    Thread.objects.filter(author=newcomer).update(created_at=timezone.now() - timedelta(minutes=61))
    _start(newcomer, space, limit)
    assert Thread.objects.filter(author=newcomer).count() == limit + 1


def test_established_accounts_get_the_wider_limit():
    space = make_space()
    member = _established(space)
    assert services.flood_limits(member) == (
        settings.COMMUNITY_THREADS_PER_HOUR,
        settings.COMMUNITY_REPLIES_PER_HOUR,
    )
    assert settings.COMMUNITY_THREADS_PER_HOUR > settings.COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR
    for number in range(settings.COMMUNITY_THREADS_PER_HOUR):
        _start(member, space, number)
    with pytest.raises(ValidationError) as refused:
        _start(member, space, 99)
    assert refused.value.messages == [_flood_message(services.THREAD_FLOOD, 60)]


def test_replies_are_limited_apart_from_threads():
    space = make_space()
    newcomer = make_member(space)
    thread = make_thread(space, make_member(space))
    limit = settings.COMMUNITY_NEW_ACCOUNT_REPLIES_PER_HOUR
    for number in range(limit):
        services.post_create(user=newcomer, thread=thread, source=f"Reply {number}")
    with pytest.raises(ValidationError) as refused:
        services.post_create(user=newcomer, thread=thread, source="One too many")
    assert refused.value.messages == [_flood_message(services.REPLY_FLOOD, 60)]
    assert thread.posts.filter(author=newcomer).count() == limit
    # Starting a thread is counted on its own: the replies do not use it up.
    _start(newcomer, space)


def test_moderators_and_site_staff_are_not_limited(superuser):
    space = make_space()
    moderator = make_member(space, moderator=True)
    superuser.date_joined = timezone.now()
    superuser.save()
    limit = settings.COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR
    for person in (moderator, superuser):
        for number in range(limit + 2):
            _start(person, space, number)
        assert Thread.objects.filter(author=person).count() == limit + 2


def test_the_limit_is_per_person():
    space = make_space()
    first, second = make_member(space), make_member(space)
    for number in range(settings.COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR):
        _start(first, space, number)
    _start(second, space)
    assert Thread.objects.filter(author=second).count() == 1


def test_over_the_limit_the_thread_form_comes_back_with_the_message_and_the_text(client, home):
    space = make_space()
    newcomer = make_member(space)
    for number in range(settings.COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR):
        _start(newcomer, space, number)
    client.force_login(newcomer)
    response = client.post(
        reverse("community:thread_create", args=[space.slug]),
        {"title": "My fourth thread", "kind": "discussion", "source": "Carefully written text"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert _flood_message(services.THREAD_FLOOD, 60) in response.context["form"].non_field_errors()
    assert "Carefully written text" in page and 'value="My fourth thread"' in page
    assert "You can start another in 60 minutes" in page
    assert not Thread.objects.filter(title="My fourth thread").exists()


def test_over_the_limit_the_reply_form_comes_back_with_the_message_and_the_text(client, home):
    space = make_space()
    newcomer = make_member(space)
    thread = make_thread(space, make_member(space))
    for number in range(settings.COMMUNITY_NEW_ACCOUNT_REPLIES_PER_HOUR):
        services.post_create(user=newcomer, thread=thread, source=f"Reply {number}")
    client.force_login(newcomer)
    response = client.post(
        reverse("community:reply", args=[thread.pk]), {"source": "A reply worth keeping"}
    )
    assert response.status_code == 200
    assert _flood_message(services.REPLY_FLOOD, 60) in response.context["form"].non_field_errors()
    assert "A reply worth keeping" in response.content.decode()
    assert not Post.objects.filter(source="A reply worth keeping").exists()


def test_a_new_account_is_one_younger_than_the_setting(settings):
    settings.COMMUNITY_NEW_ACCOUNT_DAYS = 3
    young = UserFactory(date_joined=timezone.now() - timedelta(days=2, hours=23))
    old = UserFactory(date_joined=timezone.now() - timedelta(days=3, minutes=1))
    assert services.flood_limits(young) == (
        settings.COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR,
        settings.COMMUNITY_NEW_ACCOUNT_REPLIES_PER_HOUR,
    )
    assert services.flood_limits(old) == (
        settings.COMMUNITY_THREADS_PER_HOUR,
        settings.COMMUNITY_REPLIES_PER_HOUR,
    )
