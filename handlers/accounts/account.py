"""/deleteme: a person can take their personal data back at any time; /myid: anyone's
Telegram id, for /promote."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.accounts.callbacks import DeleteMeCb
from bot.accounts.views import erase as views
from bot.accounts.views import registration as account_views
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command()
async def deleteme(turn: Turn) -> None:
    """Asks first: erasing cannot be undone."""
    await turn.say(views.question(turn.tr))


@command()
async def myid(turn: Turn) -> None:
    """Anyone, registered or not: the id an admin gives /promote (or MUNIBOT_ADMINS)."""
    await turn.say(account_views.my_id(turn.tr, turn.tid))


@button(DeleteMeCb)
async def on_answer(turn: Turn, data: DeleteMeCb) -> None:
    await turn.answer()
    if data.answer == "no":
        await turn.show(views.kept(turn.tr))
        return
    erased = await turn.svc.accounts.erase(turn.tid)
    await turn.show(views.erased(turn.tr, erased))
    if erased:  # the chosen language went with the rest
        await commands.apply(turn.context.bot, turn.tid, await turn.svc.accounts.menu_of(turn.tid))


def register(app: App) -> None:
    app.add_handler(CommandHandler("deleteme", deleteme, filters=PRIVATE))
    app.add_handler(CommandHandler("myid", myid, filters=PRIVATE))
    app.add_handler(on_answer.route())
