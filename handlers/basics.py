"""/help, /cancel (and every wizard's Cancel), and the answers for what no other handler
understood."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import ReplyKeyboardRemove
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.accounts.views import help as help_text
from bot.core import leaving, replies, wizard
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.wizard import LeaveCb
from handlers import troubles
from handlers.buttons import button, button_fallback
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command

log = logging.getLogger(__name__)

Resume = Callable[[Turn, Flow], Awaitable[None]]
RESUME: dict[str, Resume] = {}
"""By flow name, filled in by each feature's register(): how its current question is asked
again after "Keep going"."""


def resume_with(flow_name: str, ask: Resume) -> None:
    RESUME[flow_name] = ask


@command()
async def help_command(turn: Turn) -> None:
    """Short on purpose: the menu does most of the work. Staff get their own commands instead
    of the member's, since they run the seminars and competitions rather than enter them."""
    actor = await turn.actor()
    if actor.is_staff:
        lines = help_text.staff(turn.tr, actor.is_admin)
    elif actor.is_approved:
        lines = help_text.member(turn.tr)
    else:
        lines = help_text.newcomer(turn.tr)
    await turn.with_menu("\n".join(lines))


@command()
async def cancel(turn: Turn) -> None:
    """Leaves any open flow; one holding several answers asks first. A registration draft is
    dropped; a saved profile is untouched."""
    flow = await turn.svc.current_flow(turn.tid)
    if flow is None:
        await turn.with_menu(replies.nothing_to_cancel(turn.tr), otherwise=ReplyKeyboardRemove())
        return
    await leave(turn, flow)


async def leave(turn: Turn, flow: Flow) -> None:
    """/cancel and every wizard's Cancel: with enough answers at stake, the question first
    (in place of a pressed button's message); otherwise the flow is dropped at once."""
    if wizard.must_ask(flow):
        await turn.answer()
        await turn.show(leaving.question(turn.tr, flow.flow, wizard.answers(flow)))
        return
    await _left(turn)


async def _left(turn: Turn) -> None:
    await turn.svc.leave_flow(turn.tid)
    await turn.answer()
    if turn.update.callback_query is not None:
        await turn.show(replies.cancelled(turn.tr))
    else:
        await turn.with_menu(replies.cancelled(turn.tr), otherwise=ReplyKeyboardRemove())


@button(LeaveCb, stale="invalid_button")
async def on_leave(turn: Turn, data: LeaveCb) -> None:
    """The answer to "Leave the … form?"; asked about a flow that is no longer open, it
    changes nothing."""
    flow = await turn.svc.current_flow(turn.tid)
    if flow is None or flow.flow != data.flow:
        raise Refusal("invalid_button")
    if data.answer == "leave":
        await _left(turn)
        return
    await turn.answer()
    ask = RESUME.get(flow.flow)
    if ask is None:
        await turn.show(leaving.go_on(turn.tr))
        return
    await ask(turn, flow)


@command()
async def unknown_command(turn: Turn) -> None:
    await turn.say(replies.unknown_command(turn.tr))


@command()
async def edited(turn: Turn) -> None:
    """An edit of an earlier message is not read as a new answer; say so instead of ignoring it."""
    await turn.say(replies.edited_message(turn.tr))


def register(app: App) -> None:
    app.add_handler(CommandHandler("help", help_command, filters=PRIVATE))
    app.add_handler(CommandHandler("cancel", cancel, filters=PRIVATE))
    app.add_handler(on_leave.route())


def register_fallbacks(app: App) -> None:
    """Added last, after every feature, so they only see what nothing else took."""
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, unknown_command))
    app.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.ChatType.PRIVATE, edited)
    )
    app.add_handler(button_fallback(Refusal("invalid_button")))
    app.add_error_handler(troubles.on_error)
