"""Calls for proposals, kept by the programmes that launch them.

A call's status is never stored: it is read from the clock against its opening and closing
moments (`CallQuerySet.with_status`, `Call.status_at`), so a call closes by itself exactly at its
deadline, with no job to run and nothing to forget.
"""

import zoneinfo
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from hub.models import OrganisationType, validate_nuts_code
from portal.core.timezones import time_zone_choices, validate_time_zone, zone_or_utc

# A call "closes soon" in its last two weeks: long enough to still write an application.
CLOSING_SOON = timedelta(days=14)
DEFAULT_TIME_ZONE = "Europe/Brussels"
MAX_BUDGET = Decimal("999999999999.99")

CLOSES_BEFORE_OPENING = _("The call must close after it opens.")
SLUG_TAKEN = _("This programme already has a call at this web address; choose another.")
UNKNOWN_APPLICANT_TYPE = _("“%(value)s” is not a type of organisation the portal knows.")


class CallStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


def split_codes(text: str) -> list[str]:
    """NUTS codes as people type them: separated by spaces, commas or semicolons."""
    return [code for code in text.replace(",", " ").replace(";", " ").upper().split() if code]


def validate_nuts_codes(text: str) -> None:
    errors = []
    for code in split_codes(text):
        try:
            validate_nuts_code(code)
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)


def split_applicant_types(text: str) -> list[str]:
    return [value for value in (text or "").split(",") if value]


def validate_applicant_types(text: str) -> None:
    known = set(OrganisationType.values)
    for value in split_applicant_types(text):
        if value not in known:
            raise ValidationError(
                UNKNOWN_APPLICANT_TYPE, code="applicant_type", params={"value": value}
            )


class CallQuerySet(models.QuerySet):
    """Status questions asked of the database, at a given moment (now unless told)."""

    def planned(self, now: datetime | None = None):
        return self.filter(opens_at__gt=now or timezone.now())

    def open(self, now: datetime | None = None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def closed(self, now: datetime | None = None):
        return self.filter(closes_at__lte=now or timezone.now())

    def closing_soon(self, now: datetime | None = None):
        now = now or timezone.now()
        return self.open(now).filter(closes_at__lte=now + CLOSING_SOON)

    def open_or_planned(self, now: datetime | None = None):
        return self.filter(closes_at__gt=now or timezone.now())

    def with_status(self, now: datetime | None = None):
        """Each call annotated with `current_status` as the clock reads at `now`."""
        now = now or timezone.now()
        return self.annotate(
            current_status=Case(
                When(opens_at__gt=now, then=Value(CallStatus.PLANNED.value)),
                When(closes_at__gt=now, then=Value(CallStatus.OPEN.value)),
                default=Value(CallStatus.CLOSED.value),
                output_field=models.CharField(),
            )
        )

    def eligible_for(self, organisation_type: str):
        """Calls open to this type of organisation; a call naming no type is open to all."""
        pattern = rf"(^|,){organisation_type}(,|$)"
        return self.filter(Q(applicant_types="") | Q(applicant_types__regex=pattern))


class Call(ClusterableModel):
    """A call for proposals of one programme."""

    programme = models.ForeignKey(
        "accounts.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="calls",
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("As the programme names it, e.g. “Third call for proposals – Priority 2”."),  # noqa: RUF001
    )
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        allow_unicode=False,
        help_text=_("The last part of the call's address; unique within the programme."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences: what the call funds and for whom."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"), help_text=_("The deadline for applications."))
    # Where the deadline is set, for showing it as the programme announces it.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        validators=[validate_time_zone],
        default=DEFAULT_TIME_ZONE,
    )
    budget = models.DecimalField(
        _("budget available (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_BUDGET)],
    )
    max_cofinancing_rate = models.DecimalField(
        _("maximum co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    # Sanitised HTML (portal.core.sanitize), written by the service.
    priorities = models.TextField(_("priorities and objectives"), blank=True)
    eligible_countries = CountryField(_("eligible countries"), multiple=True, blank=True)
    eligible_regions = models.TextField(
        _("eligible regions (NUTS codes)"),
        blank=True,
        validators=[validate_nuts_codes],
        help_text=_(
            "Separated by spaces, e.g. “SI041 SI042 ITH4”; a code covers the regions below it."
        ),
    )
    # OrganisationType values separated by commas; empty: every type may apply.
    applicant_types = models.CharField(
        _("who may apply"), max_length=300, blank=True, validators=[validate_applicant_types]
    )
    themes = models.ManyToManyField(
        "hub.Theme", verbose_name=_("themes"), blank=True, related_name="calls"
    )
    application_url = models.URLField(
        _("application system"),
        blank=True,
        help_text=_("Where applicants apply, e.g. the programme's Jems."),
    )
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CallQuerySet.as_manager()

    # The home page and programme pages show calls: a change drops their cached copies.
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    panels = [
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("max_cofinancing_rate")]),
        FieldPanel("priorities"),
        MultiFieldPanel(
            [
                FieldPanel("eligible_countries"),
                FieldPanel("eligible_regions"),
                FieldPanel("applicant_types"),
                FieldPanel("themes"),
            ],
            heading=_("Who may apply"),
        ),
        MultiFieldPanel(
            [FieldPanel("application_url"), FieldPanel("how_to_apply")], heading=_("How to apply")
        ),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["closes_at", "pk"]
        indexes = [models.Index(fields=["closes_at", "opens_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "slug"],
                name="hub_calls_call_slug_unique_per_programme",
                violation_error_message=SLUG_TAKEN,
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="hub_calls_call_closes_after_opening",
                violation_error_message=CLOSES_BEFORE_OPENING,
            ),
            models.CheckConstraint(
                condition=Q(max_cofinancing_rate__isnull=True)
                | Q(max_cofinancing_rate__gte=0, max_cofinancing_rate__lte=100),
                name="hub_calls_call_rate_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="hub_calls_call_budget_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": CLOSES_BEFORE_OPENING})

    def get_absolute_url(self):
        return reverse(
            "hub_calls:call_detail",
            kwargs={"programme_slug": self.programme.slug, "slug": self.slug},
        )

    def get_edit_url(self):
        return reverse(
            "hub_calls:call_edit", kwargs={"programme_slug": self.programme.slug, "slug": self.slug}
        )

    # Status, read from the clock -----------------------------------------------------------

    def status_at(self, now: datetime) -> str:
        if now < self.opens_at:
            return CallStatus.PLANNED
        if now < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    @property
    def status(self) -> str:
        # The listing's query already read the clock; the page agrees with what it selected.
        annotated = getattr(self, "current_status", None)
        return annotated or self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return CallStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == CallStatus.OPEN

    def closes_soon_at(self, now: datetime) -> bool:
        return self.status_at(now) == CallStatus.OPEN and self.closes_at - now <= CLOSING_SOON

    # The call's own clock ------------------------------------------------------------------

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    @property
    def local_opens_at(self):
        return timezone.localtime(self.opens_at, self.zone)

    @property
    def local_closes_at(self):
        return timezone.localtime(self.closes_at, self.zone)

    # What is stored as text ----------------------------------------------------------------

    @property
    def region_codes(self) -> list[str]:
        return split_codes(self.eligible_regions)

    @property
    def applicant_type_values(self) -> list[str]:
        return split_applicant_types(self.applicant_types)

    @property
    def applicant_type_labels(self) -> list[str]:
        labels = dict(OrganisationType.choices)
        return [str(labels[value]) for value in self.applicant_type_values if value in labels]


class CallDocument(Orderable):
    """A document of a call: terms of reference, application pack, programme manual chapter."""

    call = ParentalKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title
