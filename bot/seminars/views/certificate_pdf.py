"""A certificate of attendance as a one-page PDF: landscape A4, in the attendee's language.

The fonts are DejaVu Sans from matplotlib's own data, so Kyrgyz letters (ө ү ң) print on any
server without system fonts. A long name or title wraps onto more lines and the block stays
centred; nothing is cut. The file's dates are the issue date, so the same certificate is the
same file however often it is made.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from bot.core.fonts import dejavu
from bot.core.texts import text_for
from bot.i18n import Translator
from bot.seminars.service.certificates import Certificate, shown

FONT = "DejaVu"
INK = (33, 37, 41)
MUTED = (96, 103, 112)
ACCENT = (22, 78, 99)
GOLD = (176, 141, 87)
WIDTH, HEIGHT = 297.0, 210.0
TEXT_WIDTH = 230.0
TOP, BOTTOM = 62.0, 166.0
"""The band the name and the seminar are centred in, between the heading and the footer."""


@dataclass(frozen=True)
class Block:
    """One centred paragraph of the middle band: its text, size, weight, colour, line height
    and the space before it."""

    text: str
    size: float
    bold: bool = False
    colour: tuple[int, int, int] = INK
    line: float = 0.0
    before: float = 0.0

    @property
    def line_height(self) -> float:
        return self.line or self.size * 0.48


def filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.seminar.id}-{certificate.code}.pdf"


def organisations(tr: Translator, certificate: Certificate) -> str:
    """The implementing organisations; the programme's name when none is known."""
    if certificate.organisations:
        return " · ".join(p.strip() for p in certificate.organisations.split(",") if p.strip())
    return certificate.programme.name(tr.lang) if certificate.programme else ""


def render(tr: Translator, certificate: Certificate, bot_username: str | None) -> bytes:
    pdf = _page(tr, certificate)
    _frame(pdf)
    _heading(pdf, tr, certificate)
    _middle(pdf, tr, certificate)
    _footer(pdf, tr, certificate, bot_username)
    return bytes(pdf.output())


def _page(tr: Translator, certificate: Certificate) -> FPDF:
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    regular, bold = dejavu()
    pdf.add_font(FONT, "", regular)
    pdf.add_font(FONT, "B", bold)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_creation_date(certificate.issued_at)
    pdf.set_title(tr._("Certificate of attendance"))
    pdf.set_author(organisations(tr, certificate))
    pdf.set_lang(tr.lang)
    pdf.add_page()
    return pdf


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, WIDTH - 20, HEIGHT - 20)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, WIDTH - 28, HEIGHT - 28)


def _centred(pdf: FPDF, y: float, text: str, size: float, bold: bool = False,
             colour: tuple[int, int, int] = INK, spacing: float = 0.0) -> None:  # fmt: skip
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.set_char_spacing(spacing)
    pdf.set_xy((WIDTH - TEXT_WIDTH) / 2, y)
    pdf.multi_cell(TEXT_WIDTH, size * 0.45, text, align=Align.C,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_char_spacing(0)


def _heading(pdf: FPDF, tr: Translator, certificate: Certificate) -> None:
    _ = tr._
    _centred(pdf, 24, organisations(tr, certificate), 11, colour=MUTED)
    _centred(pdf, 34, _("CERTIFICATE"), 34, bold=True, colour=ACCENT, spacing=3)
    _centred(pdf, 50, _("of attendance"), 13, colour=MUTED)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.5)
    pdf.line(WIDTH / 2 - 25, 60, WIDTH / 2 + 25, 60)


SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
"""How far the name and the title shrink, step by step, when they would not fit the band."""


def _blocks(tr: Translator, certificate: Certificate, scale: float) -> list[Block]:
    _ = tr._
    s = certificate.seminar
    title = text_for(tr.lang, s.title_ky, s.title_ru)
    first, last = s.starts_at.astimezone(tr.tz).date(), s.ends_at.astimezone(tr.tz).date()
    return [
        Block(tr.pgettext("certificate", "This certifies that"), 13, colour=MUTED),
        Block(certificate.attendee.full_name, 30 * scale, bold=True, line=13 * scale, before=4),
        Block(tr.pgettext("certificate", "took part in the seminar"), 13, colour=MUTED, before=4),
        Block(f"«{title}»", 18 * scale, bold=True, colour=ACCENT, line=8.5 * scale, before=3),
        Block(_("Dates: {dates}").format(dates=tr.days(first, last, year=True)), 12, before=5),
        Block(_("Place: {place}").format(place=f"{s.city}, {s.address}"), 12, before=1),
    ]


def _middle(pdf: FPDF, tr: Translator, certificate: Certificate) -> None:
    """Measured first, shrunk until it fits, then drawn centred in the band between the
    heading and the footer."""
    for scale in SCALES:
        blocks = _blocks(tr, certificate, scale)
        heights = [b.before + _height(pdf, b) for b in blocks]
        if sum(heights) <= BOTTOM - TOP:
            break
    y = TOP + max(0.0, (BOTTOM - TOP - sum(heights)) / 2)
    for block, height in zip(blocks, heights, strict=True):
        _font(pdf, block)
        pdf.set_xy((WIDTH - TEXT_WIDTH) / 2, y + block.before)
        pdf.multi_cell(TEXT_WIDTH, block.line_height, block.text, align=Align.C,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
        y += height


def _font(pdf: FPDF, block: Block) -> None:
    pdf.set_font(FONT, "B" if block.bold else "", block.size)
    pdf.set_text_color(*block.colour)


def _height(pdf: FPDF, block: Block) -> float:
    _font(pdf, block)
    lines = pdf.multi_cell(TEXT_WIDTH, block.line_height, block.text, align=Align.C,
                           dry_run=True, output="LINES")  # fmt: skip
    assert isinstance(lines, list)
    return len(lines) * block.line_height


def _footer(pdf: FPDF, tr: Translator, certificate: Certificate, bot_username: str | None) -> None:
    _ = tr._
    code = shown(certificate.code)
    left, width, y = 24.0, 150.0, 172.0
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 9)
    pdf.set_xy(left, y)
    issued = _("Issued on {date}").format(date=tr.date(_local(tr, certificate.issued_at),
                                                       year=True))  # fmt: skip
    pdf.multi_cell(width, 4.5, issued, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_x(left)
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(*INK)
    pdf.multi_cell(width, 5, _("Verification code: {code}").format(code=code), align=Align.L,
                   new_x=XPos.LEFT, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_x(left)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*MUTED)
    check = _("To check it, send /verify {code} to the programme's bot.").format(code=code)
    if bot_username:
        check = _("To check it, send /verify {code} to @{bot}.").format(code=code, bot=bot_username)
    pdf.multi_cell(width, 4.5, check, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
    if certificate.donor:
        right = 90.0
        pdf.set_xy(WIDTH - 24 - right, y + 4.5)
        support = _("With the support of {donor}").format(donor=certificate.donor)
        pdf.multi_cell(right, 4.5, support, align=Align.R)


def _local(tr: Translator, when: datetime) -> datetime:
    return when.astimezone(tr.tz)


def bundle(items: list[tuple[Translator, Certificate]], bot_username: str | None) -> bytes:
    """Every certificate of a seminar in one ZIP, named so a folder lists them by name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, (tr, certificate) in enumerate(items, start=1):
            name = _safe(certificate.attendee.full_name)
            info = zipfile.ZipInfo(f"{n:03d}-{name}-{certificate.code}.pdf",
                                   certificate.issued_at.timetuple()[:6])  # fmt: skip
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, render(tr, certificate, bot_username))
    return buffer.getvalue()


def _safe(name: str) -> str:
    kept = "".join(ch if ch.isalnum() or ch in "-." else "_" for ch in name.strip())
    return kept[:60] or "attendee"
