"""Previews of images and SVGs for the library grid and asset pages, and their dimensions."""

import io
from dataclasses import dataclass

import resvg_py
from defusedxml.ElementTree import fromstring
from PIL import Image as PILImage

from . import typeset

PREVIEW_SIZE = 640


@dataclass
class Preview:
    content: bytes | None
    extension: str
    width: int | None
    height: int | None


def _svg_size(data: bytes) -> tuple[int | None, int | None]:
    root = fromstring(data, forbid_dtd=True)
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        if len(view_box) == 4:
            return round(float(view_box[2])), round(float(view_box[3]))
        return (
            round(float(root.get("width", "").removesuffix("px"))),
            round(float(root.get("height", "").removesuffix("px"))),
        )
    except ValueError:
        return None, None


def _fit(image: PILImage.Image) -> Preview:
    image.thumbnail((PREVIEW_SIZE, PREVIEW_SIZE))
    buffer = io.BytesIO()
    if image.mode in {"RGBA", "LA", "P"}:
        image.convert("RGBA").save(buffer, format="PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(buffer, format="JPEG", quality=82, optimize=True)
        extension = "jpg"
    return Preview(buffer.getvalue(), extension, None, None)


def make_preview(data: bytes, file_format: str) -> Preview | None:
    """A small PNG or JPEG of an image or (already sanitised) SVG, with the original's size;
    None for formats that have no picture to show."""
    if file_format == "svg":
        width, height = _svg_size(data)
        try:
            rendered = resvg_py.svg_to_bytes(
                svg_string=data.decode("utf-8"),
                width=PREVIEW_SIZE,
                skip_system_fonts=True,
                font_files=[str(typeset.FONT_DIR / typeset.REGULAR)],
            )
        except ValueError:
            return Preview(None, "png", width, height)
        with PILImage.open(io.BytesIO(bytes(rendered))) as image:
            preview = _fit(image.convert("RGBA"))
        preview.width, preview.height = width, height
        return preview
    if file_format in {"png", "jpg", "jpeg", "webp", "gif"}:
        with PILImage.open(io.BytesIO(data)) as image:
            width, height = image.size
            image.seek(0)
            preview = _fit(image.copy())
        preview.width, preview.height = width, height
        return preview
    return None
