"""A member's side of a competition: what is open, and building and sending a submission.

The files of a draft have their own module (submit_files), since they may come as albums.
"""

from __future__ import annotations

from bot.competitions import archiver
from bot.competitions.callbacks import SubmitCb
from bot.competitions.service.draft import Draft
from bot.competitions.views import my_submissions as lists
from bot.competitions.views import submit as views
from bot.core import wizard
from bot.core.errors import Refusal
from handlers import basics, flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.competitions import draft_messages as messages
from handlers.competitions import submit_files
from handlers.competitions.flows import NOT_YOURS
from handlers.routes import command


async def show_open(turn: Turn) -> None:
    """Raises NotAllowed for someone not (yet) approved; /competitions tells them to register."""
    svc = turn.svc.submissions
    standings = await svc.mine(turn.tid)
    names = await svc.programme_names(turn.tid, standings)
    await turn.say(lists.open_list(turn.tr, standings, turn.svc.clock.now(), names))


async def ask(turn: Turn, draft: Draft, edit: bool = True) -> None:
    """The step the draft stands at; after a button, in place of the pressed message. Either
    way the draft's buttons are on one message only (handlers.competitions.draft_messages)."""
    shown = views.screens(turn.tr, draft, turn.svc.clock.now())
    pressed = _pressed(turn)
    bot, svc = turn.context.bot, turn.svc
    if edit and len(shown) == 1 and pressed is not None:
        await turn.show(shown[0])
        await messages.now_live(bot, svc, turn.chat_id, turn.tid, pressed)
        return
    await messages.post(bot, svc, turn.chat_id, turn.tid, shown)


def _pressed(turn: Turn) -> int | None:
    """The id of the message whose button was pressed, if any."""
    query = turn.update.callback_query
    message = query.message if query is not None else None
    return message.message_id if message is not None else None


async def _refuse(turn: Turn, exc: Exception) -> None:
    """A button of an older step gets the current step shown again; one of a draft that no
    longer exists (sent or cancelled) is simply no longer valid."""
    draft = await turn.svc.submission_draft.draft(turn.tid)
    stale = isinstance(exc, Refusal) and exc.code == "stale"
    await turn.refuse(
        NOT_YOURS.code_for(Refusal("invalid_button") if stale and draft is None else exc)
    )
    if stale and draft is not None:
        await ask(turn, draft, edit=False)


@button(SubmitCb, on_refusal=_refuse)
async def on_button(turn: Turn, data: SubmitCb) -> None:
    svc, ids = turn.svc.submission_draft, (turn.tid, data.competition_id, data.entrant_id)
    if data.action == "view":
        standing, flow = await svc.view(*ids)
        await turn.answer()
        await turn.say(lists.details(turn.tr, standing, flow is not None, turn.svc.clock.now()))
    elif data.action == "send":
        sent = await svc.send(*ids)
        await turn.answer()
        archiver.after_submit(turn.context.application, sent.submission.id, sent.version)
        await turn.show(views.sent(turn.tr, sent))
    elif data.action == "abort" and await _ask_first(turn):
        return
    else:
        start = data.action == "start"
        draft = await svc.begin(*ids) if start else await svc.act(*ids, data.action)
        await turn.answer()
        if draft is None:
            await turn.show(views.cancelled(turn.tr))
            return
        pressed = _pressed(turn)
        if start and pressed is not None:
            await messages.strip(turn.context.bot, turn.chat_id, pressed)
        await ask(turn, draft, edit=not start)


async def _ask_first(turn: Turn) -> bool:
    """The draft's Cancel asks before dropping several answers, as /cancel does."""
    flow = await turn.svc.current_flow(turn.tid)
    if flow is None or flow.flow != "submission" or not wizard.must_ask(flow):
        return False
    await basics.leave(turn, flow)
    return True


@command(denied="not_your_entrant")
async def on_text(turn: Turn) -> None:
    """The description or the number of residents; at other steps, what to do instead."""
    await ask(turn, await turn.svc.submission_draft.text(turn.tid, turn.text), edit=False)


def register(app: App) -> None:
    app.add_handler(on_button.route())
    flow_steps.flow("submission", on_text, submit_files.on_media)
