"""In-app notifications for every app, and what each person chose to receive by e-mail."""

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# Who did something, when their account has since been deleted.
FORMER_MEMBER = _("a former member")
SOMEONE = _("someone")


class Notification(models.Model):
    """Something that happened for one person. `scope` names what a reader must still be
    allowed to see for the notification to be shown or e-mailed (a community space, say);
    see `portal.notifications.scopes`.

    What happened is stored without anybody's name: a `verb`, the `target` it happened in
    (a thread's title, a space's name) and the `actor` as a key. The sentence is made when
    the notification is shown or e-mailed, from the actor's name at that moment, so a
    deleted account leaves no name behind (`had_actor` remembers there was someone)."""

    class Kind(models.TextChoices):
        MENTION = "mention", _("Someone mentioned me")
        REPLY = "reply", _("Replies and quotes of my posts")
        WATCHED = "watched", _("New posts where I am watching")
        MEMBERSHIP = "membership", _("Membership requests, invitations and decisions")
        MODERATION = "moderation", _("Moderation of my posts and flags to review")
        ACCESSIBILITY = "accessibility", _("Accessibility feedback for the editors")
        ALERTS = "alerts", _("Calls and vacancies matching my saved searches")

    class Verb(models.TextChoices):
        MENTIONED = "mentioned", _("mentioned")
        QUOTED = "quoted", _("quoted")
        STARTED = "started", _("started a thread")
        REPLIED = "replied", _("replied")
        ANSWER_ACCEPTED = "answer_accepted", _("answer accepted")
        POST_FLAGGED = "post_flagged", _("post flagged")
        POST_HIDDEN = "post_hidden", _("post hidden")
        JOIN_REQUESTED = "join_requested", _("asks to join")
        REQUEST_APPROVED = "request_approved", _("request approved")
        REQUEST_DECLINED = "request_declined", _("request declined")
        INVITED = "invited", _("invited")
        ACCESSIBILITY_FEEDBACK = "accessibility_feedback", _("accessibility feedback")
        # Saved searches (hub.alerts): `target` names the item, `detail` the saved search.
        ALERT_OPENED = "alert_opened", _("now open")
        ALERT_CLOSING = "alert_closing", _("closing soon")
        ALERT_PUBLISHED = "alert_published", _("published")
        ALERT_MATCHED = "alert_matched", _("matches a saved search")

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
    verb = models.CharField(max_length=24, choices=Verb.choices, blank=True)
    target = models.CharField(max_length=300, blank=True)
    # A short addition the sentence shows: a flag's reason, the moderators' message.
    detail = models.CharField(max_length=500, blank=True)
    had_actor = models.BooleanField(default=False)
    # The sentence of a notification written before verbs existed, when it could not be
    # taken apart; shown as it is when `verb` is empty.
    legacy_title = models.CharField(max_length=300, blank=True)
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

    @property
    def actor_name(self) -> str:
        if self.actor_id is not None:
            return self.actor.display_name
        return str(FORMER_MEMBER if self.had_actor else SOMEONE)

    @property
    def title(self) -> str:
        """The sentence, in the active language, naming the actor as they are called now."""
        if not self.verb:
            return self.legacy_title
        sentence = SENTENCES[self.verb] % {
            "actor": self.actor_name,
            "target": self.target,
            "detail": self.detail,
        }
        if self.detail and self.verb in WITH_MESSAGE:
            sentence = WITH_MESSAGE_SENTENCE % {"decision": sentence, "message": self.detail}
        return capfirst(sentence)


SENTENCES = {
    Notification.Verb.MENTIONED: _("%(actor)s mentioned you in “%(target)s”"),
    Notification.Verb.QUOTED: _("%(actor)s quoted you in “%(target)s”"),
    Notification.Verb.STARTED: _("%(actor)s started “%(target)s”"),
    Notification.Verb.REPLIED: _("%(actor)s replied in “%(target)s”"),
    Notification.Verb.ANSWER_ACCEPTED: _("Your answer in “%(target)s” was accepted"),
    Notification.Verb.POST_FLAGGED: _("A post in “%(target)s” was flagged: %(detail)s"),
    Notification.Verb.POST_HIDDEN: _("A moderator hid your post in “%(target)s”"),
    Notification.Verb.JOIN_REQUESTED: _("%(actor)s asks to join %(target)s"),
    Notification.Verb.REQUEST_APPROVED: _("Welcome to %(target)s: your request was approved"),
    Notification.Verb.REQUEST_DECLINED: _("Your request to join %(target)s was declined"),
    Notification.Verb.INVITED: _("%(actor)s invites you to join %(target)s"),
    Notification.Verb.ACCESSIBILITY_FEEDBACK: _("New accessibility feedback about %(target)s"),
    Notification.Verb.ALERT_OPENED: _(
        "Now open: “%(target)s”, which matches your saved search “%(detail)s”"
    ),
    Notification.Verb.ALERT_CLOSING: _(
        "Closing soon: “%(target)s”, which matches your saved search “%(detail)s”"
    ),
    Notification.Verb.ALERT_PUBLISHED: _(
        "New: “%(target)s”, which matches your saved search “%(detail)s”"
    ),
    Notification.Verb.ALERT_MATCHED: _("“%(target)s” matches your saved search “%(detail)s”"),
}
WITH_MESSAGE = {Notification.Verb.REQUEST_APPROVED, Notification.Verb.REQUEST_DECLINED}
WITH_MESSAGE_SENTENCE = _("%(decision)s. Message from the moderators: %(message)s")


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
