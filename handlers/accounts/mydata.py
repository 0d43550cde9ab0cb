"""/mydata: a person can download everything the bot stores about them at any time."""

from __future__ import annotations

from telegram import InputFile
from telegram.ext import CommandHandler

from bot.accounts.views import mydata as views
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command()
async def mydata(turn: Turn) -> None:
    data = await turn.svc.accounts.my_data(turn.tid)
    if data is None:
        await turn.say(views.nothing_stored(turn.tr))
        return
    now = turn.svc.clock.now()
    document = InputFile(views.document(turn.tr, data, now), filename=views.file_name(now))
    await turn.send_document(document, caption=views.caption(turn.tr))


def register(app: App) -> None:
    app.add_handler(CommandHandler("mydata", mydata, filters=PRIVATE))
