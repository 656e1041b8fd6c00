"""Sessions, enrolments and what learners have done."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.core.capacity import ACTIVE_STATUSES, PlaceHolding, PlaceStatus
from portal.core.timezones import time_zone_choices, validate_time_zone, zone_or_utc

SESSION_ENDS_BEFORE_START = _("The session must end after it starts.")
SESSION_CLOSES_AFTER_START = _("Enrolment must close before the session starts.")
SESSION_NEEDS_VENUE = _("An in-person session needs a venue and a city.")
SESSION_NEEDS_LINK = _("A live online session needs the link learners join with.")


class CourseSession(models.Model):
    """One run of a live online or in-person course, with a limited number of seats."""

    class Delivery(models.TextChoices):
        ONLINE = "online", _("Live online")
        IN_PERSON = "in_person", _("In person")

    # New sessions change the catalogue's "next session" dates at once.
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    course = models.ForeignKey(
        "academy.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        choices=time_zone_choices,
        validators=[validate_time_zone],
        help_text=_("Times are shown to learners in this time zone."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), default=25, validators=[MinValueValidator(1)]
    )
    enrolment_closes_at = models.DateTimeField(
        _("enrolment closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    online_link = models.URLField(
        _("link to join"), blank=True, help_text=_("Only confirmed learners see it.")
    )
    trainers = models.ManyToManyField(
        "academy.Trainer", verbose_name=_("trainers"), blank=True, related_name="sessions"
    )
    reminders_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="academy_session_ends_after"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="academy_session_has_seats"),
        ]
        indexes = [models.Index(fields=["course", "starts_at"])]

    def __str__(self):
        local = timezone.localtime(self.starts_at, self.zone)
        return f"{self.course.title} — {local:%d %b %Y}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = SESSION_ENDS_BEFORE_START
        if (
            self.enrolment_closes_at
            and self.starts_at
            and self.enrolment_closes_at > self.starts_at
        ):
            errors["enrolment_closes_at"] = SESSION_CLOSES_AFTER_START
        if self.delivery == self.Delivery.IN_PERSON and not (self.venue and self.city):
            errors["venue"] = SESSION_NEEDS_VENUE
        if self.delivery == self.Delivery.ONLINE and not self.online_link:
            errors["online_link"] = SESSION_NEEDS_LINK
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    @property
    def closes_at(self):
        return self.enrolment_closes_at or self.starts_at

    def is_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.closes_at

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def place(self) -> str:
        if self.delivery == self.Delivery.ONLINE:
            return str(_("Online"))
        return ", ".join(part for part in (self.venue, self.city, self.country.name) if part)


class Enrolment(PlaceHolding):
    """A learner's place in a course and, for live and in-person courses, in one session."""

    user = models.ForeignKey(
        "accounts.User", verbose_name=_("learner"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "academy.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    last_visited = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="academy_enrolment_one_active_per_course",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(status=PlaceStatus.CONFIRMED),
                name="academy_enrolment_completed_is_confirmed",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["course", "status"]),
            models.Index(fields=["user", "status"]),
        ]

    def __str__(self):
        return f"{self.user} — {self.course.title}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == PlaceStatus.CONFIRMED


class LessonProgress(models.Model):
    """A lesson a learner has finished."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(
        "academy.CoursePage", on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey("academy.LessonPage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson done")
        verbose_name_plural = _("lessons done")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="academy_lesson_done_once"),
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} — {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submitted attempt at a quiz, scored on the server."""

    user = models.ForeignKey(
        "accounts.User", verbose_name=_("learner"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "academy.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        "academy.QuizPage", verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    score = models.PositiveSmallIntegerField(_("score (%)"))
    correct_count = models.PositiveSmallIntegerField(_("correct answers"))
    question_count = models.PositiveSmallIntegerField(_("questions"))
    passed = models.BooleanField(_("passed"))
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="academy_attempt_number_unique"
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="academy_attempt_score_max"),
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} — {self.quiz.title} #{self.number}"
