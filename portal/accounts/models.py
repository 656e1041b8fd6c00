import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.core.languages import EU_LANGUAGE_CHOICES


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """One account for everything on the portal; people sign in with their e-mail address."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@", 1)[0]


class Programme(models.Model):
    """An Interreg cooperation programme."""

    # The directory and the programmes' pages are shared with every anonymous visitor.
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    class Strand(models.TextChoices):
        CROSS_BORDER = "A", _("Cross-border (A)")
        TRANSNATIONAL = "B", _("Transnational (B)")
        INTERREGIONAL = "C", _("Interregional (C)")
        OUTERMOST = "D", _("Outermost regions (D)")

    class SubType(models.TextChoices):
        IPA = "IPA", _("IPA (with candidate countries)")
        NEXT = "NEXT", _("NEXT (with neighbourhood countries)")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(
        _("acronym"), max_length=40, help_text=_("Short name, unique; used to update on import.")
    )
    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    strand = models.CharField(_("strand"), max_length=1, choices=Strand.choices)
    sub_type = models.CharField(_("sub-type"), max_length=8, choices=SubType.choices, blank=True)
    countries = CountryField(_("countries"), multiple=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    # The programme area as NUTS codes, separated by spaces ("AT11 AT12 HU221"): a code
    # covers every region below it. "Interreg near me" finds programmes by it.
    area_nuts_codes = models.TextField(_("programme area (NUTS codes)"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    contact_address = models.TextField(_("postal address"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("acronym"), name="accounts_programme_acronym_ci_unique"),
        ]

    def __str__(self):
        # Some official names already end with the acronym: "… Canarias (MAC)".
        if f"({self.acronym})".casefold() in self.name.casefold():
            return self.name
        return f"{self.name} ({self.acronym})"

    def get_absolute_url(self):
        return reverse("accounts:programme_detail", kwargs={"slug": self.slug})


class Affiliation(models.Model):
    """A user's role in a programme, valid once the programme's admins approve it."""

    # A programme's page lists its approved staff who chose to be listed: a decision or a
    # withdrawal changes it, a new request does not.
    invalidates_page_cache = True

    class Function(models.TextChoices):
        MANAGING_AUTHORITY = "managing_authority", _("Managing authority")
        JOINT_SECRETARIAT = "joint_secretariat", _("Joint secretariat")
        NATIONAL_CONTACT_POINT = "national_contact_point", _("National contact point")
        CONTROLLER = "controller", _("Controller")
        AUDITOR = "auditor", _("Auditor")
        COMMUNICATION_OFFICER = "communication_officer", _("Communication officer")
        FINANCE_OFFICER = "finance_officer", _("Finance officer")
        PROJECT_PARTNER = "project_partner", _("Project partner")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="affiliations")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="affiliations")
    function = models.CharField(_("function"), max_length=32, choices=Function.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    is_programme_admin = models.BooleanField(
        _("programme admin"),
        default=False,
        help_text=_("May approve or decline this programme's affiliation requests."),
    )
    listed = models.BooleanField(
        _("show me on the programme's page"),
        default=False,
        help_text=_("Your name and function appear on the public programme page once approved."),
    )
    decision_message = models.TextField(_("message with the decision"), blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["programme__name", "function"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "function"], name="accounts_affiliation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(is_programme_admin=True) | models.Q(status="approved"),
                name="accounts_affiliation_admin_is_approved",
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self):
        return f"{self.user} — {self.get_function_display()}, {self.programme.acronym}"


def _public_id() -> str:
    return secrets.token_urlsafe(9)


class Profile(models.Model):
    """What a person tells the community about themselves, and what they let others see."""

    class EmailFrequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Straight away")
        DAILY = "daily", _("A daily digest")
        WEEKLY = "weekly", _("A weekly digest")
        NEVER = "never", _("No e-mails, only on the portal")

    LANGUAGE_CHOICES = [
        ("bg", _("Bulgarian")),
        ("hr", _("Croatian")),
        ("cs", _("Czech")),
        ("da", _("Danish")),
        ("nl", _("Dutch")),
        ("en", _("English")),
        ("et", _("Estonian")),
        ("fi", _("Finnish")),
        ("fr", _("French")),
        ("de", _("German")),
        ("el", _("Greek")),
        ("hu", _("Hungarian")),
        ("ga", _("Irish")),
        ("it", _("Italian")),
        ("lv", _("Latvian")),
        ("lt", _("Lithuanian")),
        ("mt", _("Maltese")),
        ("pl", _("Polish")),
        ("pt", _("Portuguese")),
        ("ro", _("Romanian")),
        ("sk", _("Slovak")),
        ("sl", _("Slovenian")),
        ("es", _("Spanish")),
        ("sv", _("Swedish")),
    ]

    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="profile")
    public_id = models.CharField(max_length=16, unique=True, default=_public_id, editable=False)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # The language the person reads the portal and its e-mails in: chosen with the language
    # switcher or in their settings; empty until then (their browser's language applies).
    interface_language = models.CharField(
        _("language of the portal and its e-mails"),
        max_length=5,
        choices=EU_LANGUAGE_CHOICES,
        blank=True,
    )
    bio = models.TextField(
        _("about me"), blank=True, max_length=2000, help_text=_("Basic formatting and links.")
    )
    avatar = models.ImageField(_("photo"), upload_to="images/avatars/", blank=True)
    email_frequency = models.CharField(
        _("e-mail me about notifications"),
        max_length=12,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    is_public = models.BooleanField(_("show my profile page to everyone"), default=False)
    # Separate from the profile: a person may show their certificates without their profile.
    credentials_public = models.BooleanField(
        _("show my certificates on a public page"), default=False
    )
    show_organisation = models.BooleanField(_("show my organisation"), default=True)
    show_country = models.BooleanField(_("show my country"), default=True)
    show_languages = models.BooleanField(_("show my languages"), default=True)
    show_bio = models.BooleanField(_("show what I wrote about me"), default=True)
    show_avatar = models.BooleanField(_("show my photo"), default=True)

    class Meta:
        verbose_name = _("profile")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("accounts:profile_public", kwargs={"public_id": self.public_id})

    @property
    def language_names(self) -> list[str]:
        names = dict(self.LANGUAGE_CHOICES)
        return [str(names[code]) for code in self.languages if code in names]


class ConsentRecord(models.Model):
    """Which version of a document someone accepted, and when."""

    class Document(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Privacy notice")
        BRAND_USAGE_TERMS = "brand_usage_terms", _("Brand asset usage terms")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="consents")
    document = models.CharField(max_length=32, choices=Document.choices)
    version = models.CharField(max_length=32)
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent record")
        ordering = ["-accepted_at"]

    def __str__(self):
        return f"{self.user} — {self.get_document_display()} {self.version}"
