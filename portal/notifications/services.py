from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

from .tasks import send_email


def email_enqueue(*, message: EmailMessage) -> None:
    """Send a composed e-mail from the task worker once the current transaction commits."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next(
            (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
        )
    payload = {
        "subject": str(message.subject),
        "body": str(message.body),
        "to": [str(address) for address in message.to],
        "from_email": message.from_email,
        "html": str(html),
    }
    transaction.on_commit(lambda: send_email.enqueue(**payload))
