"""Notifications store no names: the sentence is made when shown or e-mailed, from the actor's
current name, and a deleted actor is "a former member"."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import services as community
from portal.accounts.models import Profile
from portal.accounts.services import account_delete
from portal.notifications import services as notifications
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _reply_seen_by_watcher(*, frequency=Profile.EmailFrequency.NEVER):
    space = make_space()
    author = make_member(space, UserFactory(first_name="Ana", last_name="Lopez"))
    watcher = make_member(space, UserFactory(first_name="Ines", last_name="Duarte"))
    starter = make_member(space)
    Profile.objects.update(email_frequency=Profile.EmailFrequency.NEVER)
    Profile.objects.filter(user=watcher).update(email_frequency=frequency)
    thread = community.thread_create(
        user=starter, space=space, title="Budget rules", kind="discussion", source="?"
    )
    community.subscription_set(user=watcher, level="watching", space=space)
    community.post_create(user=author, thread=thread, source="Read article 4.")
    return author, watcher


def test_the_stored_notification_holds_no_name_and_the_sentence_uses_the_current_one():
    author, watcher = _reply_seen_by_watcher()
    notification = Notification.objects.get(recipient=watcher, verb="replied")
    stored = [notification.legacy_title, notification.target, notification.detail]
    assert not any("Ana" in value or "Lopez" in value for value in stored)
    assert notification.title == "Ana Lopez replied in “Budget rules”"
    author.first_name, author.last_name = "Ana", "Lopez-Ruiz"
    author.save()
    assert Notification.objects.get(pk=notification.pk).title == (
        "Ana Lopez-Ruiz replied in “Budget rules”"
    )


def test_a_deleted_actor_is_shown_as_a_former_member_in_the_centre(client):
    author, watcher = _reply_seen_by_watcher()
    account_delete(user=author)
    notification = Notification.objects.get(recipient=watcher, verb="replied")
    assert (notification.actor_id, notification.had_actor, notification.excerpt) == (None, True, "")
    assert notification.title == "A former member replied in “Budget rules”"
    client.force_login(watcher)
    page = client.get(reverse("notifications:centre")).content.decode()
    assert "A former member replied in “Budget rules”" in page
    assert "Lopez" not in page


def test_notifications_without_an_actor_do_not_pretend_to_have_had_one():
    person = UserFactory()
    notifications.notify(
        recipients=[person], kind="membership", verb="request_declined", target="Finance", url="/"
    )
    notification = Notification.objects.get()
    assert notification.had_actor is False
    assert notification.title == "Your request to join Finance was declined"


@override_settings(TASKS=DATABASE_TASKS)
def test_an_immediate_e_mail_names_the_actor_as_they_are_called_when_it_is_sent():
    author, watcher = _reply_seen_by_watcher(frequency=Profile.EmailFrequency.IMMEDIATELY)
    author.last_name = "Lopez-Ruiz"
    author.save()
    assert mail.outbox == []
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    sent = [message for message in mail.outbox if message.to == [watcher.email]]
    assert [message.subject for message in sent] == ["Ana Lopez-Ruiz replied in “Budget rules”"]
    assert "Read article 4." in sent[0].body


def test_the_digest_is_written_when_it_is_sent_and_names_a_deleted_actor_as_a_former_member():
    author, watcher = _reply_seen_by_watcher(frequency=Profile.EmailFrequency.DAILY)
    account_delete(user=author)
    mail.outbox.clear()
    assert notifications.digests_send(frequency="daily") == 1
    (digest,) = mail.outbox
    assert digest.to == [watcher.email]
    assert "A former member replied in “Budget rules”" in digest.body
    assert "Lopez" not in digest.body


def test_the_centre_asks_the_same_number_of_queries_for_3_and_30_notifications(client):
    space = make_space()
    reader = make_member(space)
    client.force_login(reader)

    def notify_from_new_people(count):
        for _ in range(count):
            notifications.notify(
                recipients=[reader],
                kind="mention",
                verb="mentioned",
                target="Budget rules",
                url="/",
                actor=UserFactory(),
                scope=(community.SCOPE, space.pk),
            )

    def queries():
        client.get(reverse("notifications:centre"))  # warm the per-person caches
        with CaptureQueriesContext(connection) as context:
            page = client.get(reverse("notifications:centre")).content.decode()
        return len(context.captured_queries), page

    notify_from_new_people(3)
    few, _page = queries()
    notify_from_new_people(27)
    many, page = queries()
    assert page.count("mentioned you in “Budget rules”") == 30
    assert many == few
