"""StreamField blocks shared by every page type."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

EMBED_URL_UNSUPPORTED = _("Only YouTube and Vimeo video addresses can be embedded.")
CTA_LINK_MISSING = _("Choose a page or enter a web address for the button.")
CTA_LINK_BOTH = _("Choose either a page or a web address, not both.")

YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/{video_id}"
VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")


def embed_player_url(url: str) -> str | None:
    """The privacy-friendly player address for a YouTube or Vimeo page address, else None."""
    parsed = urlparse(url or "")
    if parsed.scheme not in {"http", "https"}:
        return None
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path_parts = [part for part in parsed.path.split("/") if part]
    if host == "youtu.be" and path_parts and VIDEO_ID.fullmatch(path_parts[0]):
        return YOUTUBE_PLAYER.format(video_id=path_parts[0])
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif len(path_parts) >= 2 and path_parts[0] in {"embed", "shorts", "live"}:
            video_id = path_parts[1]
        else:
            video_id = ""
        if VIDEO_ID.fullmatch(video_id):
            return YOUTUBE_PLAYER.format(video_id=video_id)
        return None
    if host in {"vimeo.com", "player.vimeo.com"}:
        numbers = [part for part in path_parts if part.isdigit()]
        if numbers:
            return f"https://player.vimeo.com/video/{numbers[0]}?dnt=1"
    return None


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    button_label = blocks.CharBlock(max_length=40)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value["page"] and not value["url"]:
            raise StructBlockValidationError({"page": ErrorList([CTA_LINK_MISSING])})
        if value["page"] and value["url"]:
            raise StructBlockValidationError({"url": ErrorList([CTA_LINK_BOTH])})
        return value


class EmbedBlock(blocks.StructBlock):
    """A video that loads from its host only when the visitor asks for it."""

    url = blocks.URLBlock(help_text=_("A YouTube or Vimeo video address."))
    title = blocks.CharBlock(
        max_length=150, help_text=_("Describes the video for people who cannot see it.")
    )

    class Meta:
        icon = "media"
        template = "blocks/embed.html"

    def clean(self, value):
        value = super().clean(value)
        if embed_player_url(value["url"]) is None:
            raise StructBlockValidationError(
                {"url": ValidationError(EMBED_URL_UNSUPPORTED, code="unsupported")}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["player_url"] = embed_player_url(value["url"])
        return context


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock())

    class Meta:
        icon = "doc-full"
        template = "blocks/document_list.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    content = RichTextBlock()


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock())

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion.html"


class BodyBlock(blocks.StreamBlock):
    rich_text = RichTextBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock()
    document_list = DocumentListBlock()
    accordion = AccordionBlock()
