import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from portal.notifications.services import email_enqueue

pytestmark = pytest.mark.django_db(transaction=True)


def _message():
    message = EmailMultiAlternatives(
        subject="Welcome", body="Plain text", from_email="portal@example.org", to=["a@example.org"]
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    return message


def test_email_is_sent_by_the_task_once_the_transaction_commits(mailoutbox):
    with transaction.atomic():
        email_enqueue(message=_message())
        assert mailoutbox == []  # nothing leaves before the data is saved
    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert (sent.subject, sent.body, sent.to) == ("Welcome", "Plain text", ["a@example.org"])
    assert sent.alternatives[0][0] == "<p>HTML</p>"


def test_no_email_is_sent_when_the_transaction_rolls_back(mailoutbox):
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        email_enqueue(message=_message())
        raise Abort
    assert mailoutbox == []
