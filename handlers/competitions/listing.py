"""/competitions: staff get the list of competitions they run; members the ones they may enter."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.core.errors import NotAllowed, Refusal
from bot.core.refusals import refusal_text
from handlers.common import PRIVATE, Context, say, services, tr_for
from handlers.competitions import staff as competition_staff
from handlers.competitions import submit


async def competitions_command(update: Update, context: Context) -> None:
    """One command for both: staff manage, members see what is open and where they stand."""
    svc = services(context)
    actor = await svc.people.actor(update.effective_user.id)
    if actor.is_staff:
        await competition_staff.show_listing(update, context)
        return
    try:
        await submit.show_open(update, context)
    except NotAllowed:
        await say(update, refusal_text(await tr_for(update, context), Refusal("register_first")))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("competitions", competitions_command, filters=PRIVATE))
