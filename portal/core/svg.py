"""SVG uploads made safe to store and serve.

The file is parsed with defusedxml (entity expansion and external entities refused), then
rebuilt from an allow-list of drawing elements and attributes: scripts, event handlers, foreign
objects, embedded images, style sheets and every reference outside the document are dropped.
"""

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
SVG_NOT_READABLE = _("This file is not a readable SVG image. Export it again as plain SVG.")
SVG_TOO_LARGE = _("This SVG is too large: keep it under 5 MB.")
SVG_MAX_BYTES = 5 * 1024 * 1024

ALLOWED_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "defs",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "mask",
        "symbol",
        "use",
        "title",
        "desc",
    }
)
ALLOWED_ATTRIBUTES = frozenset(
    {
        "id",
        "class",
        "d",
        "x",
        "y",
        "width",
        "height",
        "rx",
        "ry",
        "cx",
        "cy",
        "r",
        "fx",
        "fy",
        "x1",
        "y1",
        "x2",
        "y2",
        "points",
        "transform",
        "viewBox",
        "preserveAspectRatio",
        "version",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-opacity",
        "opacity",
        "clip-path",
        "clip-rule",
        "mask",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "letter-spacing",
        "dominant-baseline",
        "xml:space",
        "href",
        "style",
        "role",
        "aria-label",
        "aria-hidden",
    }
)
# url(...) may only point inside the document: url(#gradient).
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_DANGEROUS_STYLE = re.compile(r"(expression|javascript:|@import|behavior)", re.IGNORECASE)


def _local_name(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _brace, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _attribute_name(key: str) -> str | None:
    namespace, name = _local_name(key)
    if namespace == XLINK_NAMESPACE and name == "href":
        return "href"
    if namespace == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{name}"
    return name if not namespace else None


def _safe_value(name: str, value: str) -> bool:
    if name == "href":
        return value.startswith("#")  # only references inside the drawing
    if _OUTSIDE_URL.search(value):
        return False
    return not (name == "style" and _DANGEROUS_STYLE.search(value))


def _copy(source, parent=None):
    namespace, name = _local_name(source.tag)
    if namespace not in ("", SVG_NAMESPACE) or name not in ALLOWED_ELEMENTS:
        return None
    attributes = {}
    for key, value in source.attrib.items():
        attribute = _attribute_name(key)
        if attribute is None or attribute.lower().startswith("on"):
            continue
        if attribute in ALLOWED_ATTRIBUTES and _safe_value(attribute, value):
            attributes[
                "{http://www.w3.org/XML/1998/namespace}" + attribute[4:]
                if attribute.startswith("xml:")
                else attribute
            ] = value
    element = (
        ET.Element(f"{{{SVG_NAMESPACE}}}{name}", attributes)
        if parent is None
        else ET.SubElement(parent, f"{{{SVG_NAMESPACE}}}{name}", attributes)
    )
    if name in ("text", "tspan", "title", "desc"):
        element.text = source.text
    for child in source:
        kept = _copy(child, element)
        if kept is not None and name in ("text", "tspan"):
            kept.tail = child.tail
    return element


def sanitize_svg(data: bytes) -> bytes:
    """The drawing in `data`, rebuilt with nothing but allowed elements and attributes."""
    if len(data) > SVG_MAX_BYTES:
        raise ValidationError(SVG_TOO_LARGE, code="too_large")
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise ValidationError(SVG_NOT_READABLE, code="invalid") from error
    if _local_name(root.tag) != (SVG_NAMESPACE, "svg") and root.tag != "svg":
        raise ValidationError(SVG_NOT_READABLE, code="not_svg")
    ET.register_namespace("", SVG_NAMESPACE)
    clean = _copy(root)
    return ET.tostring(clean, encoding="utf-8", xml_declaration=True)
