"""Posts are written in Markdown with a small toolbar; what is stored is sanitised HTML.

Mentions are written `@[Name](profile id)` (the editor's autocomplete inserts them). They
are swapped for placeholders before Markdown runs and put back, as markup we build from the
current display name, only after the one sanitiser has cleaned the HTML.
"""

import html
import re
import secrets
from dataclasses import dataclass

import bleach
import markdown

from portal.core.sanitize import sanitize_html

MENTION = re.compile(r"@\[([^\[\]\n]{1,80})\]\(([A-Za-z0-9_-]{4,16})\)")


@dataclass
class Rendered:
    html: str
    text: str
    mentioned: list


def mentioned_ids(source: str) -> list[str]:
    return list(dict.fromkeys(match.group(2) for match in MENTION.finditer(source or "")))


def render(source: str, *, people: dict) -> Rendered:
    """`people` maps profile ids that may be mentioned to their users."""
    nonce = secrets.token_hex(6)
    replacements = {}
    mentioned = []

    def placeholder(match):
        token = f"mention{nonce}x{len(replacements)}z"
        user = people.get(match.group(2))
        if user is None:
            replacements[token] = html.escape(match.group(0))
        else:
            # No quotes in this markup: a placeholder that landed inside an attribute value
            # (a link address) must not be able to end it.
            name = html.escape(user.display_name, quote=True)
            replacements[token] = f"<strong class=mention>@{name}</strong>"
            if user not in mentioned:
                mentioned.append(user)
        return token

    prepared = MENTION.sub(placeholder, source or "")
    converted = markdown.markdown(prepared, extensions=["fenced_code", "sane_lists", "nl2br"])
    cleaned = sanitize_html(converted)
    for token, markup in replacements.items():
        cleaned = cleaned.replace(token, markup)
    text = html.unescape(bleach.clean(cleaned, tags=set(), strip=True))
    return Rendered(html=cleaned, text=" ".join(text.split()), mentioned=mentioned)


def quote_source(*, author_name: str, source: str) -> str:
    """The text a reply starts with when it quotes a post."""
    lines = [f"**{author_name}:**", *(source or "").splitlines()]
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"
