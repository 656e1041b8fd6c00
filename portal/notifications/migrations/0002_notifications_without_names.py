"""Notifications store what happened (a verb and its target) instead of a sentence naming
the actor; existing sentences are taken apart where their wording is known."""

import re

from django.db import migrations, models

# The sentences notifications were written with (English), each with what it stands for.
KNOWN = [
    (r"(?P<actor>.+) mentioned you in “(?P<target>.+)”", "mentioned"),
    (r"(?P<actor>.+) quoted you in “(?P<target>.+)”", "quoted"),
    (r"(?P<actor>.+) replied in “(?P<target>.+)”", "replied"),
    (r"(?P<actor>.+) started “(?P<target>.+)”", "started"),
    (r"Your answer in “(?P<target>.+)” was accepted", "answer_accepted"),
    (r"A post in “(?P<target>.+)” was flagged: (?P<detail>.+)", "post_flagged"),
    (r"A moderator hid your post in “(?P<target>.+)”", "post_hidden"),
    (r"(?P<actor>.+) asks to join (?P<target>.+)", "join_requested"),
    (r"(?P<actor>.+) invites you to join (?P<target>.+)", "invited"),
    (
        r"Welcome to (?P<target>.+): your request was approved"
        r"(?:\. Message from the moderators: (?P<detail>.+))?",
        "request_approved",
    ),
    (
        r"Your request to join (?P<target>.+) was declined"
        r"(?:\. Message from the moderators: (?P<detail>.+))?",
        "request_declined",
    ),
]
PATTERNS = [(re.compile(rf"^{pattern}$", re.DOTALL), verb) for pattern, verb in KNOWN]

ENGLISH = {
    "mentioned": "{actor} mentioned you in “{target}”",
    "quoted": "{actor} quoted you in “{target}”",
    "replied": "{actor} replied in “{target}”",
    "started": "{actor} started “{target}”",
    "answer_accepted": "Your answer in “{target}” was accepted",
    "post_flagged": "A post in “{target}” was flagged: {detail}",
    "post_hidden": "A moderator hid your post in “{target}”",
    "join_requested": "{actor} asks to join {target}",
    "invited": "{actor} invites you to join {target}",
    "request_approved": "Welcome to {target}: your request was approved",
    "request_declined": "Your request to join {target} was declined",
}


def take_titles_apart(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    changed = []
    for notification in Notification.objects.exclude(legacy_title="").iterator():
        for pattern, verb in PATTERNS:
            match = pattern.match(notification.legacy_title)
            if match is None:
                continue
            parts = match.groupdict()
            notification.verb = verb
            notification.target = parts["target"][:300]
            notification.detail = (parts.get("detail") or "")[:500]
            notification.had_actor = bool(parts.get("actor")) or notification.actor_id is not None
            notification.legacy_title = ""
            changed.append(notification)
            break
        else:
            if notification.actor_id is not None:
                notification.had_actor = True
                changed.append(notification)
    Notification.objects.bulk_update(
        changed, ["verb", "target", "detail", "had_actor", "legacy_title"], batch_size=500
    )


def write_titles_back(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    changed = []
    for notification in Notification.objects.exclude(verb="").select_related("actor").iterator():
        actor = notification.actor
        name = "A former member" if notification.had_actor else "Someone"
        if actor is not None:
            name = f"{actor.first_name} {actor.last_name}".strip() or actor.email.split("@")[0]
        title = ENGLISH[notification.verb].format(
            actor=name, target=notification.target, detail=notification.detail
        )
        if notification.detail and notification.verb.startswith("request_"):
            title = f"{title}. Message from the moderators: {notification.detail}"
        notification.legacy_title = title[:300]
        changed.append(notification)
    Notification.objects.bulk_update(changed, ["legacy_title"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications_opt_outs"),
    ]

    operations = [
        migrations.RenameField(model_name="notification", old_name="title", new_name="legacy_title"),
        migrations.AlterField(
            model_name="notification",
            name="legacy_title",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="notification",
            name="verb",
            field=models.CharField(
                blank=True,
                choices=[
                    ("mentioned", "mentioned"),
                    ("quoted", "quoted"),
                    ("started", "started a thread"),
                    ("replied", "replied"),
                    ("answer_accepted", "answer accepted"),
                    ("post_flagged", "post flagged"),
                    ("post_hidden", "post hidden"),
                    ("join_requested", "asks to join"),
                    ("request_approved", "request approved"),
                    ("request_declined", "request declined"),
                    ("invited", "invited"),
                ],
                max_length=24,
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="target",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="notification",
            name="detail",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="notification",
            name="had_actor",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(take_titles_apart, write_titles_back),
    ]
