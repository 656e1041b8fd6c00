"""The certificate as an A4 landscape PDF, drawn with ReportLab (no system libraries).

Everything a learner or editor typed is drawn as text, never interpreted as markup. DejaVu
Sans is embedded (subset) so names in every EU alphabet print correctly.
"""

import io
import logging
import math
from pathlib import Path

import segno
from django.core.cache import cache
from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

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
    key = f"certificate-pdf:{certificate.code}:{certificate.revoked_at}:{template_version}"
    try:
        cached = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable; drawing the certificate afresh", exc_info=True)
        cached = None
    if cached is not None:
        return cached
    pdf = render_certificate_pdf(certificate=certificate, template=template, verify_url=verify_url)
    try:
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    except Exception:
        logger.warning("Cache unavailable; certificate PDF not stored", exc_info=True)
    return pdf


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


def render_certificate_pdf(*, certificate, template, verify_url: str) -> bytes:
    _register_fonts()
    buffer = io.BytesIO()
    page_width, page_height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(page_width, page_height), pageCompression=1)
    canvas.setTitle(f"{template.heading} — {certificate.title}")
    canvas.setAuthor(template.issuer_name)
    canvas.setSubject(certificate.holder_name)
    primary, accent = HexColor(template.primary_colour), HexColor(template.accent_colour)
    margin = 36

    # Brand band across the top, accent rule beneath it.
    band_height = 78
    canvas.setFillColor(primary)
    canvas.rect(0, page_height - band_height, page_width, band_height, stroke=0, fill=1)
    canvas.setFillColor(accent)
    canvas.rect(0, page_height - band_height - 6, page_width, 6, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(BOLD, 22)
    canvas.drawString(margin, page_height - 48, "Interreg")
    canvas.setFont(REGULAR, 12)
    canvas.drawString(margin + 112, page_height - 47, template.issuer_name)
    emblem_width = 54
    _draw_eu_emblem(canvas, page_width - margin - emblem_width, page_height - 64, emblem_width)
    canvas.setFont(REGULAR, 9)
    canvas.drawRightString(
        page_width - margin - emblem_width - 8,
        page_height - 44,
        _("Co-funded by the European Union"),
    )
    if template.logo_id:
        try:
            with template.logo.open_file() as logo_file:
                reader = ImageReader(io.BytesIO(logo_file.read()))
            logo_width, logo_height = reader.getSize()
            scale = min(140 / logo_width, 44 / logo_height)
            canvas.drawImage(
                reader,
                margin,
                page_height - band_height - 60,
                logo_width * scale,
                logo_height * scale,
                mask="auto",
            )
        except Exception:
            logger.warning("Certificate logo could not be drawn", exc_info=True)

    centre = page_width / 2
    text_width = page_width - 2 * margin - 40
    ink = HexColor("#1a1a2e")
    canvas.setFillColor(primary)
    canvas.setFont(BOLD, 34)
    canvas.drawCentredString(centre, page_height - 150, template.heading)
    canvas.setFillColor(ink)
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, page_height - 180, _("This certifies that"))
    y = _centred_lines(
        canvas, certificate.holder_name, BOLD, 26, page_height - 215, text_width, centre, 30
    )
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, y - 2, template.statement)
    y = _centred_lines(canvas, certificate.title, BOLD, 18, y - 30, text_width, centre, 22)
    details = _("Completed on %(date)s") % {
        "date": formats.date_format(certificate.completed_on, "DATE_FORMAT")
    }
    if certificate.effort_hours:
        details += " · " + _("%(hours)s hours of learning") % {
            "hours": formats.number_format(certificate.effort_hours, decimal_pos=None)
        }
    canvas.setFont(REGULAR, 11)
    canvas.drawCentredString(centre, y - 4, details)
    y -= 30

    outcomes = list(certificate.learning_outcomes)[:MAX_OUTCOMES]
    if outcomes:
        canvas.setFont(BOLD, 10)
        canvas.drawString(margin + 20, y, _("Learning outcomes"))
        y -= 14
        for outcome in outcomes:
            for index, line in enumerate(simpleSplit(outcome, REGULAR, 9, 470)):
                canvas.setFont(REGULAR, 9)
                canvas.drawString(margin + 20, y, ("•  " if index == 0 else "    ") + line)
                y -= 11
            if y < 120:
                break

    # Signature, bottom left.
    canvas.setStrokeColor(ink)
    canvas.setLineWidth(0.6)
    canvas.line(margin + 20, 88, margin + 230, 88)
    canvas.setFont(BOLD, 10)
    canvas.drawString(margin + 20, 74, certificate.signatory_name or template.issuer_name)
    canvas.setFont(REGULAR, 9)
    if certificate.signatory_title:
        canvas.drawString(margin + 20, 62, certificate.signatory_title[:90])

    # Verification, bottom right.
    qr_size = 82
    qr_x = page_width - margin - qr_size - 10
    _draw_qr(canvas, verify_url, qr_x, 52, qr_size)
    canvas.setFillColor(ink)
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(qr_x - 10, 112, _("Check this certificate:"))
    canvas.drawRightString(qr_x - 10, 100, verify_url)
    canvas.setFont(BOLD, 9)
    canvas.drawRightString(qr_x - 10, 86, _("Code %(code)s") % {"code": certificate.code})

    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(HexColor("#555566"))
    canvas.drawCentredString(centre, 24, template.footer[:160])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
