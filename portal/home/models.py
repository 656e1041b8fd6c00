from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from hub.sections import home_sections_change_at
from portal.core.blocks import BodyBlock
from portal.core.pages import BasePage

UPCOMING_LINK_MISSING = _("Choose a page or enter a web address.")


class HomePage(BasePage):
    shares_signed_in_cache = True  # every personal part is a piece
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("hero button label"), max_length=40, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    services_heading = models.CharField(
        _("services heading"), max_length=120, default=_("What the portal offers")
    )
    upcoming_heading = models.CharField(
        _("upcoming heading"), max_length=120, default=_("Coming up")
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("services_heading"),
        FieldPanel("upcoming_heading"),
        InlinePanel("upcoming_items", label=_("Upcoming items")),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    page_view = "portal.home.page_views.HomeView"
    # What every render shows, read with the page when a kept route finds it.
    read_with_page = ("hero_image", "hero_cta_page")

    class Meta:
        verbose_name = _("home page")

    def shared_copy_changes_at(self, now):
        # The hub's sections (a call closing soon, a vacancy) change by the clock alone.
        return home_sections_change_at(now)


class HomePageUpcomingItem(Orderable):
    """A date worth knowing about, chosen by the editors for the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="upcoming_items")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=250, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("or link to a web address"), blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("upcoming item")

    def clean(self):
        if not self.link_page_id and not self.link_url:
            raise ValidationError({"link_page": UPCOMING_LINK_MISSING})

    @property
    def url(self) -> str:
        return self.link_page.url if self.link_page_id else self.link_url


class StandardPage(BasePage):
    shares_signed_in_cache = True  # every personal part is a piece
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


class NonAccessibleReason(models.TextChoices):
    """Why content is not accessible, as the model statement of Implementing Decision (EU)
    2018/1523 sorts it."""

    NON_COMPLIANCE = "non_compliance", _("Non-compliance with the accessibility regulations")
    DISPROPORTIONATE_BURDEN = "disproportionate_burden", _("Disproportionate burden")
    OUTSIDE_SCOPE = "outside_scope", _("Content outside the scope of the applicable legislation")


class NonAccessibleItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("What is not accessible"), max_length=200)
    description = blocks.TextBlock(
        label=_("Details"),
        help_text=_("Who is affected and how, and which success criterion is not met."),
    )
    reason = blocks.ChoiceBlock(label=_("Why"), choices=NonAccessibleReason.choices)
    alternative = blocks.TextBlock(
        label=_("Alternative and plans"),
        required=False,
        help_text=_("What people can do meanwhile, and when it will be fixed."),
    )

    class Meta:
        icon = "warning"
        label = _("Content that is not accessible")


class AccessibilityStatementPage(BasePage):
    """The accessibility statement of the portal, in the shape of the model statement of
    Implementing Decision (EU) 2018/1523, with the form that collects feedback on it."""

    class Compliance(models.TextChoices):
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NONE = "none", _("Not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("Self-assessment")
        THIRD_PARTY = "third_party", _("Assessment by a third party")

    organisation = models.CharField(
        _("body in charge"),
        max_length=200,
        help_text=_("Who commits to making the website accessible."),
    )
    website = models.CharField(
        _("website covered"), max_length=200, help_text=_("For example portal.interreg.eu.")
    )
    compliance = models.CharField(
        _("compliance status"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    non_accessible_content = StreamField(
        [("item", NonAccessibleItemBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("content that is not accessible"),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("statement last reviewed on"))
    method = models.CharField(
        _("method of assessment"), max_length=16, choices=Method.choices, default=Method.SELF
    )
    assessed_by = models.CharField(
        _("assessed by"),
        max_length=200,
        blank=True,
        help_text=_("The organisation that assessed the website, for a third-party assessment."),
    )
    contact_email = models.EmailField(_("contact e-mail address"))
    contact_details = models.TextField(
        _("other contact details"),
        blank=True,
        max_length=600,
        help_text=_("Postal address, telephone, and how soon people get an answer."),
    )
    enforcement_body = models.CharField(_("enforcement body"), max_length=200)
    enforcement_url = models.URLField(_("enforcement body's web address"))
    enforcement_text = models.TextField(
        _("enforcement procedure"),
        max_length=1200,
        help_text=_("What people can do when they are not satisfied with the answer."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("website"), FieldPanel("compliance")],
            heading=_("Compliance status"),
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldRowPanel([FieldPanel("method"), FieldPanel("assessed_by")]),
            ],
            heading=_("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_details")],
            heading=_("Feedback and contact information"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_body"),
                FieldPanel("enforcement_url"),
                FieldPanel("enforcement_text"),
            ],
            heading=_("Enforcement procedure"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    page_view = "portal.home.page_views.AccessibilityStatementView"
    # The feedback form carries a one-time token: a page cached for everyone would hand the
    # same token to every visitor, and only the first one's feedback would be kept.
    shares_anonymous_cache = False

    class Meta:
        verbose_name = _("accessibility statement")

    def clean(self):
        super().clean()
        errors = {}
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            errors["reviewed_on"] = REVIEWED_BEFORE_PREPARED
        if self.method == self.Method.THIRD_PARTY and not self.assessed_by:
            errors["assessed_by"] = ASSESSOR_MISSING
        if errors:
            raise ValidationError(errors)


REVIEWED_BEFORE_PREPARED = _("The last review cannot come before the statement was prepared.")
ASSESSOR_MISSING = _("Name the organisation that made the third-party assessment.")


class AccessibilityFeedback(models.Model):
    """A barrier someone reported through the accessibility statement's form."""

    statement = models.ForeignKey(
        AccessibilityStatementPage,
        verbose_name=_("statement"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"))
    page_concerned = models.CharField(_("page concerned"), max_length=500)
    problem = models.TextField(_("problem"), max_length=4000)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["email", "created_at"])]

    def __str__(self):
        return f"{self.page_concerned} ({self.created_at:%Y-%m-%d})"
