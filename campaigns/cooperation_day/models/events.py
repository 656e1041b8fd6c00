"""Cooperation Day's records: programme participation, events, their moderation and sign-ups."""

import secrets
import zoneinfo
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel

from portal.accounts.models import Profile
from portal.core.capacity import ACTIVE_STATUSES, PlaceHolding
from portal.core.languages import EU_LANGUAGE_CHOICES
from portal.core.timezones import time_zone_choices, validate_time_zone, zone_or_utc

EVENT_ENDS_BEFORE_START = _("The event must end after it starts.")
EVENT_OUTSIDE_WINDOW = _("Events of this edition take place between %(start)s and %(end)s.")
EVENT_NEEDS_PLACE = _("Give the venue, its address and its position on the map.")
EVENT_NEEDS_LINK = _("An online event needs the link people join with.")
EVENT_NEEDS_CAPACITY = _("Say how many people can sign up.")
EVENT_NEEDS_REGISTRATION_LINK = _("Give the address where people register.")
SECOND_POSITION_INCOMPLETE = _("Give both the latitude and the longitude of the second place.")
CROSS_BORDER_NEEDS_COUNTRIES = _(
    "An event on both sides of a border lists every country it takes place in."
)
REQUIRED_TO_SUBMIT = _("Needed before you submit the event.")

LATITUDE_VALIDATORS = [MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))]
LONGITUDE_VALIDATORS = [MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))]


class ProgrammeParticipation(models.Model):
    """A programme's commitment to take part in an edition of the campaign."""

    class Support(models.TextChoices):
        NONE = "none", _("No support needed")
        MATERIALS = "materials", _("Campaign materials")
        PROMOTION = "promotion", _("Promotion of our events")
        ADVICE = "advice", _("Advice on organising events")

    edition = models.ForeignKey(
        "cooperation_day.CooperationDayEditionPage",
        on_delete=models.CASCADE,
        related_name="participations",
    )
    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, related_name="+")
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    expected_events = models.PositiveSmallIntegerField(_("events you expect"), default=1)
    support_wanted = models.CharField(
        _("support wanted"), max_length=12, choices=Support.choices, default=Support.NONE
    )
    notes = models.TextField(_("anything else"), blank=True, max_length=2000)
    registered_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme participation")
        ordering = ["programme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "programme"], name="cooperation_day_participation_once"
            ),
        ]

    def __str__(self):
        return f"{self.programme} — {self.edition.year}"


class EventTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "cooperation_day.Event", on_delete=models.CASCADE, related_name="tagged_items"
    )


def _public_id() -> str:
    return secrets.token_urlsafe(8)


OPENSTREETMAP_ZOOM = 16  # streets and house numbers


def openstreetmap_url(latitude, longitude) -> str:
    """A pin at the position on openstreetmap.org, at street level."""
    lat, lon = f"{float(latitude):.5f}", f"{float(longitude):.5f}"
    return (
        f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={OPENSTREETMAP_ZOOM}/{lat}/{lon}"
    )


def _coordinate(label, validators) -> models.DecimalField:
    """A position's latitude or longitude to five decimals (about a metre), optional."""
    return models.DecimalField(
        label, max_digits=8, decimal_places=5, null=True, blank=True, validators=validators
    )


# What an event read without its status, or made in memory for an existing row, was stored as.
_STATUS_UNKNOWN = object()


class Event(models.Model):
    """A local public event registered by a project or programme, published after review.

    Columns always hold what the public sees once published. Changes to a published event wait
    in `pending_changes` until a moderator approves them.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    class Type(models.TextChoices):
        OPEN_DAY = "open_day", _("Open day")
        EXHIBITION = "exhibition", _("Exhibition")
        WORKSHOP = "workshop", _("Workshop")
        GUIDED_TOUR = "guided_tour", _("Guided tour")
        FESTIVAL = "festival", _("Festival")
        SPORT = "sport", _("Sport")
        ONLINE_TALK = "online_talk", _("Online talk")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Booking(models.TextChoices):
        DROP_IN = "drop_in", _("Drop in, no registration")
        SIGN_UP = "sign_up", _("Sign up on this portal")
        EXTERNAL = "external", _("Registration elsewhere")

    # The fields an organiser edits; for a published event they wait in `pending_changes`.
    EDITABLE_FIELDS = (
        "title",
        "description",
        "language",
        "organiser_organisation",
        "programme",
        "project_name",
        "project_acronym",
        "project_url",
        "project",
        "event_type",
        "format",
        "starts_at",
        "ends_at",
        "time_zone",
        "venue",
        "address",
        "countries",
        "latitude",
        "longitude",
        "second_latitude",
        "second_longitude",
        "online_link",
        "languages",
        "audience",
        "accessibility",
        "expected_participants",
        "image",
        "image_credit",
        "show_contact",
        "contact_email",
        "contact_phone",
        "booking",
        "capacity",
        "registration_url",
    )

    public_id = models.CharField(max_length=16, unique=True, default=_public_id, editable=False)
    edition = models.ForeignKey(
        "cooperation_day.CooperationDayEditionPage",
        on_delete=models.PROTECT,
        related_name="events",
    )
    # A published event outlives its organiser's account (without a name); their unpublished
    # events are deleted with the account (cooperation_day.gdpr).
    organiser = models.ForeignKey(
        "accounts.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_day_events",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    pending_changes = models.JSONField(default=dict, blank=True, editable=False)
    pending_status = models.CharField(
        max_length=20, choices=Status.choices, blank=True, editable=False
    )

    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=8000, blank=True)
    # What the organiser wrote (title, description, place names) is in this language, whatever
    # the page's: pages mark it with its `lang`.
    language = models.CharField(
        _("language of the title and description"),
        max_length=8,
        choices=EU_LANGUAGE_CHOICES,
        default="en",
    )
    organiser_organisation = models.CharField(_("organised by"), max_length=200, blank=True)
    programme = models.ForeignKey(
        "accounts.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cooperation_day_events",
    )
    project_name = models.CharField(_("project name"), max_length=200, blank=True)
    project_acronym = models.CharField(_("project acronym"), max_length=40, blank=True)
    project_url = models.URLField(_("project page"), blank=True)
    # The project as keep.eu records it, when it is there; the fields above stay for projects
    # keep.eu does not list.
    project = models.ForeignKey(
        "hub.Project",
        verbose_name=_("project on keep.eu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_day_events",
    )
    event_type = models.CharField(
        _("type of event"), max_length=16, choices=Type.choices, blank=True
    )
    themes = TaggableManager(through=EventTag, blank=True, verbose_name=_("themes"))
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        choices=time_zone_choices,
        validators=[validate_time_zone],
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    latitude = _coordinate(_("latitude"), LATITUDE_VALIDATORS)
    longitude = _coordinate(_("longitude"), LONGITUDE_VALIDATORS)
    second_latitude = _coordinate(_("latitude on the other side"), LATITUDE_VALIDATORS)
    second_longitude = _coordinate(_("longitude on the other side"), LONGITUDE_VALIDATORS)
    online_link = models.URLField(_("link to join"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    audience = models.CharField(_("for whom"), max_length=300, blank=True)
    accessibility = models.TextField(_("accessibility"), max_length=1000, blank=True)
    expected_participants = models.PositiveIntegerField(_("expected participants"), default=0)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    show_contact = models.BooleanField(_("show a public contact"), default=False)
    contact_email = models.EmailField(_("public contact e-mail"), blank=True)
    contact_phone = models.CharField(_("public contact phone"), max_length=40, blank=True)
    booking = models.CharField(
        _("how people join"), max_length=10, choices=Booking.choices, default=Booking.DROP_IN
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_url = models.URLField(_("registration address"), blank=True)

    actual_participants = models.PositiveIntegerField(
        _("actual participants"), null=True, blank=True
    )
    reported_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The event's share of the public feeds, built from the columns above once and joined for
    # every feed (campaigns.cooperation_day.feeds). `feed_parts_of` is the `updated_at` they
    # were built from: parts older than the event are built again, never served.
    feed_parts_of = models.DateTimeField(null=True, blank=True, editable=False)
    geojson_features = models.TextField(blank=True, editable=False)
    calendar_text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("Cooperation Day event")
        verbose_name_plural = _("Cooperation Day events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="cooperation_day_event_ends_after",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="cooperation_day_event_capacity_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "status", "starts_at"]),
            models.Index(fields=["status", "pending_status"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._stored_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        event = super().from_db(db, field_names, values)
        event._stored_status = event.__dict__.get("status", _STATUS_UNKNOWN)
        return event

    def invalidates_page_cache_when(self, *, created: bool) -> bool:
        """Whether saving or deleting this row changes what visitors see (event pages, the
        maps, the feeds: portal.core.signals): it is published, or was as last read or saved.
        A row saved without having been read may have been published: it counts as shown.
        The services that publish also drop the copies once their transaction commits."""
        stored = getattr(self, "_stored_status", None if created else _STATUS_UNKNOWN)
        return self.Status.PUBLISHED in (self.status, stored) or stored == _STATUS_UNKNOWN

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                errors["ends_at"] = EVENT_ENDS_BEFORE_START
            elif self.edition_id and not self._within_window():
                edition = self.edition
                errors["starts_at"] = ValidationError(
                    EVENT_OUTSIDE_WINDOW,
                    params={"start": edition.events_from, "end": edition.events_until},
                )
        if (self.second_latitude is None) != (self.second_longitude is None):
            errors["second_longitude"] = SECOND_POSITION_INCOMPLETE
        elif self.second_latitude is not None and len(self.countries) < 2:
            errors["countries"] = CROSS_BORDER_NEEDS_COUNTRIES
        if errors:
            raise ValidationError(errors)

    # What an event needs before it can be submitted; drafts may lack any of it.
    REQUIRED_TO_SUBMIT = (
        "description",
        "organiser_organisation",
        "programme",
        "event_type",
        "starts_at",
        "ends_at",
        "countries",
    )

    def completeness_errors(self) -> dict:
        missing = {}
        for name in self.REQUIRED_TO_SUBMIT:
            if getattr(self, name if name != "programme" else "programme_id") in (None, "", []):
                missing[name] = REQUIRED_TO_SUBMIT
        has_place = self.venue and self.address and None not in (self.latitude, self.longitude)
        if self.format != self.Format.ONLINE and not has_place:
            missing["venue"] = EVENT_NEEDS_PLACE
        if self.format != self.Format.IN_PERSON and not self.online_link:
            missing["online_link"] = EVENT_NEEDS_LINK
        if self.booking == self.Booking.SIGN_UP and not self.capacity:
            missing["capacity"] = EVENT_NEEDS_CAPACITY
        if self.booking == self.Booking.EXTERNAL and not self.registration_url:
            missing["registration_url"] = EVENT_NEEDS_REGISTRATION_LINK
        return missing

    def _within_window(self) -> bool:
        zone = self.zone
        starts = timezone.localtime(self.starts_at, zone).date()
        ends = timezone.localtime(self.ends_at, zone).date()
        return self.edition.events_from <= starts and ends <= self.edition.events_until

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    @staticmethod
    def in_any_country(*codes: str) -> Q:
        """Events held (at least partly) in one of `codes`. Countries are stored as "AT,SK":
        two-letter codes between commas, so a substring match is a whole-code match."""
        found = Q(pk__in=[])
        for code in codes:
            found |= Q(countries__contains=code)
        return found

    @staticmethod
    def across_borders() -> Q:
        """Events held in more than one country."""
        return Q(countries__contains=",")

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_cross_border(self) -> bool:
        return len(self.countries) > 1

    @property
    def has_place(self) -> bool:
        return self.format != self.Format.ONLINE and self.latitude is not None

    @staticmethod
    def page_path_prefix() -> str:
        """The active language's address of event pages, up to the event's id: for feeds that
        write thousands of addresses without reversing each."""
        return reverse("cooperation_day:event_detail", args=["ID"]).rsplit("ID", 1)[0]

    @property
    def openstreetmap_urls(self) -> list[str]:
        """The event's place (and the one across the border) on openstreetmap.org: a link
        for visitors, never loaded by the portal."""
        if not self.has_place:
            return []
        places = [(self.latitude, self.longitude), (self.second_latitude, self.second_longitude)]
        return [
            openstreetmap_url(latitude, longitude)
            for latitude, longitude in places
            if latitude is not None and longitude is not None
        ]

    @property
    def takes_sign_ups(self) -> bool:
        return self.is_public and self.booking == self.Booking.SIGN_UP

    @property
    def has_ended(self) -> bool:
        return self.ends_at is not None and self.ends_at <= timezone.now()

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.zone) if self.starts_at else None

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.zone) if self.ends_at else None

    @property
    def language_names(self) -> list[str]:
        names = dict(Profile.LANGUAGE_CHOICES)
        return [str(names[code]) for code in self.languages if code in names]


class EventTransition(models.Model):
    """Every moderation step of an event: who moved it from where to where, and why."""

    class Reason(models.TextChoices):
        NOT_PUBLIC = "not_public", _("The event is not open to the public")
        NOT_INTERREG = (
            "not_interreg",
            _("The event is not linked to an Interreg programme or project"),
        )
        INCOMPLETE = "incomplete", _("Important information is missing")
        WRONG_DATES = "wrong_dates", _("The dates are outside the campaign")
        DUPLICATE = "duplicate", _("The event was registered twice")
        COMMERCIAL = "commercial", _("The event is commercial")
        OTHER = "other", _("Another reason")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Event.Status.choices)
    to_status = models.CharField(max_length=20, choices=Event.Status.choices)
    applies_to_changes = models.BooleanField(
        default=False, help_text=_("The step concerned edits to a published event.")
    )
    actor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=16, choices=Reason.choices, blank=True)
    message = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("event moderation step")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.event}: {self.from_status} → {self.to_status}"


class CampaignModerator(models.Model):
    """Someone in the campaign team who reviews events, possibly only some countries or
    programmes (none chosen: all)."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="campaign_moderator"
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    programmes = models.ManyToManyField(
        "accounts.Programme", verbose_name=_("programmes"), blank=True, related_name="+"
    )

    panels = [FieldPanel("user"), FieldPanel("countries"), FieldPanel("programmes")]

    class Meta:
        verbose_name = _("campaign moderator")

    def __str__(self):
        return str(self.user)


class EventAttendee(PlaceHolding):
    """Someone who signed up for an event, with no portal account needed.

    A row exists only once the person confirmed their e-mail address (the confirmation link
    carries the sign-up, signed), so an unconfirmed address never holds a seat.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    cancel_token = models.CharField(
        max_length=43, unique=True, default=secrets.token_urlsafe, editable=False
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The language of the page they signed up on: their e-mails are written in it.
    language = models.CharField(max_length=8, default="en", editable=False)

    class Meta:
        verbose_name = _("attendee")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=Q(status__in=ACTIVE_STATUSES),
                name="cooperation_day_attendee_once_per_event",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} — {self.event}"


class EventPhoto(models.Model):
    """A photo the organiser shares after the event, shown on its page."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event photo")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.event} — {self.image}"


class SignUpEmail(models.Model):
    """A confirmation e-mail sent for a sign-up request: which address (as a keyed hash, never
    the address itself), for which event, when. Requests are limited per address and day by
    counting these, whoever asks and from wherever."""

    email_digest = models.CharField(max_length=64)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sign-up confirmation e-mail")
        indexes = [
            models.Index(fields=["email_digest", "sent_at"], name="cooperation_day_email_sent"),
            models.Index(fields=["sent_at"], name="cooperation_day_email_age"),
        ]

    def __str__(self):
        return f"{self.email_digest[:12]}… — {self.event_id}"
