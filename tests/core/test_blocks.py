import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from portal.core.blocks import (
    CTA_LINK_BOTH,
    CTA_LINK_MISSING,
    EMBED_URL_UNSUPPORTED,
    CallToActionBlock,
    EmbedBlock,
    embed_player_url,
)


@pytest.mark.parametrize(
    ("url", "player"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://example.org/video", None),
        ("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com/watch?v=%22onload%3D", None),
    ],
)
def test_embed_player_url(url, player):
    assert embed_player_url(url) == player


def test_embed_block_refuses_unsupported_hosts_with_a_message():
    block = EmbedBlock()
    value = block.to_python({"url": "https://example.org/clip.mp4", "title": "Clip"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert str(EMBED_URL_UNSUPPORTED) in str(error.value.block_errors["url"])


@pytest.mark.django_db
def test_call_to_action_needs_exactly_one_link(home):
    block = CallToActionBlock()
    base = {"title": "Join", "text": "", "button_label": "Go"}
    with pytest.raises(StructBlockValidationError) as missing:
        block.clean(block.to_python({**base, "page": None, "url": ""}))
    assert str(CTA_LINK_MISSING) in str(missing.value.block_errors["page"])
    with pytest.raises(StructBlockValidationError) as both:
        block.clean(block.to_python({**base, "page": home.pk, "url": "https://example.org"}))
    assert str(CTA_LINK_BOTH) in str(both.value.block_errors["url"])
    assert block.clean(block.to_python({**base, "page": home.pk, "url": ""}))["page"].pk == home.pk
