"""StreamField blocks of the brand book: colour swatches and do / don't examples."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from portal.core.blocks import BodyBlock

HEX_INVALID = _("Give the colour as # and six hexadecimal digits, for example #003399.")
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class ColourValue(blocks.StructValue):
    def rgb(self) -> str:
        hex_value = self.get("hex", "").lstrip("#")
        if len(hex_value) != 6:
            return ""
        return " / ".join(str(int(hex_value[index : index + 2], 16)) for index in (0, 2, 4))


class ColourBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=60)
    hex = blocks.CharBlock(max_length=7, help_text=_("For example #003399."))
    cmyk = blocks.CharBlock(max_length=40, help_text=_("For example 100 / 80 / 0 / 0."))
    pantone = blocks.CharBlock(max_length=60, required=False)
    usage = blocks.CharBlock(max_length=200, required=False)

    def clean(self, value):
        value = super().clean(value)
        if not HEX_COLOUR.fullmatch(value["hex"]):
            raise StructBlockValidationError(block_errors={"hex": ValidationError(HEX_INVALID)})
        value["hex"] = value["hex"].upper()
        return value

    class Meta:
        value_class = ColourValue


class ColourPaletteBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    colours = blocks.ListBlock(ColourBlock())

    class Meta:
        icon = "palette"
        template = "brand/blocks/colour_palette.html"


class ExampleBlock(blocks.StructBlock):
    image = ImageBlock()
    verdict = blocks.ChoiceBlock(choices=[("do", _("Do")), ("dont", _("Don’t"))])  # noqa: RUF001
    explanation = blocks.CharBlock(max_length=250)


class DoDontBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    examples = blocks.ListBlock(ExampleBlock())

    class Meta:
        icon = "tick-inverse"
        template = "brand/blocks/do_dont.html"


class BrandBookBlock(BodyBlock):
    colour_palette = ColourPaletteBlock()
    do_dont = DoDontBlock()
