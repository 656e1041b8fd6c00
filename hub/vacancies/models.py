"""Jobs in programme bodies and Interact, published by the programmes themselves.

A vacancy closes at one exact moment. The person publishing gives the closing date and time as
the employer says it in the advertisement, in the employer's time zone ("17 March, 12:00
Brussels time"); it is stored in UTC beside that zone, so the listing drops it by the clock
(`open_now`, no scheduled job) and its page shows the time as the employer wrote it.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.core.timezones import validate_time_zone, zone_or_utc

DEFAULT_TIME_ZONE = "Europe/Brussels"

# Shown to people and asserted by tests.
EMPLOYER_MISSING = _("Choose the programme, or name the body that employs.")
PLACE_MISSING = _("Give the town and country of the workplace, or say the job is remote.")
HOURS_PER_WEEK_MISSING = _("Give the hours per week of a part-time job.")
SALARY_RANGE_REVERSED = _("The highest salary cannot be lower than the lowest.")
SALARY_PERIOD_MISSING = _("Say whether the salary is per year, month or hour.")
APPLY_MISSING = _("Give a web address or an e-mail address to apply to.")


# What the people who publish a vacancy fill in, in the order they do: the programmes' form
# and the admin's (which adds the publication date) take the same fields.
PUBLISHED_FIELDS = [
    "title",
    "description",
    "themes",
    "programme",
    "employer_name",
    "employer_url",
    "workplace",
    "town",
    "country",
    "remote_countries",
    "contract_type",
    "contract_duration",
    "hours",
    "hours_per_week",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_note",
    "closes_at",
    "time_zone",
    "apply_url",
    "apply_email",
    "how_to_apply",
]


class Vacancy(models.Model):
    """A job advertised by a programme body (managing authority, joint secretariat, national
    contact point …) or by Interact."""

    class ContractType(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        FIXED_TERM = "fixed_term", _("Fixed-term")
        TRAINEESHIP = "traineeship", _("Traineeship")
        SECONDMENT = "secondment", _("Secondment")
        FREELANCE = "freelance", _("Freelance or service contract")

    class Hours(models.TextChoices):
        FULL_TIME = "full_time", _("Full time")
        PART_TIME = "part_time", _("Part time")

    class Workplace(models.TextChoices):
        ON_SITE = "on_site", _("At the office")
        HYBRID = "hybrid", _("At the office and from home")
        REMOTE = "remote", _("Remote")

    class SalaryPeriod(models.TextChoices):
        YEAR = "year", _("per year")
        MONTH = "month", _("per month")
        HOUR = "hour", _("per hour")

    title = models.CharField(_("job title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=80, allow_unicode=False)
    programme = models.ForeignKey(
        "accounts.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    # The body that signs the contract when it is not the programme as such: the authority
    # hosting a joint secretariat, an Interact office, a national contact point's ministry.
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    employer_url = models.URLField(_("employer's website"), blank=True)

    workplace = models.CharField(
        _("where the work is done"),
        max_length=10,
        choices=Workplace.choices,
        default=Workplace.ON_SITE,
    )
    town = models.CharField(_("town"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    remote_countries = CountryField(
        _("remote from these countries"),
        multiple=True,
        blank=True,
        help_text=_("Leave empty when the job may be done from anywhere."),
    )

    contract_type = models.CharField(
        _("contract"), max_length=12, choices=ContractType.choices, default=ContractType.FIXED_TERM
    )
    contract_duration = models.CharField(
        _("duration"),
        max_length=120,
        blank=True,
        help_text=_("For example “24 months, renewable” or “6 months from 1 September”."),
    )
    hours = models.CharField(
        _("working time"), max_length=10, choices=Hours.choices, default=Hours.FULL_TIME
    )
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )

    salary_min = models.DecimalField(
        _("lowest salary"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    salary_max = models.DecimalField(
        _("highest salary"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    salary_currency = models.CharField(_("currency"), max_length=3, default="EUR")
    salary_period = models.CharField(
        _("salary period"), max_length=5, choices=SalaryPeriod.choices, blank=True
    )
    salary_note = models.CharField(
        _("about the salary"),
        max_length=200,
        blank=True,
        help_text=_("For example “gross, 14 payments a year” or “grade AD5”."),
    )

    closes_at = models.DateTimeField(_("applications close"), db_index=True)
    time_zone = models.CharField(
        _("employer's time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
    )

    apply_url = models.URLField(_("apply online at"), max_length=500, blank=True)
    apply_email = models.EmailField(_("apply by e-mail to"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)

    # Sanitised HTML (portal.core.sanitize), stored so.
    description = models.TextField(_("description"))
    themes = models.ManyToManyField(
        "hub.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )

    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The listing, a vacancy's page, programme pages and the home page are shared copies: a
    # change made anywhere (the public form, the admin) drops them.
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["closes_at", "published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False) | ~Q(employer_name=""),
                name="hub_vacancy_has_employer",
            ),
            models.CheckConstraint(
                condition=Q(hours="full_time") | Q(hours_per_week__isnull=False),
                name="hub_vacancy_part_time_has_hours",
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_max__gte=models.F("salary_min")),
                name="hub_vacancy_salary_range_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(apply_url="") | ~Q(apply_email=""),
                name="hub_vacancy_has_way_to_apply",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "hub_vacancies:vacancy_detail", kwargs={"pk": self.pk, "slug": self.slug or "-"}
        )

    @staticmethod
    def make_slug(title: str) -> str:
        return slugify(title)[:80].strip("-") or "vacancy"

    @staticmethod
    def open_at(moment) -> Q:
        """Vacancies still taking applications at `moment`: the closing moment itself is
        already too late."""
        return Q(closes_at__gt=moment)

    @staticmethod
    def in_country(code: str) -> Q:
        """Jobs in `code`, or remote jobs open to people living there (or anywhere).
        Remote countries are stored as "AT,SK": two-letter codes between commas, so a
        substring match is a whole-code match."""
        anywhere = Q(remote_countries="") | Q(remote_countries__contains=code)
        return Q(country=code) | (Q(workplace="remote") & anywhere)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    @property
    def local_closes_at(self):
        return timezone.localtime(self.closes_at, self.zone)

    def is_open(self, now=None) -> bool:
        return self.closes_at > (now or timezone.now())

    @property
    def employer_label(self) -> str:
        """Who employs, as the advertisement names them."""
        if self.employer_name:
            return self.employer_name
        return str(self.programme) if self.programme_id else ""

    @property
    def is_remote(self) -> bool:
        return self.workplace == self.Workplace.REMOTE

    @property
    def has_salary(self) -> bool:
        return self.salary_min is not None or self.salary_max is not None

    def clean(self):
        errors = {}
        if not self.programme_id and not self.employer_name.strip():
            errors["employer_name"] = EMPLOYER_MISSING
        if self.workplace != self.Workplace.REMOTE:
            if not self.town.strip():
                errors["town"] = PLACE_MISSING
            if not self.country:
                errors["country"] = PLACE_MISSING
        if self.hours == self.Hours.PART_TIME and self.hours_per_week is None:
            errors["hours_per_week"] = HOURS_PER_WEEK_MISSING
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_max < self.salary_min
        ):
            errors["salary_max"] = SALARY_RANGE_REVERSED
        if self.has_salary and not self.salary_period:
            errors["salary_period"] = SALARY_PERIOD_MISSING
        if not self.apply_url and not self.apply_email:
            errors["apply_url"] = APPLY_MISSING
        if errors:
            raise ValidationError(errors)
