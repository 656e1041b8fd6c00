"""The one sanitiser for HTML that users write. Call it when the text is stored."""

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
