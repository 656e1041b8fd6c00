"""In each of the 24 languages the home page and the Cooperation Day page answer under the
language's prefix, say their language on <html>, and show no interface text in English: every
text and label is checked against the English catalogue. Content in another language than the
page's (a page not yet translated, a language's own name) is exempt only where it carries its
own `lang`."""

from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings

from portal.core.catalogues import catalogue_path

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
LABEL_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}  # fmt: skip


class InterfaceText(HTMLParser):
    """The texts a person reads or hears, with the language each is in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.languages = []
        self.skipping = 0
        self.html_lang = None
        self.texts = []  # (language, text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        language = attrs.get("lang") or (self.languages[-1] if self.languages else None)
        for name in LABEL_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append((language, attrs[name]))
        if tag in VOID_ELEMENTS:
            return
        self.languages.append(language)
        if tag in ("script", "style", "template"):
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or not self.languages:
            return
        self.languages.pop()
        if tag in ("script", "style", "template"):
            self.skipping -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping:
            self.texts.append((self.languages[-1] if self.languages else None, text))


@pytest.fixture(scope="module")
def english_messages():
    english = polib.pofile(str(catalogue_path("en")))
    return {entry.msgid for entry in english} | {e.msgid_plural for e in english if e.msgid_plural}


def english_left(html: str, code: str, english_messages: set[str]) -> list[str]:
    translations = polib.pofile(str(catalogue_path(code)))
    # Words that are the same in this language ("Interreg", "PDF", "Menu" in Dutch) are fine,
    # and so is a translation that happens to spell an English message ("Programme", the
    # German plural of "Programm").
    same = {entry.msgid for entry in translations if entry.msgstr == entry.msgid}
    same |= {entry.msgstr for entry in translations if entry.msgstr}
    same |= {text for entry in translations for text in entry.msgstr_plural.values()}
    parser = InterfaceText()
    parser.feed(html)
    assert parser.html_lang == code
    return sorted(
        {
            text
            for language, text in parser.texts
            if language == code and text in english_messages and text not in same
        }
    )


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_home_and_cooperation_day_speak_the_language_of_their_address(
    client, home, english_messages, code
):
    for path in (f"/{code}/", f"/{code}/cooperation-day/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert english_left(response.content.decode(), code, english_messages) == [], path
