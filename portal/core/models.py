from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from . import cache

DEFAULT_FUNDING_STATEMENT = _(
    "Interreg is co-funded by the European Union. The views expressed on this portal are "
    "those of the authors and do not necessarily reflect those of the European Union."
)


@register_setting(icon="site")
class SiteChromeSettings(BaseSiteSetting):
    """What the header and footer of every page show, editable by site editors."""

    invalidates_page_cache = True

    funding_statement = models.TextField(
        _("EU co-funding statement"),
        blank=True,
        help_text=_("Shown in the footer beside the EU emblem. Leave empty for the standard text."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    footer_links = StreamField(
        [("page", blocks.PageChooserBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("footer links"),
    )

    panels = [
        FieldPanel("funding_statement"),
        FieldPanel("contact_email"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("header and footer")

    @classmethod
    def for_site(cls, site):
        """Every page shows these, so they are kept until the next change to content or to
        them (saving them drops every cached page and value)."""
        if site is None:
            return super().for_site(site)

        def read():
            # Read with the site, when the site came from the request (CachedSiteMiddleware).
            try:
                chrome = (
                    site.sitechromesettings if Site.sitechromesettings.is_cached(site) else None
                )
            except cls.DoesNotExist:
                chrome = None  # none saved yet: made as Wagtail makes it
            if chrome is None:
                chrome = super(SiteChromeSettings, cls).for_site(site)
            return chrome

        return cache.cached_value(("site-chrome", site.pk), read, settings.PAGE_CACHE_SECONDS)

    @property
    def footer_page_ids(self) -> list[int]:
        """The footer's linked pages, in their order, by id: the pages themselves are read
        with the header's (`navigation.site_links`)."""
        return [link["value"] for link in self.footer_links.raw_data if link.get("value")]

    @property
    def funding_statement_text(self) -> str:
        return self.funding_statement or str(DEFAULT_FUNDING_STATEMENT)


class FormSubmission(models.Model):
    """A form that makes something, as processed once: its one-time token, who sent it and
    the address of what it made. The same form sent again (a double click, a resent request)
    finds this row and leads to that result instead of making a second one."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")

    def __str__(self):
        return self.result_url or self.token


class ScheduledRun(models.Model):
    """One period's run of a job of the portal's schedule (`portal.core.schedule`). The unique
    pair of job and slot is the claim: whichever scheduler inserts it first runs the job, on
    whichever host, and every other scheduler ticking in that period finds it taken."""

    class Outcome(models.TextChoices):
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    job = models.CharField(max_length=100)
    # The start of the period this run belongs to (UTC), not when it actually started.
    slot = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    # Which scheduler ran it ("host:pid"), for the operator reading the table.
    runner = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    output = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_once_per_slot")
        ]
        ordering = ["-slot", "job"]

    def __str__(self):
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M} ({self.outcome})"
