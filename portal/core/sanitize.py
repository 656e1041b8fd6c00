"""The one sanitiser for HTML that users write. Call it when the text is stored."""

import html as html_entities
import re

import bleach

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"], "abbr": ["title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def _harden_links(attrs, new=False):
    # User links must not pass on our page (window.opener) nor lend it search ranking.
    attrs[(None, "rel")] = "nofollow ugc noopener noreferrer"
    return attrs


_linker = bleach.Linker(callbacks=[_harden_links], skip_tags={"pre", "code"})


def sanitize_html(html: str | None) -> str:
    """Return `html` reduced to the tags, attributes and URL schemes listed above."""
    if not html:
        return ""
    return _linker.linkify(_cleaner.clean(html))


# Where the stored HTML breaks a line or a paragraph, its plain text does too.
_LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_LINE_END = re.compile(r"<br\s*/?>|</li>", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:p|h2|h3|h4|blockquote|pre|ul|ol)>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(html: str | None) -> str:
    """The whole text of sanitised HTML, for places that show no markup (calendar files):
    paragraphs and list items on lines of their own, entities decoded, no tags."""
    if not html:
        return ""
    text = _LIST_ITEM.sub("- ", html)
    text = _LINE_END.sub("\n", text)
    text = _BLOCK_END.sub("\n\n", text)
    text = html_entities.unescape(bleach.clean(text, tags=set(), strip=True))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
