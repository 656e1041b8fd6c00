"""The logo generator's fonts are shared by the server's threads: a page and its preview drawn
at the same moment must not read a font's tables over each other."""

import logging

from brand import typeset
from tests.helpers import all_at_once

FONTS = [path.name for path in typeset.FONT_DIR.glob("*.ttf")]


def _draw(_thread):
    for name in FONTS:
        typeset.text_outline(name, "Interreg Alcotra", 40, 0, 0)
        typeset.text_width(name, "Co-funded by the European Union", 12)


def test_threads_drawing_with_a_font_loaded_just_now_all_succeed():
    assert FONTS
    logging.getLogger("fontTools").setLevel(logging.CRITICAL)  # a broken read also logs noise
    for _round in range(2):
        typeset._font.cache_clear()
        assert all_at_once(_draw, range(8)) == []
