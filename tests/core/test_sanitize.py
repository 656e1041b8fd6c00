import pytest

from portal.core.sanitize import sanitize_html

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    "<<script>script>alert(1)<</script>/script>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitize_html_removes_executable_markup(payload):
    cleaned = sanitize_html(payload).lower()
    for dangerous in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<svg",
        "style=",
        "data:",
    ):
        assert dangerous not in cleaned


def test_sanitize_html_keeps_formatting_and_hardens_links():
    cleaned = sanitize_html('<p><strong>Hello</strong> <a href="https://example.org">site</a></p>')
    assert "<strong>Hello</strong>" in cleaned
    assert 'href="https://example.org"' in cleaned
    assert 'rel="nofollow ugc noopener noreferrer"' in cleaned


def test_sanitize_html_links_bare_addresses_and_handles_empty_input():
    assert 'href="https://example.org"' in sanitize_html("<p>see https://example.org</p>")
    assert sanitize_html("") == ""
    assert sanitize_html(None) == ""
