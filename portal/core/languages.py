"""The 24 official languages of the EU: their names in themselves (each shown in its own
language, marked with its `lang`), the language of each address (`/fr/…` is French, an address
without prefix is English), and the language a person prefers."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils import translation

from .links import absolute_url

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


# Addresses outside the language prefixes: the editors' admin (in each editor's own language),
# files, machine-read addresses, and the language switch itself.
UNPREFIXED_PATHS = (
    "/admin/",
    "/documents/",
    "/media/",
    "/static/",
    "/language/",
    "/_util/",
    "/.well-known/",
)
UNPREFIXED_EXACT = frozenset({"/healthz", "/robots.txt", "/sitemap.xml", "/favicon.ico"})
# Kept in the session when a person signs in or chooses a language: their profile's choice
# reaches every request without a database query.
SESSION_LANGUAGE_KEY = "_portal_language"
_PREFIX = re.compile(r"^/([a-z]{2})(/.*)?$")


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def split_language_prefix(path: str) -> tuple[str, str]:
    """("fr", "/academy/") for "/fr/academy/"; (default, path) for an address without one."""
    match = _PREFIX.match(path)
    if match and match.group(1) in language_codes() and match.group(1) != settings.LANGUAGE_CODE:
        return match.group(1), match.group(2) or "/"
    return settings.LANGUAGE_CODE, path


def path_in_language(path: str, code: str) -> str:
    """The same address in another language: "/academy/" → "/fr/academy/" and back. Every
    address of the portal's own views is the same in all languages but for its prefix."""
    _current, bare = split_language_prefix(path)
    if code == settings.LANGUAGE_CODE or not follows_language(bare):
        return bare
    return f"/{code}{bare}"


def follows_language(path: str) -> bool:
    """Whether an address exists under each language's prefix."""
    return path not in UNPREFIXED_EXACT and not path.startswith(UNPREFIXED_PATHS)


def supported_language(code: str | None) -> str | None:
    return code if code in language_codes() else None


def chosen_language(request) -> str | None:
    """A language the person chose: their profile's (kept in the session when they sign in),
    else the one remembered in their browser's cookie."""
    session = getattr(request, "session", None)
    from_profile = session.get(SESSION_LANGUAGE_KEY) if session is not None else None
    from_cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return supported_language(from_profile) or supported_language(from_cookie)


def preferred_language(request, *, session=None) -> str:
    """The language a request for an address without prefix should be answered in; `session`
    is the request's own, read before SessionMiddleware gives it to the request."""
    if session is None:
        session = getattr(request, "session", None)
    from_profile = session.get(SESSION_LANGUAGE_KEY) if session is not None else None
    # Django's own choice reads the cookie, then Accept-Language, then the default.
    return supported_language(from_profile) or translation.get_language_from_request(request)


@dataclass(frozen=True)
class LanguageVersion:
    """The page in one language, for the switcher and the `hreflang` alternates."""

    code: str
    own_name: str
    path: str  # the address in that language
    switch_url: str  # remembers the choice, then goes to `path`
    is_current: bool
    exists: bool  # a real version in that language, not the original shown with a notice

    @property
    def absolute_url(self) -> str:
        return absolute_url(self.path)


def language_versions(request, page_paths: dict[str, str] | None = None) -> list[LanguageVersion]:
    """The current address in each language, in the EU's order. `page_paths` maps languages to
    a page's addresses where a page has its own per language (its translations); the other
    languages get the same address under their prefix."""
    if request is None or not follows_language(request.path_info):
        return []
    current = translation.get_language()
    versions = []
    for code, own_name in EU_LANGUAGE_OWN_NAMES.items():
        path = (page_paths or {}).get(code) or path_in_language(request.path, code)
        versions.append(
            LanguageVersion(
                code=code,
                own_name=own_name,
                path=path,
                # The page's address only: a query can hold what the page must not repeat
                # (a visitor's coordinates); the switcher's script adds it on the way.
                switch_url=f"/language/{code}/?{urlencode({'next': path})}",
                is_current=code == current,
                exists=page_paths is None or code in page_paths,
            )
        )
    return versions
