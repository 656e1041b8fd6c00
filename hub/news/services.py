"""Publishing news and stories from the portal's own form: each save is a page revision in
the user's name, published at once, so the admin's history shows who changed what and when."""

import html
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import RichText

from campaigns.images import image_store
from hub.access import may_publish_for
from portal.core.sanitize import sanitize_html

from .access import may_edit_article
from .models import RESERVED_SLUGS, ArticlePage, NewsIndexPage

IMAGES_COLLECTION = "News and stories"
NOT_YOUR_PROGRAMME = _("You do not publish for this programme.")
NOT_YOUR_ARTICLE = _("You do not publish for every programme this article is about.")

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Paragraphs that start with one of these are taken as HTML as typed.
_BLOCK_START = re.compile(r"^<(p|h[2-4]|ul|ol|blockquote|pre)[\s>]", re.IGNORECASE)


def body_html(text: str) -> str:
    """The text of the form as sanitised HTML: paragraphs split at blank lines, line breaks
    kept; HTML typed in passes through the one sanitiser."""
    paragraphs = []
    for paragraph in _PARAGRAPH_BREAK.split(text.strip()):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if _BLOCK_START.match(paragraph):
            paragraphs.append(paragraph)
        else:
            paragraphs.append("<p>" + paragraph.replace("\n", "<br>\n") + "</p>")
    return sanitize_html("\n".join(paragraphs))


def body_text(article: ArticlePage) -> str:
    """The article's written text as the form shows it for editing."""
    return "\n\n".join(
        block.value.source for block in article.body if block.block_type == "rich_text"
    )


def _unique_slug(index: NewsIndexPage, title: str, *, exclude_pk=None) -> str:
    base = slugify(html.unescape(title))[:70].strip("-") or "article"
    if base in RESERVED_SLUGS:
        base = f"{base}-article"
    taken = set(index.get_children().exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_programmes(user, programmes) -> None:
    for programme in programmes:
        if not may_publish_for(user, programme):
            raise PermissionDenied(NOT_YOUR_PROGRAMME)


def _apply(article: ArticlePage, *, user, values: dict) -> None:
    article.title = values["title"]
    article.kind = values["kind"]
    article.date = values["date"]
    article.summary = values["summary"]
    article.lead_image_alt = values.get("lead_image_alt") or ""
    article.lead_image_credit = values.get("lead_image_credit") or ""
    uploaded = values.get("lead_image_file")
    if uploaded:
        article.lead_image = image_store(
            uploaded=uploaded, title=values["title"], user=user, collection=IMAGES_COLLECTION
        )
    # Images, quotes and other blocks added in the admin stay after the written text.
    kept = [
        (block.block_type, block.value) for block in article.body if block.block_type != "rich_text"
    ]
    article.body = [("rich_text", RichText(body_html(values["body"]))), *kept]
    article.programmes = list(values["programmes"])
    article.projects = list(values.get("projects") or [])
    article.themes = list(values.get("themes") or [])
    article.countries = list(values.get("countries") or [])


def _publish(article: ArticlePage, *, user) -> None:
    # Wagtail's own permission check asks for page-tree permissions these people do not have
    # on purpose: who publishes for which programme is decided above (hub.access).
    revision = article.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)


@transaction.atomic
def article_create(*, index: NewsIndexPage, user, values: dict) -> ArticlePage:
    """Publish a new article below `index` in `user`'s name."""
    _check_programmes(user, values["programmes"])
    article = ArticlePage(owner=user)
    _apply(article, user=user, values=values)
    article.slug = _unique_slug(index, article.title)
    index.add_child(instance=article)
    _publish(article, user=user)
    return article


@transaction.atomic
def article_update(*, article: ArticlePage, user, values: dict) -> ArticlePage:
    """Publish `user`'s changes to `article` as a new revision."""
    if not may_edit_article(user, article):
        raise PermissionDenied(NOT_YOUR_ARTICLE)
    _check_programmes(user, values["programmes"])
    article = article.get_latest_revision_as_object()
    _apply(article, user=user, values=values)
    _publish(article, user=user)
    return article


def article_form_initial(article: ArticlePage) -> dict:
    return {
        "title": article.title,
        "kind": article.kind,
        "date": article.date,
        "summary": article.summary,
        "body": body_text(article),
        "programmes": list(article.programmes.all()),
        "projects": ", ".join(project.keep_id for project in article.projects.all()),
        "themes": list(article.themes.all()),
        "countries": list(article.countries),
        "lead_image_alt": article.lead_image_alt,
        "lead_image_credit": article.lead_image_credit,
    }
