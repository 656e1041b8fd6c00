"""The Academy's page tree: catalogue → course → module → lessons and quizzes."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from portal.accounts.models import Affiliation, Profile
from portal.core.blocks import BodyBlock
from portal.core.pages import BasePage, LandingPageBase, PageWithView

from ..blocks import QuestionsBlock

ATTENDANCE_NEEDS_SESSIONS = _("A self-paced course has no sessions to attend.")
SLUG_RESERVED = _("This web address is used by the Academy itself; choose another.")
# Paths below /academy/ that the portal's own views answer (academy/urls.py).
RESERVED_SLUGS = frozenset({"courses", "enrolments", "sessions", "my-learning", "paths"})
NOTHING_COMPLETES_COURSE = _("Choose at least one thing that completes the course.")
FUNCTION_LIMIT_NEEDS_FUNCTIONS = _(
    "Choose the functions this course is limited to under “Designed for”."
)
RENEWAL_NEEDS_VALIDITY = _(
    "Certificates that stay valid for ever need no renewal: set their validity in months."
)
RENEWAL_IS_ANOTHER_COURSE = _(
    "A course cannot renew itself: its learners completed it already. Choose another course."
)
# Enrolments, progress and certificates are kept on a course's original (page_languages).
COURSE_IN_ITS_ORIGINAL_LANGUAGE = _(
    "Choose the course in its original language: enrolments and certificates are kept there, "
    "so a translation would never count as completed."
)


class AcademyLandingPage(LandingPageBase):
    """The catalogue at /academy/."""

    shares_signed_in_cache = True  # every personal part is a piece

    subpage_types = ["academy.CoursePage"]

    page_view = "academy.page_views.CatalogueView"

    class Meta:
        verbose_name = _("Academy catalogue")


class Trainer(TranslatableMixin, index.Indexed, models.Model):
    """Someone who teaches Academy courses."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(
        _("role and organisation"), max_length=200, blank=True, help_text=_("E.g. “Trainer, …”.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), max_length=1500, blank=True)
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainer_profiles",
        help_text=_("Lets this trainer see the sessions they teach."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "academy.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CourseTrainer(Orderable):
    course = ParentalKey("academy.CoursePage", on_delete=models.CASCADE, related_name="trainers")
    trainer = models.ForeignKey(Trainer, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("trainer")]


class CoursePageForm(WagtailAdminPageForm):
    audience_functions = forms.MultipleChoiceField(
        label=_("Designed for"),
        choices=Affiliation.Function.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The functions this course is written for; learners filter by them."),
    )


class CoursePage(BasePage):
    class Format(models.TextChoices):
        SELF_PACED = "self_paced", _("Self-paced online")
        LIVE_ONLINE = "live_online", _("Live online")
        IN_PERSON = "in_person", _("In person")
        BLENDED = "blended", _("Blended")

    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Kind(models.TextChoices):
        CERTIFIED = "certified", _("Certified training")
        SHORT = "short", _("Short course")

    class Audience(models.TextChoices):
        ANYONE = "anyone", _("Anyone with a portal account")
        PROGRAMME_STAFF = "programme_staff", _("Approved programme staff")
        FUNCTIONS = "functions", _("Approved staff in the functions it is designed for")

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=Profile.LANGUAGE_CHOICES, default="en"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.SHORT)
    effort_hours = models.DecimalField(
        _("effort in hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("Learning time printed on the certificate."),
    )
    duration = models.CharField(
        _("duration"),
        max_length=80,
        blank=True,
        help_text=_("How it is spread, e.g. “4 weeks, 2 hours a week” or “2 days”."),
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"), help_text=_("One per line; they are printed on the certificate.")
    )
    audience_description = models.TextField(_("who it is for"), max_length=800)
    audience_functions = models.JSONField(_("designed for"), default=list, blank=True)
    prerequisites = RichTextField(_("prerequisites"), blank=True)
    certification_rules = RichTextField(
        _("certification rules"),
        blank=True,
        help_text=_("Anything learners should know beyond what completes the course."),
    )
    enrolment_audience = models.CharField(
        _("who may enrol"), max_length=16, choices=Audience.choices, default=Audience.ANYONE
    )
    completion_requires_lessons = models.BooleanField(_("all required lessons done"), default=True)
    completion_requires_quizzes = models.BooleanField(
        _("all required quizzes passed"), default=True
    )
    completion_requires_attendance = models.BooleanField(_("session attended"), default=False)
    quizzes_require_lessons = models.BooleanField(
        _("quizzes open once the lessons before them are done"),
        default=False,
        help_text=_(
            "Learners take a quiz only after marking done every required lesson that comes "
            "before it in the course."
        ),
    )
    signatory_name = models.CharField(
        _("signatory"),
        max_length=120,
        blank=True,
        help_text=_("Signs this course's certificates; empty uses the certificate template's."),
    )
    signatory_title = models.CharField(_("signatory's title"), max_length=160, blank=True)
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "E.g. 36 for a certification to renew every three years. Empty: certificates "
            "never expire."
        ),
    )
    renewal_course = models.ForeignKey(
        "academy.CoursePage",
        verbose_name=_("renewal course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Completing it renews this course's certificate for another period. Empty: "
            "certificates expire without renewal."
        ),
    )
    tags = ClusterTaggableManager(through=CourseTag, blank=True, verbose_name=_("topics"))

    base_form_class = CoursePageForm
    parent_page_types = ["academy.AcademyLandingPage"]
    subpage_types = ["academy.ModulePage"]
    # Everyone shares one copy: seats left, the enrol panel and a learner's syllabus are
    # personal pieces, fresh on every view.
    shares_signed_in_cache = True

    content_panels = [
        *Page.content_panels,
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("format"), FieldPanel("level"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("effort_hours"), FieldPanel("duration")]),
        FieldPanel("tags"),
        FieldPanel("learning_outcomes"),
        FieldPanel("audience_description"),
        FieldPanel("audience_functions"),
        FieldPanel("prerequisites"),
        InlinePanel("trainers", label=_("Trainers")),
    ]
    rules_panels = [
        FieldPanel("enrolment_audience"),
        MultiFieldPanel(
            [
                FieldPanel("completion_requires_lessons"),
                FieldPanel("completion_requires_quizzes"),
                FieldPanel("completion_requires_attendance"),
            ],
            heading=_("What completes the course"),
        ),
        FieldPanel("quizzes_require_lessons"),
        FieldPanel("certification_rules"),
        FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
        MultiFieldPanel(
            [FieldPanel("certificate_validity_months"), FieldPanel("renewal_course")],
            heading=_("Validity and renewal"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Course")),
            ObjectList(rules_panels, heading=_("Enrolment and certification")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("learning_outcomes"),
        index.SearchField("audience_description"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    page_view = "academy.page_views.CourseView"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        errors = {}
        if self.completion_requires_attendance and self.format == self.Format.SELF_PACED:
            errors["completion_requires_attendance"] = ATTENDANCE_NEEDS_SESSIONS
        if not (
            self.completion_requires_lessons
            or self.completion_requires_quizzes
            or self.completion_requires_attendance
        ):
            errors["completion_requires_lessons"] = NOTHING_COMPLETES_COURSE
        if self.enrolment_audience == self.Audience.FUNCTIONS and not self.audience_functions:
            errors["enrolment_audience"] = FUNCTION_LIMIT_NEEDS_FUNCTIONS
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = SLUG_RESERVED
        if self.renewal_course_id and not self.certificate_validity_months:
            errors["renewal_course"] = RENEWAL_NEEDS_VALIDITY
        elif self.pk and self.renewal_course_id == self.pk:
            errors["renewal_course"] = RENEWAL_IS_ANOTHER_COURSE
        elif self.renewal_course_id and self.renewal_course.original.pk != self.renewal_course_id:
            errors["renewal_course"] = COURSE_IN_ITS_ORIGINAL_LANGUAGE
        if errors:
            raise ValidationError(errors)

    @property
    def is_certified(self) -> bool:
        return self.kind == self.Kind.CERTIFIED

    @property
    def has_sessions(self) -> bool:
        return self.format != self.Format.SELF_PACED

    @property
    def learning_outcome_list(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    @property
    def audience_function_labels(self) -> list[str]:
        labels = dict(Affiliation.Function.choices)
        return [str(labels[value]) for value in self.audience_functions if value in labels]


class CourseContentPage(PageWithView):
    """Modules, lessons and quizzes: open only to the course's learners and its editors.

    Not listed in search or the sitemap; each request asks the academy's access rules.
    """

    visible_through_own_access = True
    page_view = "academy.page_views.CourseContentView"

    class Meta:
        abstract = True

    @cached_property
    def course(self) -> CoursePage | None:
        return CoursePage.objects.ancestor_of(self).first()

    def get_sitemap_urls(self, request=None):
        return []


class ModulePage(CourseContentPage):
    intro = models.TextField(_("introduction"), blank=True, max_length=800)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["academy.CoursePage"]
    subpage_types = ["academy.LessonPage", "academy.QuizPage"]

    class Meta:
        verbose_name = _("course module")


class LessonPage(CourseContentPage):
    body = StreamField(BodyBlock(), use_json_field=True)
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Needed to complete the course.")
    )
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=15, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("required"), FieldPanel("minutes")]),
        FieldPanel("body"),
    ]
    parent_page_types = ["academy.ModulePage"]
    subpage_types: list[str] = []
    page_view = "academy.page_views.LessonView"

    class Meta:
        verbose_name = _("lesson")


class QuizPageForm(WagtailAdminPageForm):
    """A new quiz of a certified training starts with the review its integrity needs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.parent_page is not None:
            course = CoursePage.objects.ancestor_of(self.parent_page, inclusive=True).first()
            for name, value in QuizPage.review_defaults(course).items():
                if name in self.fields:
                    self.initial[name] = value


class QuizPage(CourseContentPage):
    class ReviewDetail(models.TextChoices):
        SCORE = "score", _("The score only")
        MISTAKES = "mistakes", _("The score and which of their answers were wrong")
        ANSWERS = (
            "answers",
            _("The score, which answers were wrong, the correct answers and feedback"),
        )

    class ReviewTiming(models.TextChoices):
        IMMEDIATELY = "immediately", _("Right after each attempt")
        ONCE_PASSED = "once_passed", _("Once they have passed")
        AFTER_LAST_ATTEMPT = (
            "after_last_attempt",
            _("Once they have passed or used their last attempt"),
        )

    intro = models.TextField(_("introduction"), blank=True, max_length=800)
    questions = StreamField(QuestionsBlock(), use_json_field=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, help_text=_("0 allows any number of attempts.")
    )
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Passing it is needed to complete the course.")
    )
    review_detail = models.CharField(
        _("after an attempt, learners see"),
        max_length=12,
        choices=ReviewDetail.choices,
        default=ReviewDetail.ANSWERS,
        help_text=_(
            "The most a learner is shown about an attempt. Until the moment chosen below, "
            "they see their score only."
        ),
    )
    review_timing = models.CharField(
        _("when they see it"),
        max_length=20,
        choices=ReviewTiming.choices,
        default=ReviewTiming.IMMEDIATELY,
        help_text=_(
            "When learners see it. Shown right after each attempt, correct answers help the "
            "next attempt pass: certified trainings wait until learners pass or use their "
            "last attempt."
        ),
    )

    base_form_class = QuizPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel(
            [FieldPanel("pass_mark"), FieldPanel("max_attempts"), FieldPanel("required")]
        ),
        MultiFieldPanel(
            [FieldPanel("review_detail"), FieldPanel("review_timing")],
            heading=_("Review after an attempt"),
        ),
        FieldPanel("questions"),
    ]
    parent_page_types = ["academy.ModulePage"]
    subpage_types: list[str] = []
    page_view = "academy.page_views.QuizView"

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @classmethod
    def review_defaults(cls, course: CoursePage | None) -> dict[str, str]:
        """The review a new quiz of `course` starts with: a certified training keeps its
        correct answers until the learner passes or has no attempt left."""
        timing = cls.ReviewTiming.IMMEDIATELY
        if course is not None and course.is_certified:
            timing = cls.ReviewTiming.AFTER_LAST_ATTEMPT
        return {"review_detail": cls.ReviewDetail.ANSWERS, "review_timing": timing}
