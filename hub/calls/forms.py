"""The listing's filters and the form programmes publish calls with."""

from datetime import UTC, datetime

from django import forms
from django.conf import settings
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaigns.cooperation_day.forms import LocalDateTimeInput
from campaigns.forms import https_by_default
from hub.models import OrganisationType, Theme
from portal.accounts.models import Programme
from portal.core.file_checks import (
    DOCUMENT_CONTENT_MISMATCH,
    FILE_TYPE_NOT_ALLOWED,
    document_content_matches,
)
from portal.core.forms import KeepsDrafts, PortalForm, PortalModelForm, SubmissionTokenMixin
from portal.core.timezones import UNKNOWN_TIME_ZONE, time_zone_choices, zone_or_utc

from .models import MAX_BUDGET, SLUG_TAKEN, Call, CallDocument, CallStatus, split_codes

ANY = [("", _("Any"))]

DOCUMENT_TITLE_NEEDED = _("Give the document a title, e.g. “Terms of reference”.")
DOCUMENT_FILE_NEEDED = _("Choose the file of “%(title)s”, or leave its title empty.")
DOCUMENT_TOO_LARGE = _("This file is too large: upload documents under %(size)s MB.")
TIME_NOT_ON_CLOCK = _(
    "This time does not exist in the chosen time zone (the clocks change then). Choose another."
)
BUDGET_TOO_LARGE = _("Give the budget in euros, below one thousand billion.")
RATE_OUT_OF_RANGE = _("A co-financing rate is a percentage: between 0 and 100.")


class LocalDateTimeField(forms.DateTimeField):
    """A time as the clock on the wall reads it, without a zone: the form reads it in the zone
    chosen beside it, not in the server's (where it might not exist, or be another moment)."""

    widget = LocalDateTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        try:
            result = parse_datetime(str(value).strip())
        except ValueError:
            result = None
        if result is None:
            result = BaseTemporalField.to_python(self, value)  # the input formats
        return result.replace(tzinfo=None)

    def prepare_value(self, value):
        return value.replace(tzinfo=None) if isinstance(value, datetime) else value


class CallFilterForm(PortalForm):
    """The listing's filters; all of them live in the address, so a filtered view can be
    shared, subscribed to as a feed or calendar, and saved as an alert."""

    STATUS_CHOICES = [("", _("Any status")), *CallStatus.choices]

    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=Programme.objects.none(),
        to_field_name="slug",
        empty_label=_("Any"),
    )
    strand = forms.ChoiceField(
        label=_("Strand"), required=False, choices=ANY + Programme.Strand.choices
    )
    country = forms.ChoiceField(label=_("Eligible country"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Any"),
    )
    applicant = forms.ChoiceField(
        label=_("Type of applicant"), required=False, choices=ANY + OrganisationType.choices
    )

    def __init__(self, data=None, *, programmes=None):
        super().__init__(data)
        self.fields["programme"].queryset = (
            programmes if programmes is not None else Programme.objects.order_by("name")
        )
        self.fields["country"].choices = ANY + list(countries)

    def filters(self) -> dict:
        """The valid filters only (without the status): a bad value in one does not drop the
        others."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and name != "status" and value not in (None, "")
        }

    def chosen_status(self) -> str:
        if not self.is_bound:
            return ""
        self.is_valid()
        return "" if "status" in self.errors else self.cleaned_data.get("status", "")


def call_filter_form(params) -> CallFilterForm:
    """The listing's filters bound to `params` (a cleaned query string), offering the
    programmes that have calls; the listing, its feeds, its calendar and saved searches all read
    their filters through it, so they never disagree."""
    programmes = Programme.objects.filter(calls__isnull=False).distinct().order_by("name")
    return CallFilterForm(params or None, programmes=programmes)


class CallForm(SubmissionTokenMixin, KeepsDrafts, PortalModelForm):
    """Everything a programme tells about its call. Times are typed as the clock reads at the
    programme (`time_zone`) and stored in UTC."""

    opens_at = LocalDateTimeField(label=_("Opens"), help_text=_("Local time in the zone below."))
    closes_at = LocalDateTimeField(
        label=_("Closes (deadline)"),
        help_text=_("Local time in the zone below. The call closes by itself at this moment."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        initial="Europe/Brussels",
        error_messages={"invalid_choice": UNKNOWN_TIME_ZONE},
        help_text=_("Where the deadline is set, usually the joint secretariat's city."),
    )
    applicant_types = forms.MultipleChoiceField(
        label=_("Who may apply"),
        required=False,
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked when every type of organisation may apply."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    document_title = forms.CharField(
        label=_("Title of a new document"), required=False, max_length=200
    )
    document_file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument or ZIP."),
    )
    remove_documents = forms.ModelMultipleChoiceField(
        label=_("Remove documents"),
        required=False,
        queryset=CallDocument.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    SECTIONS = (
        (_("The call"), ("programme", "title", "slug", "summary", "priorities", "themes")),
        (_("When"), ("opens_at", "closes_at", "time_zone")),
        (_("Funding"), ("budget", "max_cofinancing_rate")),
        (_("Who may apply"), ("eligible_countries", "eligible_regions", "applicant_types")),
        (_("How to apply"), ("application_url", "how_to_apply")),
        (_("Documents"), ("remove_documents", "document_title", "document_file")),
        (_("Contact"), ("contact_name", "contact_email", "contact_phone")),
    )

    class Meta:
        model = Call
        formfield_callback = https_by_default
        fields = [
            "programme",
            "title",
            "slug",
            "summary",
            "priorities",
            "opens_at",
            "closes_at",
            "time_zone",
            "budget",
            "max_cofinancing_rate",
            "eligible_countries",
            "eligible_regions",
            "applicant_types",
            "themes",
            "application_url",
            "how_to_apply",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "priorities": forms.Textarea(attrs={"rows": 8}),
            "how_to_apply": forms.Textarea(attrs={"rows": 4}),
            "eligible_regions": forms.Textarea(attrs={"rows": 2}),
            "eligible_countries": forms.SelectMultiple(attrs={"size": 8}),
            "budget": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            "max_cofinancing_rate": forms.NumberInput(
                attrs={"step": "0.01", "inputmode": "decimal"}
            ),
        }
        help_texts = {
            "slug": _("Leave empty to make it from the title."),
            "priorities": _(
                "The priorities and specific objectives the call is open to. Leave a blank line "
                "between paragraphs; start a line with “- ” for a list."
            ),
            "eligible_countries": _(
                "Leave empty when the whole programme area may apply; hold Ctrl (⌘ on a Mac) to "
                "choose several."
            ),
            "how_to_apply": _("Steps, eligibility checks, where to ask questions."),
        }
        error_messages = {
            "budget": {
                "max_value": BUDGET_TOO_LARGE,
                "max_digits": BUDGET_TOO_LARGE,
                "max_whole_digits": BUDGET_TOO_LARGE,
            },
            "max_cofinancing_rate": {
                "max_value": RATE_OUT_OF_RANGE,
                "min_value": RATE_OUT_OF_RANGE,
                "max_digits": RATE_OUT_OF_RANGE,
                "max_whole_digits": RATE_OUT_OF_RANGE,
            },
        }

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].empty_label = _("Choose the programme")
        self.fields["slug"].required = False
        self.fields["budget"].max_value = MAX_BUDGET
        if self.instance.pk:
            zone = self.instance.zone
            for name in ("opens_at", "closes_at"):
                self.initial[name] = timezone.localtime(getattr(self.instance, name), zone).replace(
                    tzinfo=None
                )
            self.initial["applicant_types"] = self.instance.applicant_type_values
            self.fields["remove_documents"].queryset = self.instance.documents.select_related(
                "document"
            )
        else:
            del self.fields["remove_documents"]

    def sections(self):
        for title, names in self.SECTIONS:
            yield title, [self[name] for name in names if name in self.fields]

    def clean_applicant_types(self):
        return ",".join(self.cleaned_data.get("applicant_types") or [])

    def clean_eligible_regions(self):
        return " ".join(dict.fromkeys(split_codes(self.cleaned_data.get("eligible_regions", ""))))

    def clean_document_file(self):
        uploaded = self.cleaned_data.get("document_file")
        if not uploaded:
            return uploaded
        extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise forms.ValidationError(
                FILE_TYPE_NOT_ALLOWED,
                code="type_not_allowed",
                params={"allowed": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)},
            )
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if uploaded.size > limit:
            raise forms.ValidationError(
                DOCUMENT_TOO_LARGE, code="too_large", params={"size": limit // (1024 * 1024)}
            )
        if not document_content_matches(uploaded, extension):
            raise forms.ValidationError(
                DOCUMENT_CONTENT_MISMATCH, code="content_mismatch", params={"extension": extension}
            )
        return uploaded

    def clean(self):
        cleaned = super().clean()
        # The browser sends the clock time at the programme; read it in the call's zone.
        zone = zone_or_utc(cleaned.get("time_zone") or "UTC")
        for name in ("opens_at", "closes_at"):
            value = cleaned.get(name)
            if value is None:
                continue
            local = value.replace(second=0, microsecond=0)
            aware = timezone.make_aware(local, zone)
            # A wall time the clocks skip (spring forward) comes back different: refuse it.
            if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
                self.add_error(name, TIME_NOT_ON_CLOCK)
                continue
            cleaned[name] = aware
            setattr(self.instance, name, aware)
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = slugify(cleaned["title"])[:80].strip("-") or "call"
            self.instance.slug = cleaned["slug"]
        programme, slug = cleaned.get("programme"), cleaned.get("slug")
        if programme and slug:
            taken = Call.objects.filter(programme=programme, slug=slug).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("slug", SLUG_TAKEN)
        title, uploaded = cleaned.get("document_title"), cleaned.get("document_file")
        if uploaded and not title:
            self.add_error("document_title", DOCUMENT_TITLE_NEEDED)
        elif title and not uploaded and "document_file" not in self.errors:
            self.add_error("document_file", DOCUMENT_FILE_NEEDED % {"title": title})
        return cleaned

    def call_values(self) -> dict:
        """The call's own fields, for the service."""
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        values.pop("themes")
        values["eligible_countries"] = list(values.get("eligible_countries") or [])
        return values
