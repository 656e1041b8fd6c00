"""A saved search's filters said in words ("Calls for proposals: Country: Slovenia; Theme:
Health and social care"), written once when it is saved.

The keys below are the filters the hub's listings share; a listing's own filters are named
by their key, so every saved search gets a readable name whatever its listing offers.
"""

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries import countries

from hub.models import OrganisationType, Theme
from portal.accounts.models import Programme

from .models import SavedSearch

NAME_LENGTH = SavedSearch._meta.get_field("name").max_length


def _integers(values) -> list[int]:
    return [int(value) for value in values if value.isdigit() and len(value) < 12]


def _programmes(values) -> list[str]:
    found = Programme.objects.filter(
        Q(slug__in=values) | Q(acronym__in=values) | Q(pk__in=_integers(values))
    ).values_list("name", flat=True)
    return sorted(found) or list(values)


def _themes(values) -> list[str]:
    found = Theme.objects.filter(Q(slug__in=values) | Q(pk__in=_integers(values)))
    return sorted(_(theme.name) for theme in found) or list(values)


def _countries(values) -> list[str]:
    return [str(countries.name(value.upper()) or value) for value in values]


def _choices(choices):
    labels = dict(choices)
    return lambda values: [str(labels.get(value, value)) for value in values]


def _quoted(values) -> list[str]:
    return [f"“{value}”" for value in values]


def _filters():
    """{key: (label, values → words)}, in the active language."""
    return {
        "programme": (_("Programme"), _programmes),
        "theme": (_("Theme"), _themes),
        "country": (_("Country"), _countries),
        "strand": (_("Strand"), _choices(Programme.Strand.choices)),
        "applicant": (_("Who may apply"), _choices(OrganisationType.choices)),
        "organisation_type": (_("Type of organisation"), _choices(OrganisationType.choices)),
        "q": (_("Words"), _quoted),
    }


def search_name(*, label: str, params) -> str:
    """What the filters `params` (a QueryDict) of the listing of `label` select, in words."""
    known = _filters()
    parts = []
    for key in sorted(params):
        values = params.getlist(key)
        name, words = known.get(key, (capfirst(key.replace("_", " ")), list))
        parts.append(f"{name}: {', '.join(words(values))}")
    if not parts:
        name = _("%(listing)s: all") % {"listing": label}
    else:
        name = f"{label}: {'; '.join(parts)}"
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"
