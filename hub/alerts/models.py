"""Saved searches and what was sent for them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A person keeps at most this many saved searches: enough for every programme and theme they
# follow, few enough that the alerts stay readable.
MAX_SAVED_SEARCHES = 50
# What the listing's address can carry; longer filter strings are refused, not cut.
MAX_QUERY_LENGTH = 1000


class SavedSearch(models.Model):
    """A listing's filters a person wants to hear about. `query` is the listing's query string
    in one normal form (keys sorted, no page, no empty values), so the same filters saved
    twice are the same row and opening the listing with `query` shows what is watched.
    `name` says in words what the filters select; it is written once, when saved."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    kind = models.CharField(_("kind"), max_length=32)
    query = models.CharField(_("filters"), max_length=MAX_QUERY_LENGTH, blank=True)
    name = models.CharField(_("name"), max_length=300)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "query"], name="hub_alerts_saved_search_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "query"])]

    def __str__(self):
        return self.name


class AlertDelivery(models.Model):
    """One person told about one item on one occasion ("opened", "closing"…). Unique per
    person, not per saved search: two of someone's searches finding the same call tell them
    once, and a run that overlaps an earlier one tells nobody twice. Kept when the saved
    search goes, so saving it again does not repeat what was already told."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)
    item_key = models.CharField(max_length=64)
    occasion = models.CharField(max_length=32)
    saved_search = models.ForeignKey(
        SavedSearch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("alert sent")
        verbose_name_plural = _("alerts sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "item_key", "occasion"],
                name="hub_alerts_delivery_unique",
            )
        ]
        indexes = [models.Index(fields=["kind", "occasion", "item_key"])]

    def __str__(self):
        return f"{self.kind} {self.item_key} {self.occasion}"


class AlertClock(models.Model):
    """Until when the alerts engine has told everyone: the end of its last successful run,
    where the next one starts. One row, locked while a run works, so two runs started at
    once take their turns."""

    told_until = models.DateTimeField()
    last_run_at = models.DateTimeField()
    last_sent = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("alerts clock")

    def __str__(self):
        return f"{self.told_until:%Y-%m-%d %H:%M} UTC"
