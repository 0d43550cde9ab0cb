"""📰 Press release and 📄 Donor brief under a period's report: the period's seminars (one
region's, under a region's report) as a Word draft, and the period's key figures with the
report's charts as Word and PDF, in the reader's language."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

from telegram import InputFile

from bot.core.errors import NotAllowed, Refusal
from bot.http import download
from bot.press import brief_files, document
from bot.press.views import seminars as press_views
from bot.reports.callbacks import BriefPeriodCb, PressPeriodCb
from handlers.buttons import button
from handlers.common import App, Turn


@button(PressPeriodCb, denied="staff_only")
async def on_press(turn: Turn, data: PressPeriodCb) -> None:
    """The service applies the report's rules: a region a coordinator does not cover, or a
    programme they are not staff of, is refused."""
    first, last, code = _period(data)
    try:
        fetch = partial(download, turn.context.bot)
        found = await turn.svc.press.period(turn.tid, first, last, code, data.region or None, fetch)
    except NotAllowed:
        raise Refusal("forbidden") from None
    draft = press_views.draft(turn.tr, found)
    data_bytes = await asyncio.to_thread(document.render, turn.tr, draft)
    await turn.answer()
    await turn.send_document(InputFile(data_bytes, filename=document.file_name(draft, "period")))


@button(BriefPeriodCb, denied="staff_only")
async def on_brief(turn: Turn, data: BriefPeriodCb) -> None:
    """The same rules as the release; the brief comes as Word and as PDF."""
    first, last, code = _period(data)
    try:
        found = await turn.svc.press.brief(turn.tid, first, last, code, data.region or None)
    except NotAllowed:
        raise Refusal("forbidden") from None
    await turn.answer()
    made = await brief_files.make(turn.tr, found)
    await turn.send_document(InputFile(made.docx, filename=made.docx_name))
    await turn.send_document(InputFile(made.pdf, filename=made.pdf_name))


def _period(data: PressPeriodCb | BriefPeriodCb) -> tuple[date, date, str | None]:
    try:
        first, last = date.fromordinal(data.first), date.fromordinal(data.last)
    except (ValueError, OverflowError):
        raise Refusal("stale") from None
    return first, last, None if data.code == "-" else data.code


def register(app: App) -> None:
    app.add_handler(on_press.route())
    app.add_handler(on_brief.route())
