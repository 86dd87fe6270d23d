"""The certificate as a PDF (fpdf2 with a DejaVu TrueType font, which has every Vietnamese letter),
with a QR code that leads to the public verification page.

Certificates are drawn when asked for, never stored: the decision and the certificate's row hold
all they show, and an anonymised holder's certificate then shows the anonymised name.
"""

import io
import unicodedata
from pathlib import Path

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .emails import verify_url

FONTS = {
    ("serif", ""): "DejaVuSerif.ttf",
    ("serif", "B"): "DejaVuSerif-Bold.ttf",
    ("serif", "I"): "DejaVuSerif-Italic.ttf",
    ("sans", ""): "DejaVuSans.ttf",
    ("sans", "B"): "DejaVuSans-Bold.ttf",
}
RED = (160, 20, 20)
DARK = (20, 20, 20)


def _font_dir():
    folder = Path(settings.EVALUATION_CERTIFICATE_FONT_DIR)
    missing = [name for name in FONTS.values() if not (folder / name).exists()]
    if missing:
        raise ImproperlyConfigured(
            f"Certificates need the DejaVu fonts in {folder} (Debian: apt-get install fonts-dejavu-core); "
            f"missing: {', '.join(missing)}. Set EVALUATION_CERTIFICATE_FONT_DIR to where they are."
        )
    return folder


def _text(value):
    # NFC only: official spelling ("Cộng hòa", "Ủy ban") is printed exactly as written.
    return unicodedata.normalize("NFC", str(value))


def _area_line(area):
    names = []
    while area is not None:
        names.append(area.name)
        area = area.parent
    return ", ".join(names)


def _date_line(place, day):
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def qr_png(certificate):
    buffer = io.BytesIO()
    segno.make(verify_url(certificate), error="m").save(buffer, kind="png", scale=6, border=1)
    buffer.seek(0)
    return buffer


class _Certificate(FPDF):
    def line_of(self, text, family, style, size, *, height=None, colour=DARK, x=None, width=0):
        self.set_font(family, style, size)
        self.set_text_color(*colour)
        if x is not None:
            self.set_x(x)
        self.multi_cell(width, height or size * 0.5, _text(text), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def certificate_pdf(certificate):
    """The PDF bytes of one certificate, in Vietnamese (the language of official documents)."""
    folder = _font_dir()
    assessment, decision = certificate.assessment, certificate.decision
    with translation.override("vi"):
        title = assessment.get_title_display()
    pdf = _Certificate(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(22, 18, 22)
    for (family, style), name in FONTS.items():
        pdf.add_font(family, style, str(folder / name))
    pdf.set_lang("vi")
    pdf.set_title(_text(f"Giấy chứng nhận {title} {assessment.year} – {certificate.holder_name}"))
    pdf.set_creator("Cổng thông tin xã hội học tập")
    pdf.add_page()

    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.6)
    pdf.rect(8, 8, 281, 194)
    pdf.set_line_width(0.4)
    pdf.rect(11, 11, 275, 188)

    top = 18
    pdf.set_y(top)
    pdf.line_of(decision.issuing_body.upper(), "serif", "B", 11, x=18, width=120, height=5.5)
    pdf.set_y(top)
    pdf.line_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "serif", "B", 11, x=150, width=130, height=5.5)
    pdf.line_of("Độc lập – Tự do – Hạnh phúc", "serif", "B", 11, x=150, width=130, height=5.5)

    pdf.set_y(48)
    pdf.line_of("GIẤY CHỨNG NHẬN", "serif", "B", 30, colour=RED, height=14)
    pdf.line_of(f"Danh hiệu “{title}” năm {assessment.year}", "serif", "B", 17, height=10)
    pdf.ln(4)
    pdf.line_of("Chứng nhận", "serif", "I", 13, height=7)
    pdf.line_of(certificate.holder_name, "serif", "B", 24, colour=RED, height=12)
    pdf.line_of(_area_line(assessment.area), "serif", "", 12, height=7)
    pdf.ln(2)
    pdf.line_of(
        f"Đạt danh hiệu “{title}” năm {assessment.year} theo Quyết định số {decision.number} "
        f"ngày {decision.signed_on:%d/%m/%Y} của {decision.issuing_body}.",
        "serif",
        "",
        13,
        height=7,
        x=40,
        width=217,
    )

    pdf.set_y(150)
    place = decision.area.name
    pdf.line_of(_date_line(place, decision.signed_on), "serif", "I", 11, x=160, width=120, height=6)
    if decision.signer_position:
        pdf.line_of(decision.signer_position.upper(), "serif", "B", 12, x=160, width=120, height=6)
    pdf.set_y(186)
    pdf.line_of(decision.signer_name, "serif", "B", 13, x=160, width=120, height=6)

    pdf.image(qr_png(certificate), x=20, y=150, w=32, h=32)
    pdf.set_xy(55, 156)
    pdf.set_font("sans", "", 9)
    pdf.set_text_color(*DARK)
    pdf.multi_cell(
        95,
        4.5,
        _text(f"Mã xác minh: {certificate.display_code}\nQuét mã QR hoặc mở:\n{verify_url(certificate)}"),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    if assessment.criteria.get("is_sample"):
        pdf.set_xy(20, 192)
        pdf.set_font("sans", "", 8)
        pdf.cell(0, 4, _text("Đánh giá theo bộ tiêu chí mẫu của bản trình diễn: không có giá trị pháp lý."))
    return bytes(pdf.output())
