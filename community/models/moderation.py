"""Flags raised by members and the log of what moderators did."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .spaces import Space
from .threads import Post, Thread


class Flag(models.Model):
    class Reason(models.TextChoices):
        OFF_TOPIC = "off_topic", _("Off topic")
        INAPPROPRIATE = "inappropriate", _("Inappropriate or offensive")
        SPAM = "spam", _("Spam or advertising")
        PERSONAL_DATA = "personal_data", _("Shares personal data")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        UPHELD = "upheld", _("Upheld: the post was hidden")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.TextField(_("anything the moderators should know"), blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(status="open"),
                name="community_flag_open_unique",
            )
        ]

    def __str__(self):
        return f"{self.post}: {self.get_reason_display()}"


class ModerationAction(models.Model):
    """One thing a moderator did, kept for moderators and site staff."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        DISMISS_FLAGS = "dismiss_flags", _("Dismissed flags")
        LOCK = "lock", _("Locked a thread")
        UNLOCK = "unlock", _("Unlocked a thread")
        PIN = "pin", _("Pinned a thread")
        UNPIN = "unpin", _("Unpinned a thread")
        MOVE = "move", _("Moved a thread")
        MERGE = "merge", _("Merged threads")
        APPROVE = "approve", _("Approved a request to join")
        DECLINE = "decline", _("Declined a request to join")
        INVITE = "invite", _("Invited someone")
        REMOVE = "remove", _("Removed a member")
        BAN = "ban", _("Banned a member")
        UNBAN = "unban", _("Lifted a ban")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="moderation_actions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.actor}: {self.get_action_display()}"
