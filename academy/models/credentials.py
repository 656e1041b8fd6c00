"""Certificates: issued for courses, and for anything else the portal recognises."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

COLOUR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}")
COLOUR_INVALID = _("Enter a colour as # and six hexadecimal digits, e.g. #003399.")


def _validate_colour(value: str) -> None:
    if not COLOUR_PATTERN.fullmatch(value or ""):
        raise ValidationError(COLOUR_INVALID, code="invalid")


class Certificate(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course completion")
        COOPERATION_DAY_ORGANISER = "cooperation_day_organiser", _("Cooperation Day organiser")
        SLAM_COACHING = "slam_coaching", _("Interreg Slam coaching")
        LEARNING_PATH = "learning_path", _("Learning path")

    code = models.CharField(_("code"), max_length=32, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    # What the certificate recognises, e.g. "course:42:user:7"; a recognition is issued once.
    source_key = models.CharField(max_length=120, editable=False)
    # Deleting an account deletes its certificates: a name is personal data.
    holder = models.ForeignKey(
        "accounts.User",
        verbose_name=_("holder"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    holder_name = models.CharField(_("holder's name"), max_length=200)
    title = models.CharField(_("title"), max_length=255)
    completed_on = models.DateField(_("completed on"))
    effort_hours = models.DecimalField(
        _("effort in hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    learning_outcomes = models.JSONField(_("learning outcomes"), default=list, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=120, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=160, blank=True)
    course = models.ForeignKey(
        "academy.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    learning_path = models.ForeignKey(
        "academy.LearningPath",
        verbose_name=_("learning path"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Most recognitions do not expire; those that do say so in their Open Badges credential.
    valid_until = models.DateTimeField(_("Valid until"), null=True, blank=True)
    # When the holder was told the validity ends soon; set once, by whoever claims it first.
    renewal_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The certificate's entry in the public revocation list (academy.open_badges): which list,
    # and which bit of it. Assigned at random, so neighbouring entries say nothing about when
    # or to whom a certificate was issued.
    status_list = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status_list_index = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The signed Open Badges credential (VC-JWT) as issued; kept so a key rotation does not
    # change what the holder already shared.
    credential_jwt = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"],
                condition=Q(revoked_at__isnull=True),
                name="academy_certificate_one_valid_per_source",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_list_index"],
                name="academy_certificate_one_status_entry_each",
            ),
        ]
        indexes = [
            models.Index(fields=["holder", "issued_at"]),
            models.Index(
                fields=["valid_until"],
                condition=Q(renewal_reminded_at__isnull=True, valid_until__isnull=False),
                name="academy_cert_to_remind",
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.holder_name} ({self.code})"

    def get_absolute_url(self):
        return reverse("academy:certificate_verify", kwargs={"code": self.code})

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def is_renewed(self) -> bool:
        """Renewed: a newer certificate replaces it, and it stays a true record of its period.
        (A re-issued one is revoked as well.)"""
        return self.replaced_by_id is not None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until <= timezone.now()

    @property
    def has_status_entry(self) -> bool:
        return self.status_list is not None and self.status_list_index is not None


@register_setting(icon="doc-full")
class CertificateTemplate(BaseGenericSetting):
    """The branding and wording printed on every certificate."""

    issuer_name = models.CharField(_("issued by"), max_length=120, default="Interreg Academy")
    heading = models.CharField(_("heading"), max_length=80, default="Certificate")
    statement = models.CharField(
        _("statement"),
        max_length=160,
        default="has successfully completed",
        help_text=_("Printed between the holder's name and what they achieved."),
    )
    signatory_name = models.CharField(_("default signatory"), max_length=120, blank=True)
    signatory_title = models.CharField(_("default signatory's title"), max_length=160, blank=True)
    footer = models.CharField(
        _("footer"),
        max_length=300,
        default="Interreg is co-funded by the European Union.",
        blank=True,
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#003399", validators=[_validate_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#FFCC00", validators=[_validate_colour]
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Printed top left; a wide PNG or JPEG on a white background."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("issuer_name"),
        FieldRowPanel([FieldPanel("heading"), FieldPanel("statement")]),
        FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
        FieldPanel("footer"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("primary_colour"), FieldPanel("accent_colour")],
            heading=_("Branding"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate template")
