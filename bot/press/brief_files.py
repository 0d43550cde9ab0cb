"""The donor brief's two files, made the same way for the chat's button and the command line:
the charts drawn out of process (as the donor report draws them), then Word and PDF."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.i18n import Translator
from bot.press import document, pdf
from bot.press.service import BriefDraft
from bot.press.views import brief
from bot.reports import figures
from bot.reports.charts import render


@dataclass(frozen=True)
class BriefFiles:
    docx: bytes
    pdf: bytes
    docx_name: str
    pdf_name: str


async def make(tr: Translator, found: BriefDraft) -> BriefFiles:
    report = found.report
    charts = [png for _name, png in await render(figures.charts(tr, report))]
    made = brief.draft(tr, found, charts)
    word = await asyncio.to_thread(document.render, tr, made)
    printed = await asyncio.to_thread(pdf.render, tr, made)
    stem = f"brief-{report.first_day}-{report.last_day}-{tr.lang}-draft"
    return BriefFiles(word, printed, f"{stem}.docx", f"{stem}.pdf")
