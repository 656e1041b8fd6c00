"""In-app notifications for every app, and what each person chose to receive by e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something that happened for one person. `scope` names what a reader must still be
    allowed to see for the notification to be shown or e-mailed (a community space, say);
    see `portal.notifications.scopes`."""

    class Kind(models.TextChoices):
        MENTION = "mention", _("Someone mentioned me")
        REPLY = "reply", _("Replies and quotes of my posts")
        WATCHED = "watched", _("New posts where I am watching")
        MEMBERSHIP = "membership", _("Membership requests, invitations and decisions")
        MODERATION = "moderation", _("Moderation of my posts and flags to review")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(max_length=300)
    excerpt = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    scope_type = models.CharField(max_length=40, blank=True)
    scope_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # None until e-mailed (straight away or in a digest) or known never to be.
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_pending = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("notification")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_pending", "recipient"]),
        ]

    def __str__(self):
        return self.title


class EmailOptOut(models.Model):
    """A kind of e-mail someone no longer wants (one-click unsubscribe). `digest` stands for
    the daily and weekly digests."""

    DIGEST = "digest"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail opt-out")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_opt_out_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.kind}"
