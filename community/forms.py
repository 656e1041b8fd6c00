"""Input shapes for the community; the rules about who may do what live in services."""

import mimetypes
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from taggit.forms import TagField

from portal.core.file_checks import (
    DOCUMENT_CONTENT_MISMATCH,
    document_content_matches,
    image_decodes_fully,
    image_pixel_count,
    reencoded_image,
)
from portal.core.forms import KeepsDrafts, PortalForm, SubmissionTokenMixin

from .models import POST_EMPTY, Flag, Space, Subscription, Thread

IMAGE_EXTENSIONS = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}
DOCUMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt", "zip"}

ATTACHMENT_TYPE_NOT_ALLOWED = _(
    "“%(name)s” cannot be attached: allowed are images (PNG, JPEG, GIF, WebP) and documents "
    "(PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, ZIP)."
)
ATTACHMENT_TOO_LARGE = _("“%(name)s” is %(size)s; an attachment may be at most %(limit)s.")
TOO_MANY_ATTACHMENTS = _("Attach at most %(limit)s files to one post.")
IMAGE_NOT_READABLE = _("“%(name)s” is not a readable image.")
IMAGE_TOO_MANY_PIXELS = _("“%(name)s” has %(pixels)s pixels; an image may have at most %(limit)s.")
TITLE_TOO_SHORT = _("Give the thread a title of at least 5 characters.")
TOO_MANY_TAGS = _("Use at most 5 tags.")
TAG_TOO_LONG = _("Keep each tag under 40 characters.")


@dataclass
class CheckedUpload:
    file: object
    name: str
    content_type: str
    size: int
    is_image: bool
    width: int | None = None
    height: int | None = None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        limit = settings.COMMUNITY_ATTACHMENTS_PER_POST
        if len(files) > limit:
            raise forms.ValidationError(TOO_MANY_ATTACHMENTS, params={"limit": limit})
        return [_checked(upload) for upload in files]


def _checked(upload) -> CheckedUpload:
    name = upload.name.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    limit = settings.COMMUNITY_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            ATTACHMENT_TOO_LARGE,
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
    if extension in IMAGE_EXTENSIONS:
        pixels = image_pixel_count(upload)
        limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        if pixels is None or pixels > limit:
            raise forms.ValidationError(
                IMAGE_TOO_MANY_PIXELS,
                params={
                    "name": name,
                    "pixels": intcomma(pixels) if pixels else _("too many to count"),
                    "limit": intcomma(limit),
                },
            )
        if pixels < 0 or not image_decodes_fully(upload):
            raise forms.ValidationError(IMAGE_NOT_READABLE, params={"name": name})
        with PILImage.open(upload) as image:
            if image.format.lower() not in {"png", "jpeg", "gif", "webp"}:
                raise forms.ValidationError(IMAGE_NOT_READABLE, params={"name": name})
        # Stored as drawn afresh: no EXIF (a phone's GPS position) and nothing appended.
        fresh = reencoded_image(upload)
        with PILImage.open(fresh) as image:
            width, height = image.size
        fresh.seek(0)
        return CheckedUpload(
            fresh, name, IMAGE_EXTENSIONS[extension], fresh.size, True, width, height
        )
    if extension not in DOCUMENT_EXTENSIONS:
        raise forms.ValidationError(ATTACHMENT_TYPE_NOT_ALLOWED, params={"name": name})
    if not document_content_matches(upload, extension):
        raise forms.ValidationError(DOCUMENT_CONTENT_MISMATCH, params={"extension": extension})
    content_type = mimetypes.types_map.get(f".{extension}", "application/octet-stream")
    return CheckedUpload(upload, name, content_type, upload.size, False)


class SourceField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your post"))
        kwargs.setdefault("max_length", 20000)
        kwargs.setdefault(
            "help_text",
            _(
                "Markdown: **bold**, *italic*, [link](https://…), lists with “-”, quotes with "
                "“>”. Type @ and a name to mention a member."
            ),
        )
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)


class PostForm(SubmissionTokenMixin, KeepsDrafts, PortalForm):
    source = SourceField()
    attachments = AttachmentsField(label=_("Attach files"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].widget.attrs.update({"rows": 8, "data-editor": ""})
        self.fields["attachments"].help_text = _(
            "Up to %(count)s files of at most %(size)s each."
        ) % {
            "count": settings.COMMUNITY_ATTACHMENTS_PER_POST,
            "size": filesizeformat(settings.COMMUNITY_ATTACHMENT_MAX_BYTES),
        }

    def clean_source(self):
        source = self.cleaned_data["source"]
        if not source.strip():
            raise forms.ValidationError(POST_EMPTY)
        return source


class ThreadForm(PostForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=Thread.Kind.choices,
        initial=Thread.Kind.DISCUSSION,
        widget=forms.RadioSelect,
        help_text=_("A question can have one accepted answer, shown first."),
    )
    tags = TagField(label=_("Tags"), required=False, help_text=_("Up to 5, separated by commas."))

    field_order = ["title", "kind", "source", "tags", "attachments"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 5:
            raise forms.ValidationError(TITLE_TOO_SHORT)
        return title

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        if len(tags) > 5:
            raise forms.ValidationError(TOO_MANY_TAGS)
        if any(len(tag) > 40 for tag in tags):
            raise forms.ValidationError(TAG_TOO_LONG)
        return tags


class JoinRequestForm(KeepsDrafts, PortalForm):
    message = forms.CharField(
        label=_("Message to the moderators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and why you would like to join."),
    )


class DecisionForm(KeepsDrafts, PortalForm):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InviteForm(PortalForm):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))


class FlagForm(KeepsDrafts, PortalForm):
    reason = forms.ChoiceField(
        label=_("Why?"), choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the moderators should know"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(PortalForm):
    reason = forms.CharField(label=_("Reason, shown to the author"), required=False, max_length=300)


class MoveForm(PortalForm):
    to_space = forms.ModelChoiceField(label=_("Move to"), queryset=Space.objects.none())

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_space"].queryset = spaces


class MergeForm(PortalForm):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Thread.objects.none(),
        help_text=_("The posts of this thread are added to the end of the chosen one."),
    )

    def __init__(self, *args, threads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = threads


class SubscriptionForm(PortalForm):
    level = forms.ChoiceField(
        label=_("Notifications"),
        choices=[("default", _("Default")), *Subscription.Level.choices],
    )


class SearchForm(PortalForm):
    q = forms.CharField(label=_("Search the community"), max_length=200, required=False)
    space = forms.ChoiceField(label=_("Space"), required=False)
    tag = forms.CharField(label=_("Tag"), max_length=40, required=False)
    author = forms.CharField(label=_("Author"), max_length=100, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].choices = [
            ("", _("All my spaces")),
            *((space.slug, space.name) for space in spaces),
        ]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date must not be before the start date."))
        return cleaned
