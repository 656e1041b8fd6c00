"""Notifications written before verbs existed are taken apart into verb and target, so the
names baked into their sentences go."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("notifications", "0001_notifications_opt_outs")]
AFTER = [("notifications", "0002_notifications_without_names")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_sentences_lose_the_names_they_held():
    old_apps = _migrate(BEFORE)
    try:
        User = old_apps.get_model("accounts", "User")
        OldNotification = old_apps.get_model("notifications", "Notification")
        reader = User.objects.create(email="reader@example.org")
        still_here = User.objects.create(email="ana@example.org", first_name="Ana")
        rows = {
            # whose account was deleted: the actor is already null, the name is in the title
            "gone": ("Bob Victim replied in “Budget rules”", None, "watched"),
            "here": ("Ana mentioned you in “Budget rules”", still_here, "mention"),
            "decided": (
                "Your request to join Finance was declined. Message from the moderators: "
                "Only for staff.",
                None,
                "membership",
            ),
            "unknown": ("Bob Victim a fait quelque chose", None, "watched"),
        }
        ids = {
            key: OldNotification.objects.create(
                recipient=reader, kind=kind, actor=actor, title=title, url="/"
            ).pk
            for key, (title, actor, kind) in rows.items()
        }
    finally:
        _migrate(AFTER)

    stored = {key: Notification.objects.get(pk=pk) for key, pk in ids.items()}
    gone = stored["gone"]
    assert (gone.verb, gone.target, gone.had_actor, gone.legacy_title) == (
        "replied",
        "Budget rules",
        True,
        "",
    )
    assert gone.title == "A former member replied in “Budget rules”"
    assert stored["here"].title == "Ana mentioned you in “Budget rules”"
    assert stored["decided"].title == (
        "Your request to join Finance was declined. Message from the moderators: Only for staff."
    )
    assert stored["decided"].had_actor is False
    assert stored["unknown"].title == "Bob Victim a fait quelque chose"  # kept as it was
