"""The logo generator: a programme's (or a project's) Interreg logo built from vector geometry.

One drawing (rectangles and outlined paths) is laid out with every rule applied, then written
as SVG, rendered to PNG from that SVG, and drawn into a PDF. The rules, in units of the flag's
height H:

- the EU emblem is 1.5 H wide with a white outline of H/25 (Regulation (EU) 2021/1060,
  Annex IX); the monochrome flag is outlined in black with black stars, as the EU's graphic
  rules ask when black is the only colour;
- clear space of H/4 surrounds the whole logo; nothing in the drawing enters it;
- "Interreg" is set so that its capitals are 0.42 H high, its top aligned with the flag's top;
  the programme's name sits on the flag's bottom line; a project acronym follows in bold;
- the statement "Co-funded by the European Union" in the chosen language stands beside
  (horizontal) or below (vertical) the names, never smaller than 0.15 H capitals.
"""

import io
from dataclasses import dataclass, field

import resvg_py
from django.db import models
from django.utils.translation import gettext_lazy as _
from reportlab.pdfgen import canvas as pdf_canvas

from portal.core.cache import cached_value

from . import typeset
from .emblem import REFLEX_BLUE, YELLOW, Emblem

MIN_PNG_WIDTH = 100
MAX_PNG_WIDTH = 6000
# At 300 dpi; Annex IX asks for at least 20 mm.
PRINT_DPI = 300
MIN_WIDTH_MM = 20
# Below this the twelve stars run together on screens.
MIN_SCREEN_FLAG_PX = 24
# The PDF's size: the flag is 15 mm high, so the logo can be placed at 100 %.
PDF_FLAG_HEIGHT_MM = 15

FLAG = 100.0  # every length below is a share of the flag's height
CLEAR_SPACE = FLAG / 4
GAP = FLAG / 4
WORDMARK_SIZE = 60.0
NAME_SIZE = 26.0
STATEMENT_SIZE = 22.0
LINE_SPACING = 1.3
WHITE = "#FFFFFF"
BLACK = "#000000"
CACHE_SECONDS = 60 * 60 * 24 * 30
# Part of every cache key: change it when the drawing rules change.
RULES_VERSION = "3"


class ColourVersion(models.TextChoices):
    FULL_COLOUR = "full_colour", _("Full colour")
    MONOCHROME = "monochrome", _("Monochrome (black)")
    NEGATIVE = "negative", _("Negative (white)")


class Layout(models.TextChoices):
    HORIZONTAL = "horizontal", _("Horizontal")
    VERTICAL = "vertical", _("Vertical")


class LogoFormat(models.TextChoices):
    SVG = "svg", "SVG"
    PNG = "png", "PNG"
    PDF = "pdf", "PDF"


# "Co-funded by the European Union" in the 24 official languages, as the EU publishes it.
STATEMENTS = {
    "bg": "Съфинансирано от Европейския съюз",
    "cs": "Spolufinancováno Evropskou unií",
    "da": "Medfinansieret af Den Europæiske Union",
    "de": "Kofinanziert von der Europäischen Union",
    "el": "Συγχρηματοδοτείται από την Ευρωπαϊκή Ένωση",
    "en": "Co-funded by the European Union",
    "es": "Cofinanciado por la Unión Europea",
    "et": "Kaasrahastanud Euroopa Liit",
    "fi": "Euroopan unionin osarahoittama",
    "fr": "Cofinancé par l’Union européenne",  # noqa: RUF001 (the typographic apostrophe)
    "ga": "Arna chómhaoiniú ag an Aontas Eorpach",
    "hr": "Sufinancira Europska unija",
    "hu": "Az Európai Unió társfinanszírozásával",
    "it": "Cofinanziato dall’Unione europea",  # noqa: RUF001
    "lt": "Bendrai finansuoja Europos Sąjunga",
    "lv": "Līdzfinansē Eiropas Savienība",
    "mt": "Kofinanzjat mill-Unjoni Ewropea",
    "nl": "Medegefinancierd door de Europese Unie",
    "pl": "Współfinansowane przez Unię Europejską",
    "pt": "Cofinanciado pela União Europeia",
    "ro": "Cofinanțat de Uniunea Europeană",
    "sk": "Spolufinancované Európskou úniou",
    "sl": "Sofinancira Evropska unija",
    "sv": "Medfinansieras av Europeiska unionen",
}

PRINT_TOO_SMALL = _(
    "At %(dpi)s dpi this PNG prints %(mm)s mm wide, below the minimum of %(minimum)s mm: "
    "use it on screens only, or choose a larger width."
)
FLAG_TOO_SMALL = _(
    "At this width the flag is only %(pixels)s pixels high and its stars run together: "
    "choose a larger width."
)
BESIDE_OTHER_LOGOS = _(
    "Shown beside other logos, the EU emblem must be at least as large as the largest of them."
)


def programme_logo_name(programme_name: str) -> str:
    """A programme's name as it stands under "Interreg": without the word itself and without
    the period's strand code ("VI-A", "VI-B"…)."""
    words = programme_name.split()
    if words and words[0].lower() == "interreg":
        words = words[1:]
    if words and words[0].rstrip(":").upper().startswith(("VI-", "V-", "IV-")):
        words = words[1:]
    return " ".join(words) or programme_name


@dataclass(frozen=True)
class LogoSpec:
    name: str
    language: str
    colour: str
    layout: str
    project: str = ""

    @property
    def statement(self) -> str:
        return STATEMENTS[self.language]

    @property
    def text_alternative(self) -> str:
        """What the logo says, all of it in the statement's language (`language` is its lang):
        "Interreg Danube Region — Kofinanziert von der Europäischen Union"."""
        names = " ".join(part for part in ("Interreg", self.name, self.project) if part)
        return f"{names} — {self.statement}"

    def cache_parts(self, file_format: str, width: int | None = None) -> tuple:
        return (
            "logo",
            RULES_VERSION,
            file_format,
            width or 0,
            self.name,
            self.project,
            self.language,
            self.colour,
            self.layout,
        )


@dataclass
class Drawing:
    width: float
    height: float
    rectangles: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    paths: list[tuple[list[tuple], str]] = field(default_factory=list)
    flag_height: float = FLAG


def _wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and typeset.text_width(font, candidate, size) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [text]


def _two_lines(text: str) -> list[str]:
    """The statement split into two lines of about the same length."""
    words = text.split()
    if len(words) < 2:
        return [text]
    best = min(
        range(1, len(words)),
        key=lambda cut: abs(len(" ".join(words[:cut])) - len(" ".join(words[cut:]))),
    )
    return [" ".join(words[:best]), " ".join(words[best:])]


def _colours(colour: str) -> dict[str, str]:
    if colour == ColourVersion.MONOCHROME:
        return {"outline": BLACK, "field": WHITE, "stars": BLACK, "text": BLACK}
    text = WHITE if colour == ColourVersion.NEGATIVE else REFLEX_BLUE
    return {"outline": WHITE, "field": REFLEX_BLUE, "stars": YELLOW, "text": text}


def _add_emblem(drawing: Drawing, emblem: Emblem, colours: dict[str, str]) -> None:
    border = emblem.outline
    drawing.rectangles.append(
        (
            emblem.x - border,
            emblem.y - border,
            emblem.width + 2 * border,
            emblem.height + 2 * border,
            colours["outline"],
        )
    )
    drawing.rectangles.append((emblem.x, emblem.y, emblem.width, emblem.height, colours["field"]))
    stars = []
    for star in emblem.stars():
        stars.append(("M", star[0]))
        stars.extend(("L", point) for point in star[1:])
        stars.append(("Z",))
    drawing.paths.append((stars, colours["stars"]))


@dataclass
class _Line:
    text: str
    font: str
    size: float

    @property
    def width(self) -> float:
        return typeset.text_width(self.font, self.text, self.size)


def logo_drawing(spec: LogoSpec) -> Drawing:
    colours = _colours(spec.colour)
    outline = FLAG / 25
    wordmark = _Line("Interreg", typeset.BOLD, WORDMARK_SIZE)
    name_width = max(wordmark.width * 2, 2 * FLAG)
    names = [
        _Line(text, typeset.REGULAR, NAME_SIZE)
        for text in _wrap(spec.name, typeset.REGULAR, NAME_SIZE, name_width)
    ]
    if spec.project:
        names.append(_Line(spec.project, typeset.BOLD, NAME_SIZE))
    statement_lines = [
        _Line(text, typeset.REGULAR, STATEMENT_SIZE) for text in _two_lines(spec.statement)
    ]
    placed: list[tuple[_Line, float, float]] = []  # line, x, baseline

    if spec.layout == Layout.VERTICAL:
        flag_box = 1.5 * FLAG + 2 * outline
        content_width = max(flag_box, wordmark.width, *(line.width for line in names))
        single_statement = _Line(spec.statement, typeset.REGULAR, STATEMENT_SIZE)
        if single_statement.width <= content_width:
            statement_lines = [single_statement]
        content_width = max(content_width, *(line.width for line in statement_lines))
        emblem = Emblem(
            CLEAR_SPACE + (content_width - flag_box) / 2 + outline, CLEAR_SPACE + outline, FLAG
        )
        baseline = (
            emblem.y + FLAG + outline + GAP + typeset.cap_height(wordmark.font, wordmark.size)
        )
        placed.append((wordmark, CLEAR_SPACE + (content_width - wordmark.width) / 2, baseline))
        baseline += NAME_SIZE * 0.5
        for line in names:
            baseline += line.size * LINE_SPACING
            placed.append((line, CLEAR_SPACE + (content_width - line.width) / 2, baseline))
        baseline += GAP * 0.6
        for line in statement_lines:
            baseline += line.size * LINE_SPACING
            placed.append((line, CLEAR_SPACE + (content_width - line.width) / 2, baseline))
        width = content_width + 2 * CLEAR_SPACE
    else:
        emblem = Emblem(CLEAR_SPACE + outline, CLEAR_SPACE + outline, FLAG)
        text_x = emblem.x + emblem.width + outline + GAP
        placed.append(
            (wordmark, text_x, emblem.y + typeset.cap_height(wordmark.font, wordmark.size))
        )
        baseline = emblem.y + FLAG
        for index, line in enumerate(names):
            placed.append((line, text_x, baseline + index * line.size * LINE_SPACING))
        names_right = text_x + max(wordmark.width, *(line.width for line in names))
        statement_x = names_right + GAP * 1.5
        block = typeset.cap_height(typeset.REGULAR, STATEMENT_SIZE) + STATEMENT_SIZE * LINE_SPACING
        first = emblem.y + (FLAG - block) / 2 + typeset.cap_height(typeset.REGULAR, STATEMENT_SIZE)
        for index, line in enumerate(statement_lines):
            placed.append((line, statement_x, first + index * line.size * LINE_SPACING))
        # A hairline between the names and the statement, as tall as the flag.
        rule_x = names_right + GAP * 0.75
        width = statement_x + max(line.width for line in statement_lines) + CLEAR_SPACE

    bottom = max(
        [emblem.y + FLAG + outline]
        + [baseline + typeset.descent(line.font, line.size) for line, _x, baseline in placed]
    )
    drawing = Drawing(width=width, height=bottom + CLEAR_SPACE)
    _add_emblem(drawing, emblem, colours)
    if spec.layout == Layout.HORIZONTAL:
        drawing.rectangles.append((rule_x, emblem.y, FLAG / 50, FLAG, colours["text"]))
    for line, x, baseline in placed:
        drawing.paths.append(
            (typeset.text_outline(line.font, line.text, line.size, x, baseline), colours["text"])
        )
    return drawing


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg_path_data(commands: list[tuple]) -> str:
    parts = []
    for command in commands:
        points = " ".join(f"{_number(x)} {_number(y)}" for x, y in command[1:])
        parts.append(f"{command[0]}{points}")
    return "".join(parts)


def logo_svg(spec: LogoSpec, *, title: str = "") -> str:
    drawing = logo_drawing(spec)
    width, height = _number(drawing.width), _number(drawing.height)
    label = _escape(title or spec.text_alternative)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" lang="{spec.language}" '
        f'aria-label="{label}">',
        f"<title>{label}</title>",
    ]
    for x, y, w, h, fill in drawing.rectangles:
        parts.append(
            f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(w)}" '
            f'height="{_number(h)}" fill="{fill}"/>'
        )
    for commands, fill in drawing.paths:
        parts.append(f'<path fill="{fill}" d="{_svg_path_data(commands)}"/>')
    parts.append("</svg>\n")
    return "".join(parts)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def logo_png(spec: LogoSpec, *, width: int) -> bytes:
    return bytes(
        resvg_py.svg_to_bytes(svg_string=logo_svg(spec), width=width, skip_system_fonts=True)
    )


def logo_pdf(spec: LogoSpec) -> bytes:
    drawing = logo_drawing(spec)
    scale = PDF_FLAG_HEIGHT_MM / 25.4 * 72 / drawing.flag_height  # points per unit
    page_height = drawing.height * scale
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(
        buffer, pagesize=(drawing.width * scale, page_height), pageCompression=1
    )
    canvas.setTitle(f"Interreg {spec.name}")
    canvas.setAuthor("Interreg")

    def point(x, y):  # PDF draws upwards from the bottom-left corner
        return x * scale, page_height - y * scale

    for x, y, w, h, fill in drawing.rectangles:
        canvas.setFillColor(fill)
        left, bottom = point(x, y + h)
        canvas.rect(left, bottom, w * scale, h * scale, stroke=0, fill=1)
    for commands, fill in drawing.paths:
        path = canvas.beginPath()
        current = (0.0, 0.0)
        for command in commands:
            if command[0] == "M":
                current = command[1]
                path.moveTo(*point(*current))
            elif command[0] == "L":
                current = command[1]
                path.lineTo(*point(*current))
            elif command[0] == "Q":
                (cx, cy), end = command[1], command[2]
                # A quadratic curve is the cubic with controls two thirds towards its control.
                first = (
                    current[0] + 2 / 3 * (cx - current[0]),
                    current[1] + 2 / 3 * (cy - current[1]),
                )
                second = (end[0] + 2 / 3 * (cx - end[0]), end[1] + 2 / 3 * (cy - end[1]))
                path.curveTo(*point(*first), *point(*second), *point(*end))
                current = end
            elif command[0] == "C":
                path.curveTo(*point(*command[1]), *point(*command[2]), *point(*command[3]))
                current = command[3]
            else:
                path.close()
        canvas.setFillColor(fill)
        canvas.drawPath(path, stroke=0, fill=1, fillMode=pdf_canvas.FILL_NON_ZERO)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def logo_file(spec: LogoSpec, file_format: str, *, width: int | None = None) -> bytes:
    """The logo in `file_format`, made once and then served from the cache."""
    makers = {
        LogoFormat.SVG: lambda: logo_svg(spec).encode(),
        LogoFormat.PNG: lambda: logo_png(spec, width=width),
        LogoFormat.PDF: lambda: logo_pdf(spec),
    }
    # Only the PNG depends on the width; the other files are shared by every width.
    key_width = width if file_format == LogoFormat.PNG else None
    return cached_value(
        spec.cache_parts(file_format, key_width), makers[file_format], CACHE_SECONDS
    )


def logo_warnings(spec: LogoSpec, *, width: int) -> list[str]:
    """What to keep in mind for a PNG of `width` pixels."""
    drawing = logo_drawing(spec)
    warnings = []
    printed_mm = width / PRINT_DPI * 25.4
    if printed_mm < MIN_WIDTH_MM:
        warnings.append(
            PRINT_TOO_SMALL % {"dpi": PRINT_DPI, "mm": f"{printed_mm:.1f}", "minimum": MIN_WIDTH_MM}
        )
    flag_pixels = width * drawing.flag_height / drawing.width
    if flag_pixels < MIN_SCREEN_FLAG_PX:
        warnings.append(FLAG_TOO_SMALL % {"pixels": int(flag_pixels)})
    warnings.append(BESIDE_OTHER_LOGOS)
    return warnings
