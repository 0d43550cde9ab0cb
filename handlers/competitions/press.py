"""📰 Press release on a competition's card, once its results are published: the draft as a
Word file, in the reader's language."""

from __future__ import annotations

import asyncio

from telegram import InputFile

from bot.competitions.callbacks import CompetitionCb
from bot.press import document
from bot.press.views import competitions as press_views
from handlers.buttons import button
from handlers.common import App, Turn


@button(CompetitionCb, denied="competition_staff", stale="competition_staff")
async def on_press(turn: Turn, data: CompetitionCb) -> None:
    """Results not published yet are refused by the service, with what to do first."""
    found = await turn.svc.press.competition(turn.tid, data.competition_id)
    draft = press_views.draft(turn.tr, found)
    data_bytes = await asyncio.to_thread(document.render, turn.tr, draft)
    await turn.answer()
    name = document.file_name(draft, f"competition-{data.competition_id}")
    await turn.send_document(InputFile(data_bytes, filename=name))


def register(app: App) -> None:
    app.add_handler(on_press.route(action="press"))
