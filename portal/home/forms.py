from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.forms import KeepsDrafts, PortalForm, SubmissionTokenMixin


class AccessibilityFeedbackForm(KeepsDrafts, SubmissionTokenMixin, PortalForm):
    name = forms.CharField(label=_("Your name"), required=False, max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We answer here, and use it for nothing else."),
    )
    page_concerned = forms.CharField(
        label=_("Page concerned"),
        max_length=500,
        help_text=_("Its web address or its title."),
    )
    problem = forms.CharField(
        label=_("The problem"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What you tried to do, what stopped you, and the browser or assistive technology "
            "you use if you know it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
