"""The 24 official languages of the EU named in themselves, for the places where a person picks
the language of a content (a caption track, the statement of a logo) rather than of the
interface: each name is shown in its own language, marked with its `lang`."""

from django import forms
from django.conf import settings

# In the EU's protocol order (by each language's own name), as its institutions list them.
EU_LANGUAGE_OWN_NAMES = {
    "bg": "български",
    "es": "español",
    "cs": "čeština",
    "da": "dansk",
    "de": "Deutsch",
    "et": "eesti",
    "el": "ελληνικά",
    "en": "English",
    "fr": "français",
    "ga": "Gaeilge",
    "hr": "hrvatski",
    "it": "italiano",
    "lv": "latviešu",
    "lt": "lietuvių",
    "hu": "magyar",
    "mt": "Malti",
    "nl": "Nederlands",
    "pl": "polski",
    "pt": "português",
    "ro": "română",
    "sk": "slovenčina",
    "sl": "slovenščina",
    "fi": "suomi",
    "sv": "svenska",
}
EU_LANGUAGE_CHOICES = list(EU_LANGUAGE_OWN_NAMES.items())


def own_name(code: str) -> str:
    """A language's own name ("Deutsch" for "de"); the code for a language outside the list."""
    return EU_LANGUAGE_OWN_NAMES.get(code, code)


class OwnLanguageSelect(forms.Select):
    """A select whose options are language codes: each option carries its language's `lang`,
    so that a screen reader reads "Deutsch" in German and a browser picks the right font."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in EU_LANGUAGE_OWN_NAMES:
            option["attrs"] = {**option["attrs"], "lang": str(value)}
        return option


def language_of(user) -> str:
    """The language to write to a person in (e-mails, digests): the one they chose, else the
    site's default. Callers that hold many people select_related("profile")."""
    profile = getattr(user, "profile", None) if user is not None else None
    chosen = getattr(profile, "interface_language", "") if profile is not None else ""
    return chosen or settings.LANGUAGE_CODE
