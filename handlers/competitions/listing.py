"""/competitions: staff get the list of competitions they run; members the ones they may enter."""

from __future__ import annotations

from telegram.ext import CommandHandler

from handlers.common import PRIVATE, App, Turn
from handlers.competitions import staff as competition_staff
from handlers.competitions import submit
from handlers.routes import command


@command(denied="register_first")
async def competitions_command(turn: Turn) -> None:
    """One command for both: staff manage, members see what is open and where they stand;
    anyone not (yet) approved is told to register."""
    if (await turn.actor()).is_staff:
        await competition_staff.show_listing(turn)
        return
    await submit.show_open(turn)


def register(app: App) -> None:
    app.add_handler(CommandHandler("competitions", competitions_command, filters=PRIVATE))
