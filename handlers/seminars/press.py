"""📰 Press release on a seminar's card: the draft as a Word file, in the reader's language."""

from __future__ import annotations

import asyncio
from functools import partial

from telegram import InputFile

from bot.http import download
from bot.press import document
from bot.press.views import seminars as press_views
from bot.seminars.callbacks import SeminarCb
from handlers.buttons import button
from handlers.common import App, Turn


@button(SeminarCb, denied="seminar_staff")
async def on_press(turn: Turn, data: SeminarCb) -> None:
    """A seminar nobody is marked at is refused by the service, with what to do first."""
    fetch = partial(download, turn.context.bot)
    found = await turn.svc.press.seminar(turn.tid, data.seminar_id, fetch)
    draft = press_views.draft(turn.tr, found)
    data_bytes = await asyncio.to_thread(document.render, turn.tr, draft)
    await turn.answer()
    name = document.file_name(draft, f"seminar-{data.seminar_id}")
    await turn.send_document(InputFile(data_bytes, filename=name))


def register(app: App) -> None:
    app.add_handler(on_press.route(action="press"))
