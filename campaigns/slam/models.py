"""Interreg Slam: yearly editions, project applications, jury reviews, videos and the public
vote."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from campaigns.pages import EDITION_YEAR_TAKEN, CampaignLandingPage, edition_year_taken
from portal.core.languages import EU_LANGUAGE_CHOICES, own_name
from portal.core.pages import BasePage

from .sharing import serve_shared_until_next_phase

STORY_MAX_LENGTH = 3000
SLAM_TIMELINE_OUT_OF_ORDER = _(
    "The phases must follow each other: applications open, applications close, shortlist, "
    "videos due, vote opens, vote closes, results."
)
CAPTIONS_NEEDED = _(
    "Add a caption file (WebVTT), or tick “This film has no speech” if nobody speaks in it."
)
CAPTIONS_LANGUAGE_NEEDED = _("Choose the language of the captions.")
SLAM_WEIGHT_RANGE = _("Give the jury's share of the final score as a percentage (0 to 100).")

STORY_PROMPTS = (
    _("Who lives differently because of your project? Start with one person."),
    _("What was the border problem before, in everyday life?"),
    _("What did the partners on each side bring that the other could not?"),
    _("What changed, and how do you know?"),
    _("What happens next, and who carries it on?"),
)


class SharedUntilNextPhase:
    """A Slam page whose shared copy serves everyone, kept until the next publish or the next
    phase of the edition its view shows (`shown_edition`), whichever comes first."""

    # BasePage would keep it until the next publish only.
    shares_anonymous_cache = False
    shares_signed_in_cache = True  # the jury's and applicants' links are a piece

    def serve_page(self, request, *args, **kwargs):
        def render():
            return super(SharedUntilNextPhase, self).serve_page(request, *args, **kwargs)

        if self._has_view_restrictions():
            return render()
        return serve_shared_until_next_phase(
            request,
            render,
            shown_edition=lambda: getattr(self.view(request), "shown_edition", None),
        )


class SlamLandingPage(SharedUntilNextPhase, CampaignLandingPage):
    """/slam/: the current edition and the archive; the hall of fame is linked from here."""

    subpage_types = ["slam.SlamEditionPage"]
    page_view = "campaigns.slam.page_views.LandingView"

    class Meta:
        verbose_name = _("Interreg Slam landing page")


class SlamPhase(models.TextChoices):
    UPCOMING = "upcoming", _("Coming soon")
    APPLICATIONS = "applications", _("Applications open")
    REVIEW = "review", _("Applications closed: the jury is reviewing")
    SHORTLIST = "shortlist", _("Shortlist announced: videos in the making")
    VIDEOS_DUE = "videos_due", _("Videos submitted: the vote opens soon")
    VOTING = "voting", _("Public vote open")
    VOTE_CLOSED = "vote_closed", _("Vote closed: results coming")
    RESULTS = "results", _("Finalists and winners announced")


class SlamEditionPage(SharedUntilNextPhase, BasePage):
    """One year's Slam: rules, timeline, criteria, jury; its applications hang off it."""

    # One edition a year in each language: its translations share its year (checked in clean(),
    # the locale being a column of Wagtail's page table).
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    theme = models.CharField(_("theme"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=800)
    rules = RichTextField(_("rules"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    eligibility = RichTextField(
        _("who may apply"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    prizes = RichTextField(_("prizes"), blank=True, features=["bold", "italic", "link", "ul"])
    final_event = models.CharField(_("where the finalists perform"), max_length=200, blank=True)

    applications_open = models.DateTimeField(_("applications open"))
    applications_close = models.DateTimeField(_("applications close"))
    shortlist_announced = models.DateTimeField(_("shortlist announced"))
    videos_due = models.DateTimeField(_("videos due"))
    vote_opens = models.DateTimeField(_("public vote opens"))
    vote_closes = models.DateTimeField(_("public vote closes"))
    results_announced = models.DateTimeField(_("results announced"))

    jury_weight = models.PositiveSmallIntegerField(
        _("jury's share of the final score (%)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The public vote counts for the rest."),
    )
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Jurors do not see the programme and project names."),
    )
    show_live_counts = models.BooleanField(
        _("show vote counts while the vote is open"), default=False
    )
    no_votes_for_own_programme = models.BooleanField(
        _("people may not vote for projects of their own programme"), default=True
    )

    parent_page_types = ["slam.SlamLandingPage"]
    subpage_types: list[str] = []
    page_view = "campaigns.slam.page_views.EditionView"
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("theme")]),
        FieldPanel("intro"),
        FieldPanel("rules"),
        FieldPanel("eligibility"),
        FieldPanel("prizes"),
        FieldPanel("final_event"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("applications_open"), FieldPanel("applications_close")]),
                FieldRowPanel([FieldPanel("shortlist_announced"), FieldPanel("videos_due")]),
                FieldRowPanel([FieldPanel("vote_opens"), FieldPanel("vote_closes")]),
                FieldPanel("results_announced"),
            ],
            heading=_("Timeline"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("jury_weight"),
                FieldPanel("blind_review"),
                FieldPanel("show_live_counts"),
                FieldPanel("no_votes_for_own_programme"),
            ],
            heading=_("Judging and voting"),
        ),
        InlinePanel("criteria", label=_("Jury criteria"), min_num=1),
        InlinePanel("categories", label=_("Vote categories (optional)")),
        InlinePanel("jurors", label=_("Jury")),
    ]

    class Meta:
        verbose_name = _("Interreg Slam edition")
        ordering = ["-year"]

    TIMELINE = (
        "applications_open",
        "applications_close",
        "shortlist_announced",
        "videos_due",
        "vote_opens",
        "vote_closes",
        "results_announced",
    )

    @classmethod
    def timeline_in_phase(cls, phase: str, *, now) -> dict:
        """Dates ten days apart that put `now` in the middle of `phase` (demo content, tests)."""
        passed = list(SlamPhase.values).index(phase)
        return {
            name: now + timedelta(days=10 * (index - passed) + 5)
            for index, name in enumerate(cls.TIMELINE)
        }

    def clean(self):
        super().clean()
        if edition_year_taken(self):
            raise ValidationError({"year": EDITION_YEAR_TAKEN})
        moments = [getattr(self, name) for name in self.TIMELINE]
        if None not in moments and moments != sorted(moments):
            raise ValidationError({"results_announced": SLAM_TIMELINE_OUT_OF_ORDER})

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.applications_open:
            return SlamPhase.UPCOMING
        if now < self.applications_close:
            return SlamPhase.APPLICATIONS
        if now < self.shortlist_announced:
            return SlamPhase.REVIEW
        if now < self.videos_due:
            return SlamPhase.SHORTLIST
        if now < self.vote_opens:
            return SlamPhase.VIDEOS_DUE
        if now < self.vote_closes:
            return SlamPhase.VOTING
        if now < self.results_announced:
            return SlamPhase.VOTE_CLOSED
        return SlamPhase.RESULTS

    def next_phase_starts(self, now=None):
        """When the edition next moves on (a moment of its timeline still to come), or None."""
        now = now or timezone.now()
        coming = [moment for name in self.TIMELINE if (moment := getattr(self, name)) > now]
        return min(coming, default=None)

    @property
    def phase_label(self) -> str:
        return SlamPhase(self.phase()).label

    def accepts_applications(self, now=None) -> bool:
        return self.phase(now) == SlamPhase.APPLICATIONS

    def vote_is_open(self, now=None) -> bool:
        return self.phase(now) == SlamPhase.VOTING

    def vote_has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.vote_closes


class SlamCriterion(Orderable):
    edition = ParentalKey(SlamEditionPage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.CharField(_("what jurors look for"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("weight")]

    class Meta(Orderable.Meta):
        verbose_name = _("jury criterion")

    def __str__(self):
        return self.name


SCORE_MAX = 10


class SlamCategory(Orderable):
    edition = ParentalKey(SlamEditionPage, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("category"), max_length=120)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("vote category")

    def __str__(self):
        return self.name


class SlamJuror(Orderable):
    edition = ParentalKey(SlamEditionPage, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("juror"), on_delete=models.CASCADE, related_name="+"
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    is_external = models.BooleanField(_("external expert"), default=False)

    panels = [FieldPanel("user"), FieldPanel("is_chair"), FieldPanel("is_external")]

    class Meta(Orderable.Meta):
        verbose_name = _("juror")
        constraints = [
            models.UniqueConstraint(fields=["edition", "user"], name="slam_juror_once"),
        ]

    def __str__(self):
        return str(self.user)


def _random_name(folder: str, filename: str) -> str:
    # Uploaded films and captions get unguessable names: their folder is served publicly.
    extension = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"slam/{folder}/{secrets.token_urlsafe(16)}.{extension}"


def video_upload_to(instance, filename: str) -> str:
    return _random_name("videos", filename)


def subtitles_upload_to(instance, filename: str) -> str:
    # Named in the first migration; captions_upload_to took its place.
    return _random_name("subtitles", filename)


def captions_upload_to(instance, filename: str) -> str:
    return _random_name("captions", filename)


def _application_public_id() -> str:
    return secrets.token_urlsafe(8)


class SlamApplication(models.Model):
    """A project's story, submitted by its programme's managing authority or secretariat."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")

    class Award(models.TextChoices):
        WINNER = "winner", _("Winner")
        JURY = "jury", _("Jury award")
        AUDIENCE = "audience", _("Audience award")

    public_id = models.CharField(
        max_length=16, unique=True, default=_application_public_id, editable=False
    )
    edition = models.ForeignKey(
        SlamEditionPage, on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="slam_applications"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    programme = models.ForeignKey(
        "accounts.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="slam_applications",
    )
    project_name = models.CharField(_("project name"), max_length=200)
    project_acronym = models.CharField(_("project acronym"), max_length=40)
    project_url = models.URLField(_("project page"), blank=True)
    # The project as keep.eu records it, when it is there; the fields above stay for projects
    # keep.eu does not list.
    project = models.ForeignKey(
        "hub.Project",
        verbose_name=_("project on keep.eu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="slam_applications",
    )
    category = models.ForeignKey(
        SlamCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    story = models.TextField(_("the story"), max_length=STORY_MAX_LENGTH, blank=True)
    # The story and how it fits the theme are in this language, whatever the page's: pages
    # mark them with its `lang`.
    language = models.CharField(
        _("language of the story"), max_length=8, choices=EU_LANGUAGE_CHOICES, default="en"
    )
    theme_fit = models.TextField(
        _("how the story fits this year's theme"), max_length=1000, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    video_link = models.URLField(_("video (optional)"), blank=True)

    is_finalist = models.BooleanField(_("finalist"), default=False)
    award = models.CharField(_("award"), max_length=10, choices=Award.choices, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Slam application")
        ordering = ["project_name"]
        constraints = [
            models.UniqueConstraint(
                "edition",
                "programme",
                Lower("project_acronym"),
                name="slam_application_once_per_project",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self):
        return f"{self.project_acronym} — {self.edition.year}"

    @property
    def is_shortlisted(self) -> bool:
        return self.status == self.Status.SHORTLISTED


class SlamApplicationPhoto(models.Model):
    application = models.ForeignKey(
        SlamApplication, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.application} — {self.image}"


class SlamAssignment(models.Model):
    """An application a juror is asked to review."""

    application = models.ForeignKey(
        SlamApplication, on_delete=models.CASCADE, related_name="assignments"
    )
    juror = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "juror"], name="slam_assignment_once"),
        ]

    def __str__(self):
        return f"{self.juror} — {self.application}"


class SlamReview(models.Model):
    """One juror's scores and comment on one application, or their conflict of interest."""

    application = models.ForeignKey(
        SlamApplication, on_delete=models.CASCADE, related_name="reviews"
    )
    juror = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    # The weighted total of the scores, 0-100, kept for ranking.
    total = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "juror"], name="slam_review_once"),
        ]

    def __str__(self):
        return f"{self.juror} — {self.application}"


class SlamScore(models.Model):
    review = models.ForeignKey(SlamReview, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(SlamCriterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="slam_score_once"),
            models.CheckConstraint(
                condition=models.Q(score__lte=SCORE_MAX), name="slam_score_range"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class SlamVideo(models.Model):
    """A shortlisted project's 2-3 minute film: a YouTube/Vimeo link or an uploaded file."""

    application = models.OneToOneField(
        SlamApplication, on_delete=models.CASCADE, related_name="video"
    )
    video_url = models.URLField(_("YouTube or Vimeo address"), blank=True)
    file = models.FileField(_("video file"), upload_to=video_upload_to, blank=True)
    # An uploaded film has captions, or its uploader declares it has no speech.
    captions = models.FileField(_("captions (WebVTT)"), upload_to=captions_upload_to, blank=True)
    captions_language = models.CharField(
        _("language of the captions"), max_length=2, choices=EU_LANGUAGE_CHOICES, blank=True
    )
    no_speech = models.BooleanField(_("this film has no speech"), default=False)
    thumbnail = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("thumbnail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.CharField(_("short description"), max_length=300)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Slam video")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(file="") | ~models.Q(captions="") | models.Q(no_speech=True),
                name="slam_uploaded_film_has_captions_or_no_speech",
                violation_error_message=CAPTIONS_NEEDED,
            ),
            models.CheckConstraint(
                condition=models.Q(captions="") | ~models.Q(captions_language=""),
                name="slam_captions_have_a_language",
                violation_error_message=CAPTIONS_LANGUAGE_NEEDED,
            ),
        ]

    def __str__(self):
        return str(self.application)

    @property
    def captions_label(self) -> str:
        """The captions' language named in itself, as the player lists the track."""
        return own_name(self.captions_language)


class SlamVote(models.Model):
    """One person's vote in an edition (or in one of its categories); changing it updates this
    row. The unique constraint, not the view, keeps it to one."""

    edition = models.ForeignKey(SlamEditionPage, on_delete=models.CASCADE, related_name="votes")
    # "" when the edition has no categories; a category's id otherwise (never NULL, so the
    # unique constraint holds on every database).
    category_key = models.CharField(max_length=20, default="", blank=True)
    voter = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(SlamApplication, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "category_key", "voter"], name="slam_one_vote"
            ),
        ]
        indexes = [models.Index(fields=["application"])]

    def __str__(self):
        return f"{self.voter} → {self.application}"
