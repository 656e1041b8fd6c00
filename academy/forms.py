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


class QuizAnswers:
    """A quiz's questions as the error summary (components/form/error_summary.html) reads a
    form: each question is a group of choices, so the summary links to its first choice."""

    class Question:
        id_for_label = ""  # a group of radio buttons or checkboxes

        def __init__(self, *, number: int, auto_id: str, errors: list[str]):
            self.label = _("Question %(number)s") % {"number": number}
            self.auto_id = auto_id
            self.errors = errors

    def __init__(self, questions: list[dict]):
        self.questions = [
            self.Question(number=number, auto_id=question["auto_id"], errors=question["errors"])
            for number, question in enumerate(questions, start=1)
        ]
        self.errors = {q.auto_id: q.errors for q in self.questions if q.errors}

    def non_field_errors(self) -> list[str]:
        return []  # a quiz that cannot be taken at all is explained by a message instead

    def hidden_fields(self) -> list:
        return []

    def visible_fields(self) -> list:
        return self.questions
