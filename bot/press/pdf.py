"""A draft as a PDF (the donor brief's second copy): A4, the same blocks the Word file lays
out, in DejaVu Sans so Kyrgyz letters print on any server. The file's properties mark it a
draft."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from PIL import Image

from bot.core.fonts import dejavu
from bot.i18n import Translator
from bot.press.views.draft import Draft, Kind

FONT = "DejaVu"
INK, GREY, ACCENT = (33, 37, 41), (89, 89, 89), (22, 78, 99)
MARGIN = 18.0
WIDTH = 210.0 - 2 * MARGIN
GAP = 4.0
STYLE: dict[Kind, tuple[float, str, tuple[int, int, int]]] = {
    "title": (16, "B", ACCENT),
    "heading": (12.5, "B", ACCENT),
    "lead": (11, "B", INK),
    "text": (10.5, "", INK),
    "item": (10.5, "", INK),
    "quote": (10.5, "", INK),
    "source": (8.5, "", GREY),
    "footer": (8.5, "", GREY),
}
"""Size, weight and colour of each kind of block."""


def render(tr: Translator, draft: Draft) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    regular, bold = dejavu()
    pdf.add_font(FONT, "", regular)
    pdf.add_font(FONT, "B", bold)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, MARGIN)
    pdf.set_title(tr._("DRAFT: {headline}").format(headline=draft.headline))
    pdf.set_subject(tr._("Draft made by munibot from its data; check it before you publish it."))
    pdf.set_keywords("draft, munibot")
    pdf.set_author("munibot")
    pdf.set_lang(draft.lang)
    pdf.set_creation_date(draft.made_at)
    pdf.add_page()
    for kind, text in draft.blocks:
        if kind == "photos":
            _pictures(pdf, draft.photos)
            continue
        size, weight, colour = STYLE[kind]
        pdf.set_font(FONT, weight, size)
        pdf.set_text_color(*colour)
        pdf.ln(3 if kind == "heading" else 1)
        shown = "• " + text if kind == "item" else text
        pdf.multi_cell(WIDTH, size * 0.5, shown, align=Align.L, new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)  # fmt: skip
    return bytes(pdf.output())


def _pictures(pdf: FPDF, pictures: list[bytes]) -> None:
    """Three to a row when there are three or more (the report's charts fit the brief's first
    page), else two; a row that would not fit starts a new page."""
    across = 3 if len(pictures) >= 3 else 2
    width = (WIDTH - GAP * (across - 1)) / across
    for start in range(0, len(pictures), across):
        row = pictures[start : start + across]
        height = max(width * _ratio(data) for data in row)
        if pdf.get_y() + height > pdf.h - MARGIN:
            pdf.add_page()
        top = pdf.get_y() + 2
        for n, data in enumerate(row):
            pdf.image(io.BytesIO(data), x=MARGIN + n * (width + GAP), y=top, w=width)
        pdf.set_y(top + height + 2)


def _ratio(data: bytes) -> float:
    with Image.open(io.BytesIO(data)) as image:
        return image.height / image.width
