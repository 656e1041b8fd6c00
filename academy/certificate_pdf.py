"""The certificate as an A4 landscape PDF, drawn with ReportLab (no system libraries).

Everything a learner or editor typed is drawn as text, never interpreted as markup. DejaVu
Sans is embedded (subset) so names in every EU alphabet print correctly.
"""

import io
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import segno
from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from portal.core.cache import cached_value

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "PortalSans", "PortalSans-Bold"
PDF_CACHE_SECONDS = 60 * 60 * 24 * 7
MAX_OUTCOMES = 6
logger = logging.getLogger(__name__)

_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    if not _fonts_registered:
        pdfmetrics.registerFont(TTFont(REGULAR, FONT_DIR / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, FONT_DIR / "DejaVuSans-Bold.ttf"))
        _fonts_registered = True


def certificate_pdf(*, certificate, template, verify_url: str) -> bytes:
    """The PDF bytes, cached until the certificate or the template changes."""
    template_version = template.updated_at.timestamp() if template.updated_at else 0
    return cached_value(
        ("certificate-pdf", certificate.code, certificate.revoked_at, template_version),
        lambda: render_certificate_pdf(
            certificate=certificate, template=template, verify_url=verify_url
        ),
        PDF_CACHE_SECONDS,
    )


def _draw_eu_emblem(canvas: Canvas, x: float, y: float, width: float) -> None:
    """The EU flag: twelve gold stars in a circle on blue, 3:2."""
    height = width * 2 / 3
    canvas.setFillColor(HexColor("#003399"))
    canvas.rect(x, y, width, height, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#FFCC00"))
    centre_x, centre_y, radius = x + width / 2, y + height / 2, height / 3
    star = height / 18
    for index in range(12):
        angle = math.radians(90 - index * 30)
        _draw_star(
            canvas, centre_x + radius * math.cos(angle), centre_y + radius * math.sin(angle), star
        )


def _draw_star(canvas: Canvas, cx: float, cy: float, outer: float) -> None:
    inner = outer * 0.382
    path = canvas.beginPath()
    for point in range(10):
        radius = outer if point % 2 == 0 else inner
        angle = math.radians(90 + point * 36)
        px, py = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        if point == 0:
            path.moveTo(px, py)
        else:
            path.lineTo(px, py)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    qr = segno.make(data, error="m")
    matrix = qr.matrix
    modules = len(matrix)
    cell = size / modules
    canvas.setFillColor(white)
    canvas.rect(x - cell * 2, y - cell * 2, size + cell * 4, size + cell * 4, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#000000"))
    for row_index, row in enumerate(matrix):
        for column_index, dark in enumerate(row):
            if dark:
                canvas.rect(
                    x + column_index * cell,
                    y + size - (row_index + 1) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )


def _centred_lines(canvas, text, font, size, y, width, centre, leading):
    for line in simpleSplit(text, font, size, width):
        canvas.setFont(font, size)
        canvas.drawCentredString(centre, y, line)
        y -= leading
    return y


@dataclass
class _Sheet:
    """The landscape A4 page being drawn, with the template's colours."""

    canvas: Canvas
    width: float
    height: float
    primary: HexColor
    accent: HexColor
    margin: float = 36
    ink: HexColor = field(default_factory=lambda: HexColor("#1a1a2e"))

    @property
    def centre(self) -> float:
        return self.width / 2

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin - 40


def render_certificate_pdf(*, certificate, template, verify_url: str) -> bytes:
    _register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(f"{template.heading} — {certificate.title}")
    canvas.setAuthor(template.issuer_name)
    canvas.setSubject(certificate.holder_name)
    sheet = _Sheet(
        canvas=canvas,
        width=width,
        height=height,
        primary=HexColor(template.primary_colour),
        accent=HexColor(template.accent_colour),
    )
    _draw_brand_band(sheet, template)
    _draw_template_logo(sheet, template)
    below_statement = _draw_statement(sheet, certificate, template)
    _draw_learning_outcomes(sheet, certificate, top=below_statement)
    _draw_signature(sheet, certificate, template)
    _draw_verification(sheet, certificate, verify_url)
    _draw_footer(sheet, template)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


BAND_HEIGHT = 78


def _draw_brand_band(sheet: _Sheet, template) -> None:
    """The brand band across the top with the issuer and the EU emblem, an accent rule below."""
    canvas, width, height, margin = sheet.canvas, sheet.width, sheet.height, sheet.margin
    canvas.setFillColor(sheet.primary)
    canvas.rect(0, height - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(sheet.accent)
    canvas.rect(0, height - BAND_HEIGHT - 6, width, 6, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(BOLD, 22)
    canvas.drawString(margin, height - 48, "Interreg")
    canvas.setFont(REGULAR, 12)
    canvas.drawString(margin + 112, height - 47, template.issuer_name)
    emblem_width = 54
    _draw_eu_emblem(canvas, width - margin - emblem_width, height - 64, emblem_width)
    canvas.setFont(REGULAR, 9)
    canvas.drawRightString(
        width - margin - emblem_width - 8, height - 44, _("Co-funded by the European Union")
    )


def _draw_template_logo(sheet: _Sheet, template) -> None:
    """The template's own logo under the band, fitted into 140 by 44 points; a logo that cannot
    be read is left out rather than failing the certificate."""
    if not template.logo_id:
        return
    try:
        with template.logo.open_file() as logo_file:
            reader = ImageReader(io.BytesIO(logo_file.read()))
        logo_width, logo_height = reader.getSize()
        scale = min(140 / logo_width, 44 / logo_height)
        sheet.canvas.drawImage(
            reader,
            sheet.margin,
            sheet.height - BAND_HEIGHT - 60,
            logo_width * scale,
            logo_height * scale,
            mask="auto",
        )
    except Exception:  # a damaged or unsupported image file: Pillow and ReportLab raise many kinds
        logger.warning("Certificate logo could not be drawn", exc_info=True)


def _draw_statement(sheet: _Sheet, certificate, template) -> float:
    """Heading, holder, statement, achievement and details, centred; returns the height
    below them."""
    canvas, centre, height = sheet.canvas, sheet.centre, sheet.height
    canvas.setFillColor(sheet.primary)
    canvas.setFont(BOLD, 34)
    canvas.drawCentredString(centre, height - 150, template.heading)
    canvas.setFillColor(sheet.ink)
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, height - 180, _("This certifies that"))
    y = _centred_lines(
        canvas, certificate.holder_name, BOLD, 26, height - 215, sheet.text_width, centre, 30
    )
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, y - 2, template.statement)
    y = _centred_lines(canvas, certificate.title, BOLD, 18, y - 30, sheet.text_width, centre, 22)
    canvas.setFont(REGULAR, 11)
    canvas.drawCentredString(centre, y - 4, _details(certificate))
    return y - 30


def _details(certificate) -> str:
    details = _("Completed on %(date)s") % {
        "date": formats.date_format(certificate.completed_on, "DATE_FORMAT")
    }
    if certificate.effort_hours:
        details += " · " + _("%(hours)s hours of learning") % {
            "hours": formats.number_format(certificate.effort_hours, decimal_pos=None)
        }
    return details


def _draw_learning_outcomes(sheet: _Sheet, certificate, *, top: float) -> None:
    """Up to MAX_OUTCOMES outcomes as a list, stopping before the signature's space."""
    outcomes = list(certificate.learning_outcomes)[:MAX_OUTCOMES]
    if not outcomes:
        return
    canvas, left, y = sheet.canvas, sheet.margin + 20, top
    canvas.setFont(BOLD, 10)
    canvas.drawString(left, y, _("Learning outcomes"))
    y -= 14
    for outcome in outcomes:
        for index, line in enumerate(simpleSplit(outcome, REGULAR, 9, 470)):
            canvas.setFont(REGULAR, 9)
            canvas.drawString(left, y, ("•  " if index == 0 else "    ") + line)
            y -= 11
        if y < 120:
            break


def _draw_signature(sheet: _Sheet, certificate, template) -> None:
    """The signatory's line, name and title, bottom left."""
    canvas, left = sheet.canvas, sheet.margin + 20
    canvas.setStrokeColor(sheet.ink)
    canvas.setLineWidth(0.6)
    canvas.line(left, 88, sheet.margin + 230, 88)
    canvas.setFont(BOLD, 10)
    canvas.drawString(left, 74, certificate.signatory_name or template.issuer_name)
    canvas.setFont(REGULAR, 9)
    if certificate.signatory_title:
        canvas.drawString(left, 62, certificate.signatory_title[:90])


def _draw_verification(sheet: _Sheet, certificate, verify_url: str) -> None:
    """The QR code of the check page, its address and the code, bottom right."""
    canvas, qr_size = sheet.canvas, 82
    qr_x = sheet.width - sheet.margin - qr_size - 10
    _draw_qr(canvas, verify_url, qr_x, 52, qr_size)
    canvas.setFillColor(sheet.ink)
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(qr_x - 10, 112, _("Check this certificate:"))
    canvas.drawRightString(qr_x - 10, 100, verify_url)
    canvas.setFont(BOLD, 9)
    canvas.drawRightString(qr_x - 10, 86, _("Code %(code)s") % {"code": certificate.code})


def _draw_footer(sheet: _Sheet, template) -> None:
    sheet.canvas.setFont(REGULAR, 8)
    sheet.canvas.setFillColor(HexColor("#555566"))
    sheet.canvas.drawCentredString(sheet.centre, 24, template.footer[:160])
