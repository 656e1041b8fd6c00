from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Affiliation, Profile
from portal.core.forms import KeepsDrafts, PortalForm
from portal.core.selectors import SEARCH_QUERY_MAX_LENGTH

from .models import CoursePage

ANY = [("", _("Any"))]


class CatalogueFilterForm(PortalForm):
    """The catalogue's filters; every value lives in the URL so a filtered list can be shared."""

    q = forms.CharField(
        label=_("Search courses"), required=False, max_length=SEARCH_QUERY_MAX_LENGTH
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=ANY + CoursePage.Format.choices
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=ANY + CoursePage.Level.choices
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=ANY + Profile.LANGUAGE_CHOICES
    )
    kind = forms.ChoiceField(
        label=_("Certified or short"), required=False, choices=ANY + CoursePage.Kind.choices
    )
    audience = forms.ChoiceField(
        label=_("For people working as"),
        required=False,
        choices=ANY + Affiliation.Function.choices,
    )
    upcoming = forms.BooleanField(label=_("Only courses with upcoming sessions"), required=False)

    def __init__(self, *args, topic_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = ANY + list(topic_choices)


class EnrolForm(PortalForm):
    session = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RevokeForm(KeepsDrafts, PortalForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Kept on record; the verification page shows only that it was revoked."),
    )


class AttendanceForm(PortalForm):
    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    attended = forms.TypedChoiceField(
        choices=[("yes", _("Attended")), ("no", _("Absent"))],
        coerce=lambda value: value == "yes",
    )


class CertificateLookupForm(PortalForm):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_("As printed on the certificate, e.g. 7K2M-QX9A-…"),
    )
