"""Makes the demo template and video files in this folder. Not used at run time: the files are
committed, so the demo needs none of these libraries. To make them again:

    python -m venv /tmp/demo-files && /tmp/demo-files/bin/pip install av python-pptx python-docx
    /tmp/demo-files/bin/python brand/demo_files/generate.py
"""

import math
from pathlib import Path

import av
from docx import Document
from docx.shared import Pt, RGBColor
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor as SlideColour
from pptx.util import Inches
from pptx.util import Pt as SlidePt

HERE = Path(__file__).resolve().parent
BLUE = (0x00, 0x33, 0x99)
YELLOW = (0xFF, 0xCC, 0x00)


def presentation() -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title_slide = deck.slides.add_slide(deck.slide_layouts[0])
    title_slide.shapes.title.text = "Interreg"
    title_slide.placeholders[1].text = "Programme name · Presentation title"
    for paragraph in title_slide.shapes.title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = SlideColour(*BLUE)
            run.font.size = SlidePt(60)
            run.font.bold = True
    content = deck.slides.add_slide(deck.slide_layouts[1])
    content.shapes.title.text = "Slide title"
    body = content.placeholders[1].text_frame
    body.text = "Key message in one line"
    for line in ("Supporting point", "Supporting point", "Co-funded by the European Union"):
        body.add_paragraph().text = line
    deck.save(HERE / "interreg-presentation-16x9.pptx")


def letterhead() -> None:
    document = Document()
    header = document.sections[0].header.paragraphs[0]
    run = header.add_run("Interreg  ·  Programme name")
    run.font.bold = True
    run.font.size = Pt(16)
    run.font.color.rgb = RGBColor(*BLUE)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("Co-funded by the European Union").font.size = Pt(9)
    document.add_paragraph("Recipient name\nOrganisation\nAddress")
    document.add_paragraph("Subject: …").runs[0].font.bold = True
    document.add_paragraph("Dear …,")
    document.add_paragraph("Letter text.")
    document.save(HERE / "interreg-letterhead-a4.docx")


def teaser_video() -> None:
    """Four seconds: the twelve stars appear one by one on the blue field."""
    width, height, rate, seconds = 640, 360, 25, 4
    container = av.open(str(HERE / "cooperation-day-teaser.mp4"), mode="w")
    stream = container.add_stream("libx264", rate=rate)
    stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
    centre, ring = (width / 2, height / 2), height / 3
    for frame_number in range(rate * seconds):
        image = Image.new("RGB", (width, height), BLUE)
        draw = ImageDraw.Draw(image)
        shown = min(12, frame_number * 12 // (rate * 3) + 1)
        for hour in range(shown):
            x = centre[0] + ring * math.sin(math.radians(30 * hour))
            y = centre[1] - ring * math.cos(math.radians(30 * hour))
            points = []
            for corner in range(10):
                radius = height / 18 if corner % 2 == 0 else height / 18 * 0.382
                angle = math.radians(36 * corner)
                points.append((x + radius * math.sin(angle), y - radius * math.cos(angle)))
            draw.polygon(points, fill=YELLOW)
        for packet in stream.encode(av.VideoFrame.from_image(image)):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()


if __name__ == "__main__":
    presentation()
    letterhead()
    teaser_video()
