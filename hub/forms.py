from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.core.forms import PortalForm

from .models import NUTS_CODE

REGION_NOT_NUTS = _(
    "Type a NUTS code such as SI or SI04: two letters for the country, then up to three "
    "letters or digits."
)


class ProjectFilterForm(PortalForm):
    """The partner search: every value is in the address, so a search can be shared."""

    q = forms.CharField(
        label=_("Project or organisation"),
        required=False,
        max_length=100,
        help_text=_("Acronym, name or a partner's organisation."),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Partner's country"), required=False)
    # No max_length: a longer value gets the message below, which says what a code looks like.
    region = forms.CharField(
        label=_("Partner's region (NUTS code)"),
        required=False,
        help_text=_("SI for Slovenia, SI04 for Western Slovenia, SI041 for its central region."),
    )
    organisation_type = forms.ChoiceField(label=_("Type of partner organisation"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    period = forms.ChoiceField(label=_("Programming period"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        everything = {
            "theme": _("All themes"),
            "country": _("All countries"),
            "organisation_type": _("All types"),
            "programme": _("All programmes"),
            "period": _("All periods"),
        }
        sources = {
            "theme": "themes",
            "country": "countries",
            "organisation_type": "organisation_types",
            "programme": "programmes",
            "period": "periods",
        }
        for name, label in everything.items():
            self.fields[name].choices = [("", label), *choices[sources[name]]]
        self.fields["region"].widget.attrs.update(
            {"autocapitalize": "characters", "spellcheck": "false", "size": 8}
        )

    def clean_region(self):
        region = self.cleaned_data["region"].strip().upper()
        if region and not NUTS_CODE.match(region):
            raise ValidationError(REGION_NOT_NUTS, code="nuts_code")
        return region
