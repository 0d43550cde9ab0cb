"""The Word file: a draft's blocks laid out with python-docx, its properties marking it a draft
so nobody mistakes it for a release someone checked."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from bot.i18n import Translator
from bot.press.views.draft import Draft

GREY = RGBColor(0x59, 0x59, 0x59)
DRAFT = "draft"
"""The category and keyword a draft carries, in every language: a filter staff can search by."""


def render(tr: Translator, draft: Draft) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for kind, text in draft.blocks:
        if kind == "title":
            doc.add_heading(text, level=1)
        elif kind == "heading":
            doc.add_heading(text, level=2)
        elif kind == "item":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "photos":
            _photos(doc, draft.photos)
        elif kind == "quote":
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.add_run(text).italic = True
        elif kind == "lead":
            doc.add_paragraph().add_run(text).bold = True
        elif kind in ("source", "footer"):
            run = doc.add_paragraph().add_run(text)
            run.font.size, run.font.color.rgb = Pt(9), GREY
            if kind == "footer":
                run.italic = True
        else:
            doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    props = doc.core_properties
    props.title = tr._("DRAFT: {headline}").format(headline=draft.headline)
    props.category = DRAFT
    props.keywords = f"{DRAFT}, munibot"
    props.comments = tr._("Draft made by munibot from its data; check it before you publish it.")
    props.author = "munibot"
    props.language = draft.lang
    props.created = draft.made_at.replace(tzinfo=None)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _photos(doc: DocumentObject, photos: list[bytes]) -> None:
    """Two to a row, so four photos take half a page."""
    table = doc.add_table(rows=(len(photos) + 1) // 2, cols=2)
    for n, data in enumerate(photos):
        cell = table.cell(n // 2, n % 2)
        cell.paragraphs[0].add_run().add_picture(io.BytesIO(data), width=Cm(7.3))


def file_name(draft: Draft, what: str) -> str:
    return f"press-{what}-{draft.lang}-draft.docx"
