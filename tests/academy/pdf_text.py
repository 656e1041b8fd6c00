"""Read the text back from a certificate PDF drawn by ReportLab, without a PDF library: the
embedded fonts are subsets whose ToUnicode maps turn the drawn codes back into characters."""

import base64
import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"/Length (\d+).*?stream\r?\n", re.S)
_FONT_REF = re.compile(rb"/(F\d+\+\d+) (\d+) 0 R")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_TEXT = re.compile(rb"/(F\d+\+\d+) [\d.]+ Tf|\((?P<text>(?:\\.|[^\\)])*)\) Tj", re.S)


def _stream(body: bytes) -> bytes:
    match = _STREAM.search(body)
    if not match:
        return b""
    data = body[match.end() : match.end() + int(match.group(1))]
    if b"/ASCII85Decode" in body:
        data = base64.a85decode(data.strip().removesuffix(b"~>"))
    return zlib.decompress(data) if b"/FlateDecode" in body else data


def _unescape(text: bytes) -> bytes:
    out, index = bytearray(), 0
    while index < len(text):
        char = text[index]
        if char == 0x5C:  # backslash
            following = text[index + 1 : index + 2]
            octal = re.match(rb"[0-7]{1,3}", text[index + 1 : index + 4])
            if octal:
                out.append(int(octal.group(0), 8))
                index += 1 + len(octal.group(0))
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(following, following)
            index += 2
            continue
        out.append(char)
        index += 1
    return bytes(out)


def pdf_text(pdf: bytes) -> str:
    """The strings drawn on the PDF's pages, one line per drawing call."""
    objects = {int(number): body for number, body in _OBJECT.findall(pdf)}
    cmaps = {}
    for body in objects.values():
        for font_name, font_number in _FONT_REF.findall(body):
            font = objects.get(int(font_number), b"")
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font)
            if to_unicode:
                cmap = _stream(objects[int(to_unicode.group(1))])
                cmaps[font_name] = {
                    int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                    for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S)
                    for code, text in _BFCHAR.findall(section)
                }
    lines = []
    for body in objects.values():
        if b"/FontFile" in body or b"/ToUnicode" in body or b"stream" not in body:
            continue
        try:
            content = _stream(body)
        except zlib.error:
            continue
        font = None
        for match in _TEXT.finditer(content):
            if match.group(1):
                font = match.group(1)
            elif font in cmaps:
                raw = _unescape(match.group("text"))
                lines.append("".join(cmaps[font].get(code, "?") for code in raw))
    return "\n".join(lines)
