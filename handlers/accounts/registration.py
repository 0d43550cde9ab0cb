"""/start and the registration-only moments: choosing a language first, the final confirm,
and registering again after a rejection, from the previous answers."""

from __future__ import annotations

from contextlib import suppress

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, CommandHandler, TypeHandler

from bot.accounts.callbacks import AgainCb, DeleteMeCb
from bot.accounts.views import registration as views
from bot.accounts.views.steps import step_screen
from bot.core.callback_data import LangCb
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.labels import LANGUAGE_NAMES
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.i18n import translator
from handlers.buttons import button
from handlers.common import PRIVATE, App, Context, Turn
from handlers.routes import command

MEMBERS = ("pending", "approved")
CHECK_IN_LINK = "/start checkin_"
"""Seminars' deep link from the QR code in the room, answered as it is even for a newcomer."""
PRIVACY = ("/mydata", "/deleteme")
"""What is stored about a person, and erasing it, are answered to anyone, before any choice
(and without starting a registration, which would store their name)."""
ANYONE = (*PRIVACY, "/myid", "/verify")
"""Commands answered before any choice: the privacy ones, /myid (for /promote), and /verify
(anyone shown a certificate may check it)."""


@command()
async def start(turn: Turn) -> None:
    """Begins registration, resumes it where it stood, or says where the account stands."""
    svc = turn.svc
    started = await svc.registration.start(turn.tid, turn.tg_name, turn.user.language_code)
    if started.flow is None:
        actor = await turn.actor()
        text = views.account_state(turn.tr, actor)
        if actor.is_staff:
            _, waiting = await svc.approvals.pending(turn.tid, limit=0)
            text = "\n".join(filter(None, (text, views.waiting_for_staff(turn.tr, waiting))))
        await turn.with_menu(text)
        return
    if started.flow.step == "lang":
        readers = [translator(lang, svc.config.tz) for lang in LANGUAGE_NAMES]
        await turn.say(views.first_screen(turn.tr, readers))
        return
    if started.flow.data.get("again"):
        await _again(turn, started.flow)
        return
    await turn.say(views.welcome_back(turn.tr))
    await turn.say(step_screen(turn.tr, await svc.registration.question(started.flow)))


@button(AgainCb, stale="invalid_button")
async def on_again(turn: Turn, data: AgainCb) -> None:
    """[Register again] on a rejection: the previous answers on the summary; the button
    goes from the rejection, which keeps its reason."""
    flow = await turn.svc.registration.again(turn.tid)
    await turn.answer()
    with suppress(BadRequest):
        await turn.query.edit_message_reply_markup(None)
    await _again(turn, flow)


async def _again(turn: Turn, flow: Flow) -> None:
    """The previous answers, with a line that says so; a missing answer is asked first."""
    screen = step_screen(turn.tr, await turn.svc.registration.question(flow))
    if flow.step != "confirm":
        await turn.say(views.again_missing(turn.tr))
        await turn.say(screen)
        return
    await turn.say(Screen(views.again_intro(turn.tr) + "\n\n" + screen.text, screen.markup))


async def on_confirm(turn: Turn, value: str) -> None:
    """The summary's buttons: start over, change one answer, or send for approval."""
    svc = turn.svc
    try:
        if value == "restart" or value.startswith("edit_"):
            if value == "restart":
                flow = await svc.registration.restart(turn.tid)
            else:
                flow = await svc.registration.edit(turn.tid, value.removeprefix("edit_"))
            await turn.answer()
            await turn.say(step_screen(turn.tr, await svc.registration.question(flow)))
            return
        await svc.registration.confirm(turn.tid)
    except Refusal as exc:
        await turn.alert(refusal_text(turn.tr, exc))
        return
    await turn.answer()
    if not await svc.registration.reviewers_of(turn.tid):
        await turn.show(Screen(views.no_coordinator(turn.tr)))
        return
    await turn.show(views.sent_for_approval(turn.tr))


@command()
async def no_flow_text(turn: Turn) -> None:
    """Text with no question open: point at the menu, or say where the account stands."""
    actor = await turn.actor()
    text = views.not_understood(turn.tr, actor)
    if actor.is_staff or actor.is_approved:
        await turn.with_menu(text)
    else:
        await turn.say(text)


async def newcomer_first(update: Update, context: Context) -> None:
    """Before every other handler: whatever a newcomer sends (text, a command, a button, a
    file), the answer is the start of registration, which asks for the language first, with
    Kyrgyz first. Someone who chose a language, is registered or is staff goes on as usual."""
    if not _maybe_newcomer(update):
        return
    turn = await Turn.begin(update, context)
    actor = await turn.actor()
    user = actor.user
    if actor.is_staff or (user is not None and (user.lang or user.status in MEMBERS)):
        return
    await turn.answer()
    await start.run(turn)
    raise ApplicationHandlerStop


def _maybe_newcomer(update: Update) -> bool:
    """What the gate looks at: a message or a button in a private chat, but not a language
    button (the newcomer's answer), the check-in link, nor /mydata, /deleteme and /myid."""
    chat = update.effective_chat
    if update.effective_user is None or chat is None or chat.type != ChatType.PRIVATE:
        return False
    if update.callback_query is not None:
        data = update.callback_query.data
        return not (LangCb.matches(data) or DeleteMeCb.matches(data))
    message = update.message
    if message is None:
        return False
    text = message.text or ""
    command = text.split(maxsplit=1)[0].split("@")[0] if text.startswith("/") else ""
    return not text.startswith(CHECK_IN_LINK) and command not in ANYONE


def register(app: App) -> None:
    app.add_handler(TypeHandler(Update, newcomer_first), group=-1)
    app.add_handler(CommandHandler("start", start, filters=PRIVATE))
    app.add_handler(on_again.route())
