"""Learning paths: an ordered set of courses for one job in a programme, with a credential."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin

from portal.accounts.models import Affiliation

from .pages import COURSE_IN_ITS_ORIGINAL_LANGUAGE

Function = Affiliation.Function


class LearningPath(TranslatableMixin, ClusterableModel):
    # Each learner's kept "my learning" recommends paths (academy.learning_versions).
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    class Audience(models.TextChoices):
        # Newcomers: everyone new to Interreg, whatever their function (or none yet).
        NEWCOMERS = "newcomers", _("Newcomers to Interreg")
        MANAGING_AUTHORITY = Function.MANAGING_AUTHORITY.value, Function.MANAGING_AUTHORITY.label
        JOINT_SECRETARIAT = Function.JOINT_SECRETARIAT.value, Function.JOINT_SECRETARIAT.label
        CONTROLLER = Function.CONTROLLER.value, Function.CONTROLLER.label
        AUDITOR = Function.AUDITOR.value, Function.AUDITOR.label
        COMMUNICATION_OFFICER = (
            Function.COMMUNICATION_OFFICER.value,
            Function.COMMUNICATION_OFFICER.label,
        )
        FINANCE_OFFICER = Function.FINANCE_OFFICER.value, Function.FINANCE_OFFICER.label

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=1500, blank=True)
    audience = models.CharField(_("designed for"), max_length=32, choices=Audience.choices)
    validity_months = models.PositiveSmallIntegerField(
        _("credential valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Empty: the path's credential does not expire."),
    )
    live = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown to learners and recommended in My learning."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("validity_months")]),
        FieldPanel("live"),
        InlinePanel("steps", label=_("courses"), min_num=1),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # Steps, progress and credentials belong to the original (default language); a
        # translation only lends its title and description.
        return reverse("academy:learning_path", kwargs={"pk": self.pk})


class LearningPathStep(Orderable):
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    path = ParentalKey(LearningPath, on_delete=models.CASCADE, related_name="steps")
    course = models.ForeignKey(
        "academy.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="path_steps",
    )
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Needed to complete the path.")
    )

    panels = [FieldRowPanel([FieldPanel("course"), FieldPanel("required")])]

    def clean(self):
        super().clean()
        if self.course_id and self.course.original.pk != self.course_id:
            raise ValidationError({"course": COURSE_IN_ITS_ORIGINAL_LANGUAGE})

    class Meta(Orderable.Meta):
        verbose_name = _("course")
        constraints = [
            models.UniqueConstraint(fields=["path", "course"], name="academy_path_course_once")
        ]
