"""Before every other handler: when the person last wrote to the bot (written at most every few
minutes, not on every update), and a deactivated member's answer to whatever they send: what
happened, and the way back (registering again). /start, the privacy commands and /myid still
work for them, and so does a registration they started again."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.accounts.callbacks import AgainCb, DeleteMeCb
from bot.accounts.views import people as views
from bot.core.callback_data import LangCb
from handlers.accounts.registration import ANYONE
from handlers.common import App, Context, Turn, services

OPEN_TO_THEM = ("/start", *ANYONE)
GROUP = -2
"""Before the newcomer's gate (-1), which lets anyone with a language chosen through."""


async def before_all(update: Update, context: Context) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        return
    svc = services(context)
    svc.membership.seen(user.id)
    if not _gated(update):
        return
    turn = await Turn.begin(update, context)
    actor = await turn.actor()
    if actor.user is None or not actor.user.is_inactive or actor.is_staff:
        return
    if await svc.registration.current(turn.tid) is not None:
        return
    await turn.answer()
    await turn.say(views.you_are_deactivated(turn.tr))
    raise ApplicationHandlerStop


def _gated(update: Update) -> bool:
    """A message or a button, but not /start itself, the privacy commands, /myid, the
    [Register again] and [Delete] buttons, nor a language choice."""
    if update.callback_query is not None:
        data = update.callback_query.data
        return not (AgainCb.matches(data) or DeleteMeCb.matches(data) or LangCb.matches(data))
    message = update.message
    if message is None:
        return False
    text = (message.text or "").strip()
    return text.split("@")[0] not in OPEN_TO_THEM


def register(app: App) -> None:
    app.add_handler(TypeHandler(Update, before_all), group=GROUP)
