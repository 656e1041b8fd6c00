"""E-mails leave through the database task queue (as in production) without the queue keeping
addresses, texts or links: notification e-mails carry ids, every other e-mail is sealed and
its record goes once it is sent."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from campaigns.cooperation_day import services as cooperation_day
from campaigns.cooperation_day.models import Event
from portal.accounts.models import Profile
from portal.notifications import services as notifications
from portal.notifications.models import Notification
from portal.notifications.sealing import SEALED_MAX_AGE, Unreadable, _keys, seal, unseal
from portal.notifications.tasks import send_email
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_edition, make_event

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ADDRESS = "queue.person@example.org"


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def queue_text() -> str:
    """Everything the task queue's table holds, as text."""
    return json.dumps(
        list(DBTaskResult.objects.values("args_kwargs", "return_value", "traceback")),
        default=str,
    ).lower()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_password_reset_waits_sealed_and_its_record_goes_once_sent(client):
    UserFactory(email=ADDRESS)
    client.post(reverse("account_reset_password"), {"email": ADDRESS})
    assert DBTaskResult.objects.filter(task_path=send_email.module_path).count() == 1
    waiting = queue_text()
    assert "queue.person" not in waiting
    assert "password" not in waiting
    assert mail.outbox == []
    run_worker()
    (sent,) = mail.outbox
    assert sent.to == [ADDRESS]
    link = re.search(r"http://\S+/password/reset/key/\S+", sent.body).group(0)
    assert not DBTaskResult.objects.filter(task_path=send_email.module_path).exists()
    assert link.split("/key/")[1].rstrip("/").lower() not in queue_text()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_sign_up_confirmation_link_is_never_stored_in_the_clear(home):
    event = make_event(
        make_edition(),
        ProgrammeFactory(),
        UserFactory(),
        booking=Event.Booking.SIGN_UP,
        capacity=5,
    )
    cooperation_day.sign_up_request(event=event, name="Queue Person", email=ADDRESS)
    assert "queue" not in queue_text()
    run_worker()
    (sent,) = mail.outbox
    token = re.search(r"/sign-up/(\S+)/confirm/", sent.body).group(1)
    cooperation_day.sign_up_confirm(token=token)
    run_worker()
    assert [message.to for message in mail.outbox] == [[ADDRESS], [ADDRESS]]
    assert not DBTaskResult.objects.filter(task_path=send_email.module_path).exists()
    assert "queue" not in queue_text()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_notification_e_mail_is_queued_as_its_id_and_composed_when_sent():
    reader = UserFactory(email=ADDRESS)
    Profile.objects.update_or_create(
        user=reader, defaults={"email_frequency": Profile.EmailFrequency.IMMEDIATELY}
    )
    (notification,) = notifications.notify(
        recipients=[reader],
        kind="membership",
        verb="invited",
        target="Finance",
        url="/",
        actor=UserFactory(first_name="Ana", last_name="Lopez"),
    )
    (queued,) = DBTaskResult.objects.exclude(task_path__startswith="modelsearch.")
    assert queued.args_kwargs == {"args": [], "kwargs": {"notification_id": notification.pk}}
    run_worker()
    (sent,) = mail.outbox
    assert (sent.to, sent.subject) == ([ADDRESS], "Ana Lopez invites you to join Finance")
    assert "queue.person" not in queue_text()
    assert "lopez" not in queue_text()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_notification_whose_recipient_has_left_is_not_sent():
    reader = UserFactory(email=ADDRESS)
    Profile.objects.update_or_create(
        user=reader, defaults={"email_frequency": Profile.EmailFrequency.IMMEDIATELY}
    )
    notifications.notify(
        recipients=[reader], kind="membership", verb="invited", target="F", url="/"
    )
    reader.delete()
    run_worker()
    assert mail.outbox == []
    assert Notification.objects.count() == 0


@override_settings(
    TASKS=DATABASE_TASKS,
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9,  # nothing listens: the send fails for real
    EMAIL_TIMEOUT=2,
)
def test_a_failed_send_keeps_the_sealed_record_without_its_error_text():
    notifications.email_from_templates(
        template="notifications/email/notification",
        to=[ADDRESS],
        context={"title": "Hello", "url": "/", "recipient": UserFactory()},
        language="en",
    )
    run_worker()
    (failed,) = DBTaskResult.objects.filter(task_path=send_email.module_path)
    assert failed.status == "FAILED"
    assert failed.traceback == ""
    assert "queue.person" not in queue_text()


def test_sealed_values_expire_and_cannot_be_forged():
    assert unseal(seal({"to": [ADDRESS]})) == {"to": [ADDRESS]}
    too_old = datetime.now() - SEALED_MAX_AGE - timedelta(minutes=1)
    old = _keys().encrypt_at_time(b'{"to": []}', int(too_old.timestamp())).decode()
    with pytest.raises(Unreadable):
        unseal(old)
    with pytest.raises(Unreadable):
        unseal(seal({"to": [ADDRESS]})[:-4] + "AAAA")


@override_settings(TASKS=DATABASE_TASKS)
def test_an_expired_sealed_e_mail_is_dropped_unsent():
    too_old = datetime.now() - SEALED_MAX_AGE - timedelta(minutes=1)
    old = _keys().encrypt_at_time(b"{}", int(too_old.timestamp())).decode()
    send_email.enqueue(sealed=old)
    run_worker()
    assert mail.outbox == []
