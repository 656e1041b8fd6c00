from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from hub.models import Theme
from portal.core.forms import KeepsDrafts, PortalForm, PortalModelForm, SubmissionTokenMixin
from portal.core.timezones import time_zone_choices, zone_or_utc

from .models import PUBLISHED_FIELDS, Vacancy
from .selectors import SORT_CLOSING, SORT_NEWEST

ANY = [("", _("Any"))]
CLOSING_IN_THE_PAST = _("Applications must close after now.")


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _https_by_default(model_field, **kwargs):
    # "interact.eu/jobs" is https://interact.eu/jobs.
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class VacancyFilterForm(PortalForm):
    """The listing's filters, all in the address, so a filtered listing can be shared, fed
    and saved as a search. Choices do not depend on what is open today: a saved search keeps
    meaning the same thing."""

    SORT_CHOICES = [(SORT_NEWEST, _("Newest first")), (SORT_CLOSING, _("Closing soonest"))]

    country = forms.ChoiceField(label=_("Country"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    contract = forms.ChoiceField(
        label=_("Contract"), required=False, choices=ANY + Vacancy.ContractType.choices
    )
    remote = forms.BooleanField(label=_("Remote work possible"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)

    def __init__(self, data=None, *, programme_choices=()):
        super().__init__(data)
        self.fields["country"].choices = ANY + list(countries)
        self.fields["programme"].choices = ANY + list(programme_choices)

    def filters(self) -> dict:
        """The valid filters given; a value that does not parse is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class VacancyForm(SubmissionTokenMixin, KeepsDrafts, PortalModelForm):
    """What a programme body tells about a job. Programme staff publish for their own
    programme; editors may also name a body that is not a programme."""

    closes_at = forms.DateTimeField(
        label=_("Applications close"),
        widget=LocalDateTimeInput,
        help_text=_("The date and time the advertisement gives, in the employer's time zone."),
    )
    time_zone = forms.ChoiceField(label=_("Employer's time zone"), choices=())
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    SECTIONS = (
        (_("The job"), ("title", "description", "themes")),
        (_("Employer"), ("programme", "employer_name", "employer_url")),
        (_("Where"), ("workplace", "town", "country", "remote_countries")),
        (
            _("Contract and pay"),
            (
                "contract_type",
                "contract_duration",
                "hours",
                "hours_per_week",
                "salary_min",
                "salary_max",
                "salary_currency",
                "salary_period",
                "salary_note",
            ),
        ),
        (
            _("Applying"),
            ("closes_at", "time_zone", "apply_url", "apply_email", "how_to_apply"),
        ),
    )

    class Meta:
        model = Vacancy
        formfield_callback = _https_by_default
        fields = PUBLISHED_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 12}),
            "how_to_apply": forms.Textarea(attrs={"rows": 4}),
            "workplace": forms.RadioSelect,
            "hours": forms.RadioSelect,
            "remote_countries": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "description": _(
                "The tasks, the profile you look for and what you offer. Leave a blank line "
                "between paragraphs."
            ),
            "employer_name": _(
                "When the contract is signed by another body than the programme, e.g. "
                "“Region of Western Macedonia, hosting the joint secretariat”."
            ),
            "salary_currency": _("Three letters, e.g. EUR, SEK, PLN."),
            "how_to_apply": _("Documents to send, selection steps, whom to ask."),
            "remote_countries": _(
                "Leave empty when the job may be done from anywhere; hold Ctrl (⌘ on a Mac) "
                "to choose several."
            ),
        }

    def __init__(self, *args, programmes, publishes_everywhere: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        programme = self.fields["programme"]
        programme.queryset = programmes
        programme.empty_label = _("Choose the programme")
        if publishes_everywhere:
            programme.required = False
            programme.empty_label = _("None: another body, named below")
            programme.help_text = _("Leave empty for a body that is not a programme.")
        else:
            programme.required = True
        for name in ("salary_min", "salary_max", "hours_per_week"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal"})
        self._stored_closing = self.instance.closes_at if self.instance.pk else None
        if self.instance.pk:
            self.initial["closes_at"] = self.instance.local_closes_at.replace(tzinfo=None)
        else:
            self.initial.setdefault("time_zone", Vacancy._meta.get_field("time_zone").default)

    def sections(self):
        for title, names in self.SECTIONS:
            yield title, [self[name] for name in names if name in self.fields]

    def clean_salary_currency(self):
        return (self.cleaned_data.get("salary_currency") or "EUR").strip().upper()

    def clean(self):
        cleaned = super().clean()
        # The browser sends the clock time the employer gave; read it in the employer's zone.
        value = cleaned.get("closes_at")
        if value is not None:
            local = timezone.make_naive(value).replace(second=0, microsecond=0)
            cleaned["closes_at"] = timezone.make_aware(
                local, zone_or_utc(cleaned.get("time_zone") or "UTC")
            )
            # A closed vacancy's page may still be corrected; it is not reopened by accident.
            kept = self._stored_closing is not None and cleaned["closes_at"] == (
                self._stored_closing.replace(second=0, microsecond=0)
            )
            self.instance.closes_at = cleaned["closes_at"]
            if not kept and cleaned["closes_at"] <= timezone.now():
                self.add_error("closes_at", CLOSING_IN_THE_PAST)
        return cleaned

    def vacancy_values(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        values.pop("themes")
        values["remote_countries"] = list(values.get("remote_countries") or [])
        for name in ("employer_name", "employer_url", "town", "contract_duration", "salary_note"):
            values[name] = values.get(name) or ""
        return values
