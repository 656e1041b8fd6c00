from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from campaigns.forms import (
    KeepProjectField,
    MultipleImageField,
    MultipleImageInput,
    NamesItsProject,
    WrittenInALanguage,
    https_by_default,
)
from portal.accounts.models import Profile, Programme
from portal.core.forms import KeepsDrafts, PortalForm, PortalModelForm, SubmissionTokenMixin
from portal.core.languages import OwnLanguageSelect
from portal.core.timezones import zone_or_utc
from portal.core.uploads import CheckedImageField

from .models import Event, EventTransition, ProgrammeParticipation
from .places import place_find

ANY = [("", _("Any"))]
COORDINATE_STEP = Decimal("0.00001")
LATITUDE_RANGE = _("A latitude lies between -90 and 90.")
LONGITUDE_RANGE = _("A longitude lies between -180 and 180.")
MAX_REPORT_PHOTOS = 6


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _coordinate(label, limit, message):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=-limit,
        max_value=limit,
        error_messages={"min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )


class EventForm(
    WrittenInALanguage, NamesItsProject, SubmissionTokenMixin, KeepsDrafts, PortalModelForm
):
    """Everything an organiser tells about their event. Drafts may leave most of it blank;
    submitting asks for the rest (`Event.completeness_errors`)."""

    starts_at = forms.DateTimeField(
        label=_("Starts"), required=False, widget=LocalDateTimeInput, help_text=_("Local time.")
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), required=False, widget=LocalDateTimeInput, help_text=_("Local time.")
    )
    latitude = _coordinate(_("Latitude"), 90, LATITUDE_RANGE)
    longitude = _coordinate(_("Longitude"), 180, LONGITUDE_RANGE)
    second_latitude = _coordinate(_("Latitude on the other side"), 90, LATITUDE_RANGE)
    second_longitude = _coordinate(_("Longitude on the other side"), 180, LONGITUDE_RANGE)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        choices=Profile.LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = TagField(
        label=_("Themes"),
        required=False,
        help_text=_("Separate themes with commas, e.g. “climate, rivers, youth”."),
    )
    image_file = CheckedImageField(
        label=_("Image"), required=False, help_text=_("A landscape photo, JPEG or PNG.")
    )
    image_remove = forms.BooleanField(label=_("Remove the current image"), required=False)
    project = KeepProjectField()

    # Shown as sections of the form, in this order.
    SECTIONS = (
        (_("About the event"), ("title", "description", "language", "event_type", "themes")),
        (
            _("Who organises it"),
            (
                "organiser_organisation",
                "programme",
                "project",
                "project_name",
                "project_acronym",
                "project_url",
            ),
        ),
        (_("When"), ("starts_at", "ends_at", "time_zone")),
        (
            _("Where"),
            (
                "format",
                "venue",
                "address",
                "countries",
                "latitude",
                "longitude",
                "second_latitude",
                "second_longitude",
                "online_link",
            ),
        ),
        (
            _("Who it is for"),
            ("languages", "audience", "accessibility", "expected_participants"),
        ),
        (_("Image"), ("image_file", "image_remove", "image_credit")),
        (_("How people join"), ("booking", "capacity", "registration_url")),
        (_("Public contact"), ("show_contact", "contact_email", "contact_phone")),
    )

    class Meta:
        model = Event
        formfield_callback = https_by_default
        fields = [name for name in Event.EDITABLE_FIELDS if name != "image"] + ["themes"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "format": forms.RadioSelect,
            "booking": forms.RadioSelect,
            "countries": forms.SelectMultiple(attrs={"size": 8}),
            "language": OwnLanguageSelect,
        }
        help_texts = {
            "language": _("Pages show them marked with this language, whatever the visitor's."),
            "description": _(
                "What visitors will see and do. Leave a blank line between paragraphs."
            ),
            "programme": _("The Interreg programme that funds the project."),
            "project_url": _("For a project keep.eu does not list: its own website."),
            "countries": _(
                "Every country the event takes place in; hold Ctrl (⌘ on a Mac) to choose several."
            ),
            "time_zone": _("The time zone of the place the event is held."),
            "capacity": _("How many people can sign up; more join a waiting list."),
            "show_contact": _("Publish an e-mail address or phone number for questions."),
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.edition = edition
        self.fields["programme"].queryset = Programme.objects.order_by("name")
        self.fields["programme"].empty_label = _("Choose the programme")
        self.fields["event_type"].choices = [("", _("Choose a type")), *Event.Type.choices]
        if self.instance.pk:
            zone = self.instance.zone
            for name in ("starts_at", "ends_at"):
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)
            self.initial["themes"] = ", ".join(self.instance_themes)
        if not (self.instance.pk and self.instance.image_id):
            del self.fields["image_remove"]

    @property
    def instance_themes(self) -> list[str]:
        pending = self.instance.pending_changes.get("themes") if self.instance.pk else None
        if pending is not None:
            return pending
        return [tag.name for tag in self.instance.themes.all()] if self.instance.pk else []

    def sections(self):
        for title, names in self.SECTIONS:
            yield title, [self[name] for name in names if name in self.fields]

    def _coordinate_value(self, name):
        value = self.cleaned_data.get(name)
        return value.quantize(COORDINATE_STEP, ROUND_HALF_UP) if value is not None else None

    def clean_latitude(self):
        return self._coordinate_value("latitude")

    def clean_longitude(self):
        return self._coordinate_value("longitude")

    def clean_second_latitude(self):
        return self._coordinate_value("second_latitude")

    def clean_second_longitude(self):
        return self._coordinate_value("second_longitude")

    def clean(self):
        cleaned = super().clean()
        # The browser sends the clock time at the event's place; read it in that zone.
        zone = zone_or_utc(cleaned.get("time_zone") or "UTC")
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if value is not None:
                local = timezone.make_naive(value).replace(second=0, microsecond=0)
                cleaned[name] = timezone.make_aware(local, zone)
                setattr(self.instance, name, cleaned[name])
        return cleaned

    def event_values(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        values.pop("themes")
        values["languages"] = list(values.get("languages") or [])
        values["countries"] = list(values.get("countries") or [])
        if self.cleaned_data.get("image_remove"):
            values["image"] = None
        return values


class ParticipationForm(KeepsDrafts, PortalModelForm):
    class Meta:
        model = ProgrammeParticipation
        fields = [
            "programme",
            "contact_name",
            "contact_email",
            "expected_events",
            "support_wanted",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].empty_label = None


class EventFilterForm(PortalForm):
    """The public map's filters; all of them live in the URL."""

    WHEN_CHOICES = [
        ("", _("Any time")),
        ("before", _("Before the day")),
        ("on", _("On the day")),
        ("after", _("After the day")),
    ]
    RADIUS_CHOICES = [("10", "10 km"), ("25", "25 km"), ("50", "50 km"), ("100", "100 km")]

    country = forms.ChoiceField(label=_("Country"), required=False)
    when = forms.ChoiceField(label=_("Date"), required=False, choices=WHEN_CHOICES)
    type = forms.ChoiceField(
        label=_("Type of event"), required=False, choices=ANY + Event.Type.choices
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    strand = forms.ChoiceField(
        label=_("Strand"), required=False, choices=ANY + Programme.Strand.choices
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=ANY + Event.Format.choices
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=ANY + Profile.LANGUAGE_CHOICES
    )
    cross_border = forms.BooleanField(label=_("Only cross-border events"), required=False)
    near = forms.CharField(
        label=_("Near a place"),
        required=False,
        max_length=100,
        help_text=_("A town or city, e.g. “Strasbourg”."),
    )
    lat = forms.DecimalField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.DecimalField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    radius = forms.TypedChoiceField(
        label=_("Within"),
        required=False,
        choices=RADIUS_CHOICES,
        coerce=int,
        empty_value=50,
        initial="50",
    )

    def __init__(self, data=None, *, country_choices=(), theme_choices=(), programme_choices=()):
        if data is not None and not data.get("radius"):
            data = data.copy()
            data["radius"] = "50"
        super().__init__(data)
        self.fields["country"].choices = ANY + list(country_choices)
        self.fields["theme"].choices = ANY + list(theme_choices)
        self.fields["programme"].choices = ANY + list(programme_choices)

    def clean(self):
        cleaned = super().clean()
        near = (cleaned.get("near") or "").strip()
        if near and cleaned.get("lat") is None:
            place = place_find(near)
            if place is None:
                self.add_error(
                    "near",
                    _("We do not know “%(place)s”. Try the nearest town or city.")
                    % {"place": near},
                )
            else:
                cleaned["lat"], cleaned["lng"] = place.latitude, place.longitude
                cleaned["place"] = place
        if (cleaned.get("lat") is None) != (cleaned.get("lng") is None):
            cleaned["lat"] = cleaned["lng"] = None
        return cleaned

    def filters(self) -> dict:
        """The valid filters only: a bad value in one does not drop the others."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "", False)
        }


class SignUpForm(PortalForm):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We send you a link to confirm; the organiser sees your name and e-mail."),
    )


class ReportForm(PortalForm):
    actual_participants = forms.IntegerField(
        label=_("How many people took part?"), min_value=0, max_value=1_000_000
    )
    photos = MultipleImageField(
        label=_("Photos"),
        required=False,
        max_count=MAX_REPORT_PHOTOS,
        widget=MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("Up to %(count)s photos you have the right to publish.")
        % {"count": MAX_REPORT_PHOTOS},
    )


class DecisionForm(KeepsDrafts, PortalForm):
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", "—"), *EventTransition.Reason.choices]
    )
    message = forms.CharField(
        label=_("Message to the organiser"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
