"""Two schedulers send the renewal reminders at the same moment (PostgreSQL): each holder hears
once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from academy import services
from academy.models import Certificate
from tests.factories import UserFactory
from tests.helpers import all_at_once

HOLDERS, SCHEDULERS = 6, 4

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def expiring(db):
    holders = UserFactory.create_batch(HOLDERS)
    for number, holder in enumerate(holders):
        services.certificate_issue(
            kind=Certificate.Kind.SLAM_COACHING,
            source_key=f"slam:{number}",
            holder=holder,
            title="Interreg Slam coaching",
            completed_on=timezone.localdate(),
            valid_until=timezone.now() + timedelta(days=20),
        )
    return holders


def test_without_the_claim_every_scheduler_sends_every_reminder(expiring, outbox):
    """The control: read what is due, then send and mark it, lets each scheduler send all."""
    everyone_read = threading.Barrier(SCHEDULERS)

    def naive_send(_scheduler):
        due = list(
            Certificate.objects.filter(renewal_reminded_at__isnull=True).select_related("holder")
        )
        everyone_read.wait()
        for certificate in due:
            Certificate.objects.filter(pk=certificate.pk).update(renewal_reminded_at=timezone.now())
            services._renewal_reminder_email(certificate)

    assert connection.vendor == "postgresql"
    outbox.clear()
    assert all_at_once(naive_send, range(SCHEDULERS)) == []
    assert len(outbox) == HOLDERS * SCHEDULERS


def test_schedulers_running_together_send_each_reminder_once(expiring, outbox):
    sent = []

    def send(_scheduler):
        sent.append(services.certificate_renewal_reminders_send())

    assert connection.vendor == "postgresql"
    outbox.clear()
    assert all_at_once(send, range(SCHEDULERS)) == []
    assert sum(sent) == HOLDERS
    assert sorted(message.to[0] for message in outbox) == sorted(h.email for h in expiring)
    assert not Certificate.objects.filter(renewal_reminded_at__isnull=True).exists()
