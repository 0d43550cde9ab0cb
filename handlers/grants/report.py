"""The entrant's report on a grant project: "Send a report" (from the request or /status), the
text, then photos or documents (one by one or as an album), then Done. The service checks who
may report and that the project is still open, at every step."""

from __future__ import annotations

from bot.core import wizard
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.grants.callbacks import ReportCb
from bot.grants.service.reporting import FLOW, GrantReports, ReportFile
from bot.grants.views import member as views
from bot.i18n import translator
from handlers import albums, basics, flow_steps
from handlers.buttons import button
from handlers.common import App, Context, Turn, services
from handlers.incoming import file_of
from handlers.routes import REFUSED, Refusals, command

"""Album items arrive within a fraction of a second of each other: one answer after the last."""
REPORTER = Refusals(denied="register_first", missing="invalid_button")


def _reports(turn: Turn) -> GrantReports:
    return turn.svc.grant_reports


async def _refused(turn: Turn, exc: Exception) -> None:
    """A button of a report already sent or left is simply no longer valid."""
    stale = isinstance(exc, Refusal) and exc.code == "stale"
    await turn.refuse(REPORTER.code_for(Refusal("invalid_button") if stale else exc))


@button(ReportCb, denied="register_first", missing="invalid_button", on_refusal=_refused)
async def on_button(turn: Turn, data: ReportCb) -> None:
    svc = _reports(turn)
    if data.action == "start":
        project = await svc.begin(turn.tid, data.project_id)
        await turn.answer()
        await turn.say(views.ask_text(turn.tr, project))
    elif data.action == "done":
        sent = await svc.done(turn.tid, data.project_id)
        await turn.answer()
        await turn.show(views.sent(turn.tr, sent))
    else:
        flow = await svc.current(turn.tid)
        if flow is None:
            raise Refusal("stale")
        if wizard.must_ask(flow):
            await basics.leave(turn, flow)
            return
        await turn.svc.leave_flow(turn.tid)
        await turn.answer()
        await turn.show(views.cancelled(turn.tr))


@command(denied="register_first", missing="invalid_button")
async def on_text(turn: Turn) -> None:
    flow = await _reports(turn).text(turn.tid, turn.text)
    await turn.say(views.ask_files(turn.tr, int(flow.data["project_id"]), 0))


@command(denied="register_first", missing="invalid_button")
async def on_media(turn: Turn) -> None:
    """A file for the report; an album gets one answer after its last item."""
    note = ""
    try:
        found = file_of(turn.message, ReportFile)
        await _reports(turn).add_file(turn.tid, found, turn.message.caption or "")
    except REFUSED as exc:
        if isinstance(exc, Refusal) and exc.code in ("grant_closed", "grant_not_yours"):
            raise
        note = refusal_text(turn.tr, REPORTER.code_for(exc))
    if albums.item(turn, "grant", note, _album_done):
        return
    await _answer(turn.context, turn.tid, turn.chat_id, turn.tr.lang, [note] if note else [])


async def _album_done(context: Context, album: albums.Album) -> None:
    await _answer(context, album.tid, album.chat_id, album.lang, album.notes)


async def _answer(context: Context, tid: int, chat_id: int, lang: str, notes: list[str]) -> None:
    """How many files the report holds now, with Done; refusals of this message first."""
    svc = services(context)
    data = await svc.grant_reports.draft(tid)
    if data is None or (data["text"] is None and not notes):
        return
    if data["text"] is None:
        await context.bot.send_message(chat_id, "\n".join(notes))
        return
    tr = translator(lang, svc.config.tz)
    screen = views.ask_files(tr, int(data["project_id"]), len(data["files"]))
    text = "\n".join([*notes, screen.text]) if notes else screen.text
    await context.bot.send_message(chat_id, text, reply_markup=screen.markup)


def register(app: App) -> None:
    app.add_handler(on_button.route())
    flow_steps.flow(FLOW, on_text, on_media)
