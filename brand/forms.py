import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Profile, Programme
from portal.core.forms import PortalForm, SharedOptionsSelect
from portal.core.languages import EU_LANGUAGE_CHOICES, OwnLanguageSelect
from portal.core.selectors import SEARCH_QUERY_MAX_LENGTH

from .logo import MAX_PNG_WIDTH, MIN_PNG_WIDTH, ColourVersion, Layout
from .models import Asset, AssetVariant

ANY = [("", _("Any"))]
ACRONYM_INVALID = _("Use letters, digits, spaces, hyphens or dots only (at most 24 characters).")
NO_VARIANT_CHOSEN = _("Choose at least one file to download.")
TERMS_NOT_ACCEPTED = _("Tick the box to accept the terms before downloading.")
ACRONYM_PATTERN = re.compile(r"[\w][\w .\-]{0,23}")


class LibraryFilterForm(PortalForm):
    """The library's filters; every value lives in the URL so a filtered list can be shared."""

    q = forms.CharField(
        label=_("Search assets"), required=False, max_length=SEARCH_QUERY_MAX_LENGTH
    )
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=ANY + Asset.Kind.choices)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=ANY + Profile.LANGUAGE_CHOICES
    )
    format = forms.ChoiceField(label=_("Format"), required=False)
    colour = forms.ChoiceField(
        label=_("Colour version"),
        required=False,
        choices=ANY + AssetVariant.ColourVersion.choices,
    )

    def __init__(self, *args, programme_choices=(), format_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = ANY + [(str(pk), name) for pk, name in programme_choices]
        self.fields["format"].choices = ANY + [(fmt, fmt.upper()) for fmt in format_choices]


class TermsForm(PortalForm):
    accept = forms.BooleanField(
        label=_("I have read these terms and accept them."),
        error_messages={"required": TERMS_NOT_ACCEPTED},
    )


class VariantSelectionForm(PortalForm):
    variants = forms.TypedMultipleChoiceField(
        label=_("Files"), coerce=int, error_messages={"required": NO_VARIANT_CHOSEN}
    )

    def __init__(self, *args, variant_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variants"].choices = [(pk, pk) for pk in variant_ids]


class LogoForm(PortalForm):
    """What the logo generator draws; the values live in the URL of the preview and files."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        to_field_name="slug",
        widget=SharedOptionsSelect(options_key="logo-programmes"),
    )
    project = forms.CharField(
        label=_("Project acronym (optional)"),
        required=False,
        max_length=24,
        help_text=_("For a project logo: the acronym is set below the programme name."),
    )
    language = forms.ChoiceField(
        label=_("Language of “Co-funded by the European Union”"),
        choices=EU_LANGUAGE_CHOICES,
        widget=OwnLanguageSelect,
        initial="en",
    )
    colour = forms.ChoiceField(
        label=_("Colour version"), choices=ColourVersion.choices, initial=ColourVersion.FULL_COLOUR
    )
    layout = forms.ChoiceField(label=_("Layout"), choices=Layout.choices, initial=Layout.HORIZONTAL)
    width = forms.IntegerField(
        label=_("PNG width in pixels"),
        min_value=MIN_PNG_WIDTH,
        max_value=MAX_PNG_WIDTH,
        initial=1200,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].label_from_instance = lambda programme: programme.name

    def clean_project(self):
        project = " ".join(self.cleaned_data["project"].split())
        if project and not ACRONYM_PATTERN.fullmatch(project):
            raise forms.ValidationError(ACRONYM_INVALID, code="invalid")
        return project
