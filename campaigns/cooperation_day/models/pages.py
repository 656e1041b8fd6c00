"""Cooperation Day's pages: the campaign's front page and one page per yearly edition."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField

from campaigns.pages import EDITION_YEAR_TAKEN, CampaignLandingPage, edition_year_taken
from portal.core.blocks import BodyBlock
from portal.core.pages import BasePage

EDITION_DATES_OUT_OF_ORDER = _(
    "Dates must follow each other: registration opens, registration closes, the day itself."
)
EDITION_WINDOW_MISSES_DAY = _("The event window must include the day itself.")


class CooperationDayLandingPage(CampaignLandingPage):
    """/cooperation-day/: the current edition, with its map, and the archive of past ones."""

    subpage_types = ["cooperation_day.CooperationDayEditionPage"]
    page_view = "campaigns.cooperation_day.page_views.LandingView"

    class Meta:
        verbose_name = _("Cooperation Day landing page")


class CooperationDayEditionPage(BasePage):
    """One year's campaign: its theme, timeline and campaign kit; its events hang off it."""

    shares_signed_in_cache = True  # every personal part is a piece

    # One edition a year in each language: its translations share its year (checked in clean(),
    # the locale being a column of Wagtail's page table).
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    theme = models.CharField(_("theme"), max_length=200)
    day = models.DateField(
        _("Cooperation Day"),
        help_text=_("The day the campaign's pages and the home page name as Cooperation Day."),
    )
    kick_off = models.DateField(_("campaign kick-off"), null=True, blank=True)
    registration_opens = models.DateField(_("event registration opens"))
    registration_closes = models.DateField(_("event registration closes"))
    events_from = models.DateField(_("events may start on"))
    events_until = models.DateField(_("events may end on"))
    intro = models.TextField(_("introduction"), max_length=800)
    body = StreamField(
        BodyBlock(),
        blank=True,
        use_json_field=True,
        help_text=_("The campaign kit: documents, brand assets and guidance to download."),
    )

    parent_page_types = ["cooperation_day.CooperationDayLandingPage"]
    page_view = "campaigns.cooperation_day.page_views.EditionView"
    subpage_types: list[str] = []
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("theme")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kick_off"), FieldPanel("day")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldRowPanel([FieldPanel("events_from"), FieldPanel("events_until")]),
            ],
            heading=_("Timeline"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("Cooperation Day edition")
        ordering = ["-year"]

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.registration_opens
            and self.registration_closes
            and self.day
            and not self.registration_opens <= self.registration_closes <= self.day
        ):
            errors["registration_closes"] = EDITION_DATES_OUT_OF_ORDER
        if (
            self.events_from
            and self.events_until
            and self.day
            and not self.events_from <= self.day <= self.events_until
        ):
            errors["events_until"] = EDITION_WINDOW_MISSES_DAY
        if edition_year_taken(self):
            errors["year"] = EDITION_YEAR_TAKEN
        if errors:
            raise ValidationError(errors)

    def registration_is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.registration_opens <= today <= self.registration_closes
