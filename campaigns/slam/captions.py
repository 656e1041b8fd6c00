"""Caption files for uploaded Slam films, checked by what they hold: WebVTT text that a browser
will show, cue by cue, or a message that says which line to correct."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CAPTIONS_MAX_BYTES = 500 * 1024
CAPTIONS_WRONG_EXTENSION = _("Captions must be a WebVTT file whose name ends in .vtt.")
CAPTIONS_TOO_LARGE = _("The caption file may be at most 500 KB.")
CAPTIONS_NOT_TEXT = _("The caption file must be plain text in UTF-8.")
CAPTIONS_NO_HEADER = _("A WebVTT caption file starts with the line “WEBVTT”; this one does not.")
CAPTIONS_NO_CUES = _(
    "The caption file holds no captions: add at least one cue, a timing line such as "
    "“00:00:01.000 --> 00:00:04.000” followed by the words."
)
CAPTIONS_BAD_TIMING = _(
    "Line %(line)s: “%(text)s” is not a cue timing such as “00:00:01.000 --> 00:00:04.000”."
)
CAPTIONS_ENDS_BEFORE_START = _("Line %(line)s: the cue ends before it starts.")
CAPTIONS_EMPTY_CUE = _("Line %(line)s: the cue has no text.")
CAPTIONS_ARROW_IN_TEXT = _("Line %(line)s: a caption's text may not contain “-->”.")

# Hours are optional; minutes and seconds have two digits, milliseconds three.
_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t].*)?")
_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
_SHOWN_LENGTH = 40


def _milliseconds(hours, minutes, seconds, thousandths) -> int:
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(thousandths)


def _shown(line: str) -> str:
    return line if len(line) <= _SHOWN_LENGTH else line[: _SHOWN_LENGTH - 1] + "…"


def _blocks(lines: list[str]):
    """(number of the block's first line, its lines) for each run of non-blank lines."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _check_cue(start: int, block: list[str]) -> None:
    timing_index = 0 if "-->" in block[0] else 1  # an identifier may come first
    if timing_index >= len(block):
        raise ValidationError(
            CAPTIONS_BAD_TIMING, code="timing", params={"line": start, "text": _shown(block[0])}
        )
    line = start + timing_index
    timing = _TIMING.fullmatch(block[timing_index])
    if timing is None:
        raise ValidationError(
            CAPTIONS_BAD_TIMING,
            code="timing",
            params={"line": line, "text": _shown(block[timing_index])},
        )
    begins = _milliseconds(*timing.groups()[0:4])
    ends = _milliseconds(*timing.groups()[4:8])
    if ends <= begins:
        raise ValidationError(CAPTIONS_ENDS_BEFORE_START, code="order", params={"line": line})
    text = block[timing_index + 1 :]
    if not text:
        raise ValidationError(CAPTIONS_EMPTY_CUE, code="empty", params={"line": line})
    for offset, words in enumerate(text, start=line + 1):
        if "-->" in words:
            raise ValidationError(CAPTIONS_ARROW_IN_TEXT, code="arrow", params={"line": offset})


def captions_check(uploaded) -> int:
    """Raise a ValidationError that names the problem unless `uploaded` is a WebVTT file with
    at least one well-formed cue; returns the number of cues."""
    if not uploaded.name.lower().endswith(".vtt"):
        raise ValidationError(CAPTIONS_WRONG_EXTENSION, code="wrong_type")
    if uploaded.size > CAPTIONS_MAX_BYTES:
        raise ValidationError(CAPTIONS_TOO_LARGE, code="too_large")
    uploaded.seek(0)
    content = uploaded.read(CAPTIONS_MAX_BYTES + 1)
    uploaded.seek(0)
    if len(content) > CAPTIONS_MAX_BYTES:
        raise ValidationError(CAPTIONS_TOO_LARGE, code="too_large")
    try:
        text = content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ValidationError(CAPTIONS_NOT_TEXT, code="not_text") from None
    if "\x00" in text:
        raise ValidationError(CAPTIONS_NOT_TEXT, code="not_text")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _HEADER.fullmatch(lines[0]):
        raise ValidationError(CAPTIONS_NO_HEADER, code="no_header")
    cues = 0
    for start, block in _blocks(lines):
        if start == 1 or _SKIPPED_BLOCK.fullmatch(block[0]):
            continue  # the header with its metadata; comments, styles and regions
        _check_cue(start, block)
        cues += 1
    if not cues:
        raise ValidationError(CAPTIONS_NO_CUES, code="no_cues")
    return cues
