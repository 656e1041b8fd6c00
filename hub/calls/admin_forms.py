"""The admin's form for calls: the same rules as the programmes' form (hub.calls.forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from hub.models import OrganisationType

from .models import split_codes
from .services import priorities_html


class CallAdminForm(WagtailAdminModelForm):
    applicant_types = forms.MultipleChoiceField(
        label=_("Who may apply"),
        required=False,
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked when every type of organisation may apply."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["applicant_types"] = self.instance.applicant_type_values

    def clean_applicant_types(self):
        return ",".join(self.cleaned_data.get("applicant_types") or [])

    def clean_eligible_regions(self):
        return " ".join(dict.fromkeys(split_codes(self.cleaned_data.get("eligible_regions", ""))))

    def clean_priorities(self):
        return priorities_html(self.cleaned_data.get("priorities", ""))
