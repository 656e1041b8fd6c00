"""Upload forms and fields that check files by content (portal.core.file_checks)."""

import io

import willow
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .file_checks import (
    DOCUMENT_CONTENT_MISMATCH,
    FILE_TYPE_NOT_ALLOWED,
    NOT_AN_IMAGE,
    document_content_matches,
    image_decodes_fully,
    image_pixel_count,
    reencoded_image,
)


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content contradicts their extension."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or "file" not in self.changed_data:
            return uploaded
        extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise forms.ValidationError(
                FILE_TYPE_NOT_ALLOWED,
                code="type_not_allowed",
                params={"allowed": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)},
            )
        if not document_content_matches(uploaded, extension):
            raise forms.ValidationError(
                DOCUMENT_CONTENT_MISMATCH, code="content_mismatch", params={"extension": extension}
            )
        return uploaded


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, made strict about what it lets through.

    The pixel count is read from the file header before anything else touches the file
    (Willow decodes the whole image just to report its size), so a decompression bomb is
    refused at once. An accepted file must then decode in full, so a corrupt image can never
    break a page later when its renditions are made; and it is stored drawn afresh from its
    pixels, without its EXIF data (a phone's GPS position) or anything appended to it.
    """

    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            self._refuse_too_many_pixels(data)
        try:
            uploaded = super().to_python(data)
        except ValidationError:
            raise
        except Exception as exc:  # Pillow's decoders raise many kinds of error on bad input
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc
        if uploaded is None:
            return None
        if not image_decodes_fully(uploaded):
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image")
        fresh = reencoded_image(uploaded)
        fresh.image = willow.Image.open(io.BytesIO(fresh.read()))
        fresh.content_type = fresh.image.mime_type
        fresh.seek(0)
        return fresh

    def _refuse_too_many_pixels(self, data) -> None:
        limit = self.max_image_pixels
        pixels = image_pixel_count(data)
        if pixels == NOT_AN_IMAGE:
            return  # the checks that follow say what is wrong
        if pixels is None or (limit and pixels > limit):
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": pixels or _("unknown number"), "max_pixels_count": limit},
                code="file_too_many_pixels",
            )


AVATAR_SIZE = 256
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
AVATAR_NOT_AN_IMAGE = _("Upload a photo in JPEG, PNG, WebP or GIF format.")
AVATAR_TOO_LARGE = _("This photo is too large: choose one under 5 MB and 40 megapixels.")


def avatar_from_upload(uploaded) -> ContentFile:
    """A square PNG made afresh from the upload: nothing of the original file survives
    (no metadata, no trailing payload), so a polyglot cannot ride along."""
    if uploaded.size > AVATAR_MAX_BYTES:
        raise ValidationError(AVATAR_TOO_LARGE, code="too_large")
    pixels = image_pixel_count(uploaded)
    if pixels == NOT_AN_IMAGE:
        raise ValidationError(AVATAR_NOT_AN_IMAGE, code="invalid")
    if pixels is None or pixels > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ValidationError(AVATAR_TOO_LARGE, code="too_many_pixels")
    try:
        uploaded.seek(0)
        with PILImage.open(uploaded) as source:
            if source.format not in AVATAR_FORMATS:
                raise ValidationError(AVATAR_NOT_AN_IMAGE, code="format")
            source.load()
            square = ImageOps.fit(source.convert("RGB"), (AVATAR_SIZE, AVATAR_SIZE))
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(AVATAR_NOT_AN_IMAGE, code="invalid") from exc
    buffer = io.BytesIO()
    square.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="avatar.png")


class CheckedImageForm(BaseImageForm):
    file = CheckedImageField(label=_("File"))
