"""Text shown in the language it was written in, whatever the page's language:
`{{ event.title|in_language:event.language }}` gives `<span lang="sl">…</span>`, so that
screen readers read it with the right voice (and inside `{% blocktranslate with … %}` too).
Without a language the text is shown as it is, in the page's."""

from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.filter
def in_language(text, code):
    if not code:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', code, text)


@register.filter
def lang_attribute(code):
    """` lang="it"` to put in an element's tag, or nothing without a language:
    `<div{{ post.language|lang_attribute }}>`."""
    return format_html(' lang="{}"', code) if code else ""
