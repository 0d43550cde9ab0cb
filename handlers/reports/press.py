"""📰 Press release under a period's report: the period's seminars (one region's, under a
region's report) as a Word draft, in the reader's language."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

from telegram import InputFile

from bot.core.errors import NotAllowed, Refusal
from bot.http import download
from bot.press import document
from bot.press.views import seminars as press_views
from bot.reports.callbacks import PressPeriodCb
from handlers.buttons import button
from handlers.common import App, Turn


@button(PressPeriodCb, denied="staff_only")
async def on_press(turn: Turn, data: PressPeriodCb) -> None:
    """The service applies the report's rules: a region a coordinator does not cover, or a
    programme they are not staff of, is refused."""
    try:
        first, last = date.fromordinal(data.first), date.fromordinal(data.last)
    except (ValueError, OverflowError):
        raise Refusal("stale") from None
    code = None if data.code == "-" else data.code
    try:
        fetch = partial(download, turn.context.bot)
        found = await turn.svc.press.period(turn.tid, first, last, code, data.region or None, fetch)
    except NotAllowed:
        raise Refusal("forbidden") from None
    draft = press_views.draft(turn.tr, found)
    data_bytes = await asyncio.to_thread(document.render, turn.tr, draft)
    await turn.answer()
    await turn.send_document(InputFile(data_bytes, filename=document.file_name(draft, "period")))


def register(app: App) -> None:
    app.add_handler(on_press.route())
