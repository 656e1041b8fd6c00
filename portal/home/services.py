"""Feedback on the accessibility statement: stored, then announced to the editors who read it."""

import math
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from portal.notifications.models import Notification
from portal.notifications.services import notify

from .models import AccessibilityFeedback, AccessibilityStatementPage
from .selectors import accessibility_feedback_readers

FEEDBACK_FLOOD = ngettext_lazy(
    "This address has sent as much feedback as we accept in an hour. "
    "You can send more in %(minutes)d minute; your text is kept below.",
    "This address has sent as much feedback as we accept in an hour. "
    "You can send more in %(minutes)d minutes; your text is kept below.",
    "minutes",
)
FEEDBACK_WINDOW = timedelta(hours=1)


def _refuse_flood(*, statement: AccessibilityStatementPage, email: str) -> None:
    """Refuse when `email` sent ACCESSIBILITY_FEEDBACK_PER_EMAIL_PER_HOUR messages in the last
    hour. Counted from the stored feedback, so it holds without the cache and whatever client
    address sends; the statement's row is locked so simultaneous messages count one by one."""
    list(
        AccessibilityStatementPage.objects.select_for_update()
        .filter(pk=statement.pk)
        .values_list("pk", flat=True)
    )
    limit = settings.ACCESSIBILITY_FEEDBACK_PER_EMAIL_PER_HOUR
    now = timezone.now()
    times = list(
        AccessibilityFeedback.objects.filter(
            email__iexact=email, created_at__gt=now - FEEDBACK_WINDOW
        )
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(times) < limit:
        return
    frees_at = times[len(times) - limit] + FEEDBACK_WINDOW
    minutes = max(1, math.ceil((frees_at - now).total_seconds() / 60))
    raise ValidationError({"email": FEEDBACK_FLOOD % {"minutes": minutes}}, code="flood")


def accessibility_feedback_submit(
    *,
    statement: AccessibilityStatementPage,
    sender,
    name: str,
    email: str,
    page_concerned: str,
    problem: str,
) -> AccessibilityFeedback:
    """Keep the feedback, and notify every editor who may read it in the admin."""
    with transaction.atomic():
        _refuse_flood(statement=statement, email=email)
        feedback = AccessibilityFeedback.objects.create(
            statement=statement,
            sender=sender if getattr(sender, "is_authenticated", False) else None,
            name=name,
            email=email,
            page_concerned=page_concerned,
            problem=problem,
        )
        notify(
            recipients=accessibility_feedback_readers(),
            kind=Notification.Kind.ACCESSIBILITY,
            verb=Notification.Verb.ACCESSIBILITY_FEEDBACK,
            target=page_concerned,
            url=reverse("home_accessibility_feedback:inspect", args=[feedback.pk]),
        )
    return feedback
