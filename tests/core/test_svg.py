"""SVG uploads: whatever could run or reach outside the file is removed; broken files are
refused with a message."""

import pytest
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError

from portal.core.svg import SVG_NOT_READABLE, sanitize_svg

HEADER = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 30 20">'
)


def clean(body: str) -> str:
    return sanitize_svg((HEADER + body + "</svg>").encode()).decode()


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<rect width="5" height="5" onclick="alert(1)"/>',
        '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml">x</body></foreignObject>',
        '<image href="https://evil.example/track.png" width="1" height="1"/>',
        '<use xlink:href="https://evil.example/sprite.svg#a"/>',
        '<rect width="5" height="5" fill="url(https://evil.example/x)"/>',
        '<rect width="5" height="5" style="fill:url(&quot;https://evil.example/x&quot;)"/>',
        "<style>@import url(https://evil.example/x.css);</style>",
        '<a href="javascript:alert(1)"><rect width="5" height="5"/></a>',
    ],
)
def test_scripts_handlers_and_outside_references_are_removed(attack):
    result = clean('<rect width="30" height="20" fill="#003399"/>' + attack).lower()
    for forbidden in (
        "script",
        "onclick",
        "foreignobject",
        "evil.example",
        "@import",
        "javascript",
    ):
        assert forbidden not in result
    assert 'fill="#003399"' in result  # the drawing itself survives


def test_the_drawing_keeps_its_shapes_gradients_and_local_references():
    result = clean(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fc0"/></linearGradient>'
        '<symbol id="star"><path d="M0 0L1 1"/></symbol></defs>'
        '<rect width="30" height="20" fill="url(#g)"/><use href="#star" x="3"/>'
        "<text x='1' y='9'>Interreg <tspan>Europe</tspan> &amp; co</text>"
    )
    tree = fromstring(result.encode())
    assert tree.tag == "{http://www.w3.org/2000/svg}svg"
    assert 'fill="url(#g)"' in result and 'href="#star"' in result
    assert "Interreg" in result and "Europe" in result and "&amp; co" in result


@pytest.mark.parametrize(
    "data",
    [
        b"not xml at all",
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
        b"<html><body>hello</body></html>",
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b"<svg xmlns='http://www.w3.org/2000/svg'><text>&lol2;</text></svg>",
        b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<svg xmlns='http://www.w3.org/2000/svg'><text>&x;</text></svg>",
    ],
)
def test_broken_or_hostile_files_are_refused_with_a_message(data):
    with pytest.raises(ValidationError) as error:
        sanitize_svg(data)
    assert error.value.messages == [str(SVG_NOT_READABLE)]
