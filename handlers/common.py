"""What every handler needs: the services, the reader's translator, and a way to answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes, filters

from bot.accounts.views import menu as home
from bot.core.errors import NotAllowed
from bot.core.flows import Flow
from bot.core.screens import Markup, Screen
from bot.i18n import Translator, resolve_lang, translator
from bot.wiring import Services

Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
"""New messages in a private chat: an edit of an old answer is not a new answer."""


def services(context: Context) -> Services:
    return context.application.bot_data["services"]


async def tr_for(update: Update, context: Context) -> Translator:
    """The saved choice, then the phone's language, then the configured default."""
    svc = services(context)
    user = update.effective_user
    saved = await svc.people.saved_lang(user.id) if user is not None else None
    code = user.language_code if user else None
    return translator(resolve_lang(saved, code, svc.config.default_lang), svc.config.tz)


async def say(update: Update, screen: Screen | str) -> None:
    """Answer in the chat the update came from, as a new message."""
    if isinstance(screen, str):
        screen = Screen(screen)
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(screen.text, reply_markup=screen.markup)


async def with_menu(update: Update, context: Context, text: str, otherwise: Markup = None) -> None:
    """A reply that also (re)sets the home menu in the reader's language, for those who may
    use it; anyone not approved gets the text with `otherwise`."""
    actor = await services(context).people.actor(update.effective_user.id)
    if not (actor.is_approved or actor.is_staff):
        await say(update, Screen(text, otherwise))
        return
    tr = await tr_for(update, context)
    await say(update, Screen(text, home.keyboard(tr, actor.is_staff)))


async def show(update: Update, screen: Screen) -> None:
    """After a button press, replace the pressed message; otherwise send a new one."""
    query = update.callback_query
    can_edit = screen.markup is None or isinstance(screen.markup, InlineKeyboardMarkup)
    if query is not None and query.message is not None and can_edit:
        try:
            await query.edit_message_text(screen.text, reply_markup=screen.markup)
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise
    else:
        await say(update, screen)


async def begin_staff_flow(
    update: Update,
    context: Context,
    begin: Callable[[int], Awaitable[Flow]],
    first: Callable[[Translator, Flow], Screen],
) -> None:
    """A staff wizard's first question; anyone else hears the command is for staff."""
    tr = await tr_for(update, context)
    try:
        flow = await begin(update.effective_user.id)
    except NotAllowed:
        await say(update, tr._("This command is for project staff."))
        return
    await say(update, first(tr, flow))


def tg_name(update: Update) -> str:
    user = update.effective_user
    return user.full_name if user else ""
