"""What the hub's parts share: themes, organisation types, NUTS codes, and the projects and
partners of keep.eu.

keep.eu stays the source of projects and partners: rows are created and updated from its
export by keep.eu id (`manage.py import_keep_projects`), never edited here by hand.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

KEEP_PROJECT_URL = "https://keep.eu/projects/{keep_id}/"

# NUTS codes: two letters for the country, then up to three letters or digits for the
# levels below ("SI", "SI04", "SI041").
NUTS_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9]{0,3}$")
NUTS_CODE_INVALID = _("“%(code)s” is not a NUTS code: two capital letters, then up to three.")


def validate_nuts_code(value: str) -> None:
    if not NUTS_CODE.match(value or ""):
        raise ValidationError(NUTS_CODE_INVALID, code="nuts_code", params={"code": value})


class OrganisationType(models.TextChoices):
    """Kinds of organisation, as keep.eu classifies partners; calls name who may apply in the
    same terms."""

    PUBLIC_AUTHORITY = "public_authority", _("Public authority")
    HIGHER_EDUCATION = "higher_education", _("University or research organisation")
    SME = "sme", _("Small or medium-sized enterprise")
    LARGE_ENTERPRISE = "large_enterprise", _("Large enterprise")
    NGO = "ngo", _("Non-governmental organisation")
    INTEREST_GROUP = "interest_group", _("Interest group or association")
    EGTC = "egtc", _("European grouping of territorial cooperation (EGTC)")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class Theme(models.Model):
    """A theme of cooperation, shared by news, calls, vacancies' bodies and projects. Its slug
    is what filter addresses carry (`?theme=health`)."""

    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Project(models.Model):
    """A project funded by an Interreg programme, as keep.eu records it."""

    keep_id = models.CharField(
        _("keep.eu id"), max_length=40, unique=True, help_text=_("Used to update on import.")
    )
    acronym = models.CharField(_("acronym"), max_length=60)
    name = models.CharField(_("name"), max_length=400)
    programme = models.ForeignKey(
        "accounts.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    # "2021-2027", "2014-2020": the programming period the project belongs to.
    period = models.CharField(_("programming period"), max_length=9)
    call = models.CharField(_("call"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    total_budget = models.DecimalField(
        _("total budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    eu_funding = models.DecimalField(
        _("EU funding (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    summary = models.TextField(_("summary"), blank=True)
    imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["acronym"]
        indexes = [models.Index(fields=["programme", "period"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="hub_project_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.acronym}: {self.name}"

    def get_absolute_url(self):
        return reverse("hub:project_detail", kwargs={"keep_id": self.keep_id})

    @property
    def keep_url(self) -> str:
        return KEEP_PROJECT_URL.format(keep_id=self.keep_id)


class Partner(models.Model):
    """An organisation taking part in a project."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.CharField(_("organisation"), max_length=300)
    organisation_type = models.CharField(
        _("type of organisation"),
        max_length=20,
        choices=OrganisationType.choices,
        default=OrganisationType.OTHER,
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.PARTNER)
    country = CountryField(_("country"))
    nuts_code = models.CharField(
        _("NUTS region"), max_length=5, blank=True, validators=[validate_nuts_code]
    )
    town = models.CharField(_("town"), max_length=120, blank=True)
    # From the export when it gives them, otherwise from the bundled gazetteer by town.
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    # The partner's position in the export, so partners keep keep.eu's order.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["project", "position"]
        indexes = [
            models.Index(fields=["country", "nuts_code"]),
            models.Index(fields=["organisation_type"]),
        ]

    def __str__(self):
        return self.organisation
