import re

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Affiliation, Programme

SLUG_TAKEN = _("Another programme already uses the web address “%(slug)s”.")
COUNTRY_UNKNOWN = _("“%(code)s” is not a country code (use two letters, e.g. FR or DE).")


class ProgrammeImportForm(forms.ModelForm):
    """One CSV row of `import_programmes`, validated like an editor's input."""

    countries = forms.CharField(
        help_text=_("Two-letter country codes separated by ';', ',' or spaces.")
    )

    class Meta:
        model = Programme
        fields = ["acronym", "name", "strand", "sub_type", "countries", "website", "description"]

    def __init__(self, data, *args, **kwargs):
        data = {key: (value or "").strip() for key, value in data.items()}
        data["strand"] = data.get("strand", "").upper()
        data["sub_type"] = data.get("sub_type", "").upper()
        super().__init__(data, *args, **kwargs)

    def clean_countries(self):
        codes = [
            code.upper() for code in re.split(r"[;,\s]+", self.cleaned_data["countries"]) if code
        ]
        for code in codes:
            if code not in countries:
                raise forms.ValidationError(COUNTRY_UNKNOWN, code="country", params={"code": code})
        return list(dict.fromkeys(codes))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("acronym"):
            slug = slugify(cleaned["acronym"])[:60]
            if Programme.objects.filter(slug=slug).exists():
                self.add_error("acronym", forms.ValidationError(SLUG_TAKEN, params={"slug": slug}))
            self.instance.slug = slug
        return cleaned


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or acronym"), required=False, max_length=100)
    strand = forms.ChoiceField(
        label=_("Strand"),
        required=False,
        choices=[("", _("All strands")), *Programme.Strand.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, country_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *country_choices]


class AffiliationRequestForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.order_by("name").only("name", "acronym")
    )
    function = forms.ChoiceField(label=_("Your function"), choices=Affiliation.Function.choices)
    listed = forms.BooleanField(
        label=_("Show me on the programme's public page once approved"), required=False
    )


class AffiliationDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    message = forms.CharField(
        label=_("Message to the person"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you decline: say what is wrong."),
    )
