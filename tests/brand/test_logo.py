"""The logo generator: well-formed SVG, exact PNG width, a real PDF, every EU language."""

import io

import pytest
from defusedxml.ElementTree import fromstring
from django.core.cache import cache
from PIL import Image

from brand import logo
from brand.emblem import REFLEX_BLUE, YELLOW
from portal.core.cache import versioned_key


def _spec(**overrides) -> logo.LogoSpec:
    values = {
        "name": "France-Italy (ALCOTRA)",
        "language": "fr",
        "colour": logo.ColourVersion.FULL_COLOUR,
        "layout": logo.Layout.HORIZONTAL,
    }
    values.update(overrides)
    return logo.LogoSpec(**values)


def test_the_programme_name_drops_interreg_and_the_strand_code():
    assert logo.programme_logo_name("Interreg VI-A France-Italy (ALCOTRA)") == (
        "France-Italy (ALCOTRA)"
    )
    assert logo.programme_logo_name("Interreg Euro-MED") == "Euro-MED"
    assert logo.programme_logo_name("URBACT") == "URBACT"


def test_all_24_official_languages_have_the_statement():
    assert len(logo.STATEMENTS) == 24
    assert logo.STATEMENTS["fr"] == "Cofinancé par l’Union européenne"  # noqa: RUF001


@pytest.mark.parametrize("language", sorted(logo.STATEMENTS))
@pytest.mark.parametrize("layout", logo.Layout.values)
def test_the_svg_is_well_formed_in_every_language_and_layout(language, layout):
    svg = logo.logo_svg(_spec(language=language, layout=layout))
    tree = fromstring(svg.encode())
    assert tree.tag == "{http://www.w3.org/2000/svg}svg"
    assert tree.get("role") == "img"
    paths = [element for element in tree.iter() if element.tag.endswith("path")]
    assert len(paths) >= 4  # stars, wordmark, name, statement lines
    assert "<text" not in svg  # words are outlines: no font needed to show them


def test_the_flag_follows_the_rules_in_full_colour():
    drawing = logo.logo_drawing(_spec())
    outline, field = drawing.rectangles[0], drawing.rectangles[1]
    assert field[3] == logo.FLAG and field[2] == pytest.approx(1.5 * logo.FLAG)  # 3 : 2
    assert outline[3] - field[3] == pytest.approx(2 * logo.FLAG / 25)  # 1/25 outline
    assert (outline[4], field[4]) == ("#FFFFFF", REFLEX_BLUE)
    assert drawing.paths[0][1] == YELLOW
    assert drawing.paths[0][0].count(("Z",)) == 12
    # Clear space of a quarter of the flag's height on every side.
    assert outline[0] == pytest.approx(logo.CLEAR_SPACE)
    assert outline[1] == pytest.approx(logo.CLEAR_SPACE)


def test_monochrome_and_negative_colours():
    mono = logo.logo_drawing(_spec(colour=logo.ColourVersion.MONOCHROME))
    assert {fill for *_box, fill in mono.rectangles[:2]} == {"#000000", "#FFFFFF"}
    assert {fill for _commands, fill in mono.paths} == {"#000000"}
    negative = logo.logo_drawing(_spec(colour=logo.ColourVersion.NEGATIVE))
    assert {fill for _commands, fill in negative.paths[1:]} == {"#FFFFFF"}


@pytest.mark.parametrize("width", [100, 640, 2400])
def test_the_png_has_the_requested_width(width):
    data = logo.logo_png(_spec(project="CLIMACT"), width=width)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.width == width
        assert image.mode == "RGBA"


def test_the_pdf_is_a_vector_page_of_the_logos_proportions():
    data = logo.logo_pdf(_spec())
    assert data.startswith(b"%PDF-")
    drawing = logo.logo_drawing(_spec())
    flag_points = logo.PDF_FLAG_HEIGHT_MM / 25.4 * 72
    expected_width = drawing.width / drawing.flag_height * flag_points
    assert f"{expected_width:.0f}".encode() in data.split(b"/MediaBox")[1][:60]


def test_small_widths_are_warned_about():
    small = logo.logo_warnings(_spec(), width=120)
    assert any("20 mm" in str(warning) for warning in small)
    assert any("stars run together" in str(warning) for warning in small)
    large = logo.logo_warnings(_spec(), width=2400)
    assert [str(warning) for warning in large] == [str(logo.BESIDE_OTHER_LOGOS)]


@pytest.mark.django_db
def test_generated_files_are_cached():
    spec = _spec(name="Cache check")
    first = logo.logo_file(spec, "png", width=300)
    assert cache.get(versioned_key(*spec.cache_parts("png", 300))) == first
    assert logo.logo_file(spec, "png", width=300) == first
