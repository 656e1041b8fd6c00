"""The asset library: assets, their downloadable variants, usage terms and download records."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from portal.accounts.models import Profile
from portal.core.access import AccessLevel

from ..files import (
    CheckedAssetFileField,
    brand_file_storage,
    random_file_name,
    random_preview_name,
)
from ..logo import ColourVersion

GROUP_NEEDED = _("Choose the group that may open this asset.")
GROUP_ONLY_FOR_GROUP_LEVEL = _("A group is only used with the “A named group” access level.")
SUPERSEDED_BY_ITSELF = _("An asset cannot be superseded by itself.")
EXPIRY_BEFORE_PUBLICATION = _("The expiry date must be after the publication date.")


class UsageTerms(models.Model):
    """Conditions a person accepts once before their first download of an asset under them.
    A new version asks everyone again."""

    # The library and asset pages show the terms' titles to anonymous visitors.
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    title = models.CharField(_("title"), max_length=120)
    version = models.CharField(
        _("version"), max_length=20, help_text=_("Change it to ask everyone to accept again.")
    )
    body = RichTextField(_("terms"), features=["bold", "italic", "link", "ol", "ul"])
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("title"), FieldPanel("version"), FieldPanel("body")]

    class Meta:
        verbose_name = _("usage terms")
        verbose_name_plural = _("usage terms")
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.version})"

    @property
    def consent_version(self) -> str:
        """How an acceptance of these terms is recorded (see accounts.ConsentRecord)."""
        return f"{self.pk}:{self.version}"


class AssetTag(TaggedItemBase):
    content_object = ParentalKey(
        "brand.Asset", related_name="tagged_items", on_delete=models.CASCADE
    )


class Asset(ClusterableModel):
    # Anonymous visitors' copies of the library list public assets: a new or changed one
    # shows at once.
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    class Kind(models.TextChoices):
        LOGO = "logo", _("Logo")
        TEMPLATE = "template", _("Template")
        ICON = "icon", _("Icon")
        PHOTO = "photo", _("Photo")
        BRAND_BOOK = "brand_book", _("Brand book")
        FONT = "font", _("Font")
        VIDEO = "video", _("Video")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    programme = models.ForeignKey(
        "accounts.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="brand_assets",
        help_text=_("Leave empty for assets of the whole Interreg brand."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Profile.LANGUAGE_CHOICES,
        blank=True,
        help_text=_("Leave empty when the asset has no text."),
    )
    tags = ClusterTaggableManager(through=AssetTag, blank=True, verbose_name=_("tags"))
    version = models.CharField(_("version"), max_length=20, default="1.0")
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(
        _("expires"),
        null=True,
        blank=True,
        help_text=_("After this date the asset leaves the library; its page stays."),
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    guidance = models.TextField(
        _("guidance"), blank=True, help_text=_("How and where to use it; one paragraph a line.")
    )
    usage_terms = models.ForeignKey(
        UsageTerms,
        verbose_name=_("usage terms"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
    )
    access_level = models.CharField(
        _("who may download"),
        max_length=16,
        choices=AccessLevel.choices,
        default=AccessLevel.PUBLIC,
    )
    access_group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The variant whose preview stands for the asset in the library (chosen by the service).
    cover = models.ForeignKey(
        "brand.AssetVariant",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("programme"), FieldPanel("language")]),
        FieldPanel("tags"),
        FieldPanel("guidance"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("version"), FieldPanel("published_at"), FieldPanel("expires_at")]
                ),
                FieldPanel("superseded_by"),
            ],
            heading=_("Version and lifetime"),
        ),
        MultiFieldPanel(
            [FieldPanel("access_level"), FieldPanel("access_group"), FieldPanel("usage_terms")],
            heading=_("Access"),
        ),
        InlinePanel("variants", heading=_("Files"), label=_("File"), min_num=1),
    ]

    class Meta:
        verbose_name = _("brand asset")
        verbose_name_plural = _("brand assets")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["kind", "published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(access_level=AccessLevel.GROUP) | Q(access_group__isnull=False),
                name="brand_asset_group_level_has_group",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.access_level == AccessLevel.GROUP and not self.access_group_id:
            errors["access_group"] = GROUP_NEEDED
        if self.access_level != AccessLevel.GROUP and self.access_group_id:
            errors["access_group"] = GROUP_ONLY_FOR_GROUP_LEVEL
        if self.pk and self.superseded_by_id == self.pk:
            errors["superseded_by"] = SUPERSEDED_BY_ITSELF
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            errors["expires_at"] = EXPIRY_BEFORE_PUBLICATION
        if errors:
            raise ValidationError(errors)

    def is_expired(self, now=None) -> bool:
        return bool(self.expires_at and self.expires_at <= (now or timezone.now()))

    def is_published(self, now=None) -> bool:
        return self.published_at <= (now or timezone.now())


class AssetVariant(Orderable):
    ColourVersion = ColourVersion

    class ColourSpace(models.TextChoices):
        RGB = "rgb", _("RGB (screens)")
        CMYK = "cmyk", _("CMYK (print)")

    asset = ParentalKey(Asset, on_delete=models.CASCADE, related_name="variants")
    label = models.CharField(
        _("label"), max_length=80, blank=True, help_text=_("For example “A4 portrait”.")
    )
    colour_version = models.CharField(
        _("colour version"), max_length=12, choices=ColourVersion.choices, blank=True
    )
    colour_space = models.CharField(
        _("colour space"), max_length=4, choices=ColourSpace.choices, blank=True
    )
    file = CheckedAssetFileField(
        _("file"), upload_to=random_file_name, storage=brand_file_storage, max_length=200
    )
    # Read from the file by the service after each upload.
    file_format = models.CharField(_("format"), max_length=8, editable=False, db_index=True)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    preview = models.FileField(
        upload_to=random_preview_name,
        storage=brand_file_storage,
        blank=True,
        editable=False,
        max_length=200,
    )
    described_file = models.CharField(max_length=200, blank=True, editable=False)

    panels = [
        FieldPanel("file"),
        FieldRowPanel(
            [FieldPanel("colour_version"), FieldPanel("colour_space"), FieldPanel("label")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        parts = [self.get_colour_version_display(), self.file_format.upper(), self.label]
        return " · ".join(str(part) for part in parts if part) or str(self.asset)

    @property
    def dimensions(self) -> str:
        if self.width and self.height:
            return f"{self.width} × {self.height} px"  # noqa: RUF001
        return ""


class AssetDownload(models.Model):
    """One file handed to one person: the statistics read these."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="downloads")
    variant = models.ForeignKey(AssetVariant, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The downloader's programme at the time, for "downloads per programme".
    programme = models.ForeignKey(
        "accounts.Programme", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    in_zip = models.BooleanField(default=False)
    downloaded_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.variant} — {self.downloaded_at:%Y-%m-%d %H:%M}"


class AnonymousTermsAcceptance(models.Model):
    """A visitor without an account accepted an asset's usage terms for one download.

    Nothing about the person is kept (no account, address or browser): only what was accepted,
    for which file and when. `download` is the record of the file handed out afterwards; each
    acceptance is good for one download.
    """

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="+")
    variant = models.ForeignKey(AssetVariant, on_delete=models.CASCADE, related_name="+")
    terms = models.ForeignKey(UsageTerms, null=True, on_delete=models.SET_NULL, related_name="+")
    # `UsageTerms.consent_version` at the time: the version stays known if the terms change.
    terms_version = models.CharField(_("terms version"), max_length=32)
    accepted_at = models.DateTimeField(_("accepted"), default=timezone.now, db_index=True)
    download = models.OneToOneField(
        AssetDownload, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("terms accepted without an account")
        verbose_name_plural = _("terms accepted without an account")
        ordering = ["-accepted_at"]

    def __str__(self):
        return f"{self.variant} — {self.terms_version} — {self.accepted_at:%Y-%m-%d %H:%M}"
