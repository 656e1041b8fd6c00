"""Text as outlines: the logo's words drawn from the glyphs of the bundled Ubuntu typeface
(one of the typefaces the EU recommends for the "Co-funded by the European Union" statement),
so an SVG or PDF logo looks the same on every machine, with or without the font installed.

Outlines are kept as absolute drawing commands that each renderer turns into its own format:
("M", (x, y)), ("L", (x, y)), ("Q", (cx, cy), (x, y)), ("Z",).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "Ubuntu-Regular.ttf"
BOLD = "Ubuntu-Bold.ttf"


@dataclass(frozen=True)
class FontMetrics:
    units_per_em: int
    cap_height: int
    ascender: int
    descender: int


@cache
def _font(name: str) -> TTFont:
    # Read every table now: a lazily read font shared by the server's threads decompiles a
    # table twice at once when two requests draw together (the page and its preview).
    font = TTFont(FONT_DIR / name, lazy=False)
    font.ensureDecompiled()
    return font


def metrics(name: str) -> FontMetrics:
    font = _font(name)
    os2 = font["OS/2"]
    return FontMetrics(
        units_per_em=font["head"].unitsPerEm,
        cap_height=os2.sCapHeight,
        ascender=os2.sTypoAscender,
        descender=os2.sTypoDescender,
    )


def cap_height(name: str, size: float) -> float:
    font_metrics = metrics(name)
    return size * font_metrics.cap_height / font_metrics.units_per_em


def descent(name: str, size: float) -> float:
    font_metrics = metrics(name)
    return size * -font_metrics.descender / font_metrics.units_per_em


def _glyph_names(name: str, text: str) -> list[str]:
    font = _font(name)
    cmap = font.getBestCmap()
    fallback = cmap.get(ord("?"), ".notdef")
    return [cmap.get(ord(character), fallback) for character in text]


def text_width(name: str, text: str, size: float) -> float:
    font = _font(name)
    metrics_table = font["hmtx"]
    scale = size / font["head"].unitsPerEm
    return sum(metrics_table[glyph][0] for glyph in _glyph_names(name, text)) * scale


class _OutlinePen(BasePen):
    """Records a glyph's contours scaled, flipped (fonts draw upwards, SVG downwards) and moved
    to the glyph's place on the baseline."""

    def __init__(self, glyph_set, commands, scale, x, baseline):
        super().__init__(glyph_set)
        self._commands = commands
        self._scale = scale
        self._x = x
        self._baseline = baseline

    def _point(self, point):
        return (self._x + point[0] * self._scale, self._baseline - point[1] * self._scale)

    def _moveTo(self, pt):
        self._commands.append(("M", self._point(pt)))

    def _lineTo(self, pt):
        self._commands.append(("L", self._point(pt)))

    def _qCurveToOne(self, pt1, pt2):
        self._commands.append(("Q", self._point(pt1), self._point(pt2)))

    def _curveToOne(self, pt1, pt2, pt3):
        self._commands.append(("C", self._point(pt1), self._point(pt2), self._point(pt3)))

    def _closePath(self):
        self._commands.append(("Z",))

    _endPath = _closePath


def text_outline(name: str, text: str, size: float, x: float, baseline: float) -> list[tuple]:
    """Drawing commands for `text` set in font `name` at `size`, starting at (x, baseline)."""
    font = _font(name)
    glyph_set = font.getGlyphSet()
    advances = font["hmtx"]
    scale = size / font["head"].unitsPerEm
    commands: list[tuple] = []
    cursor = x
    for glyph in _glyph_names(name, text):
        glyph_set[glyph].draw(_OutlinePen(glyph_set, commands, scale, cursor, baseline))
        cursor += advances[glyph][0] * scale
    return commands
