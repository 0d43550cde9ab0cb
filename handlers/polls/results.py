"""A poll's card for staff: live counts by group, the chart, the spreadsheet, sharing the
results with those asked, closing it early; and "New poll" from the list."""

from __future__ import annotations

from telegram import InputFile

from bot.polls.callbacks import PollCb
from bot.polls.views import files
from bot.polls.views import staff as views
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.polls.wizard import start


@button(PollCb, denied="staff_only", stale="stale")
async def on_poll(turn: Turn, data: PollCb) -> None:
    svc, tid = turn.svc.poll_results, turn.tid
    if data.action == "new":
        await turn.answer()
        await start(turn)
        return
    if data.action in ("share", "close"):
        poll, _ = await svc.poll(tid, data.poll)
        asked = views.share_question if data.action == "share" else views.close_question
        await turn.answer()
        await turn.show(asked(turn.tr, poll))
        return
    if data.action == "share_yes":
        count = await svc.share(tid, data.poll)
        await turn.answer(views.shared(turn.tr, count))
    elif data.action == "close_yes":
        await svc.close(tid, data.poll)
    elif data.action in ("chart", "xlsx"):
        await _file(turn, data)
        return
    await turn.answer()
    await turn.show(views.card(turn.tr, await svc.results(tid, data.poll)))


async def _file(turn: Turn, data: PollCb) -> None:
    """The chart as PNGs, or the spreadsheet (with who answered what, for a named poll)."""
    svc = turn.svc.poll_results
    results = await svc.results(turn.tid, data.poll)
    await turn.answer()
    if data.action == "chart":
        pictures = await files.charts(turn.tr, results)
        if not pictures:
            await turn.say(views.no_chart(turn.tr))
            return
        await turn.send_album(pictures)
        return
    answers = [] if results.poll.anonymous else await svc.who(turn.tid, data.poll)
    data_bytes = await files.workbook(turn.tr, results, answers)
    await turn.send_document(InputFile(data_bytes, filename=f"poll-{data.poll}.xlsx"))


def register(app: App) -> None:
    app.add_handler(on_poll.route())
