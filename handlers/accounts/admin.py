"""Admin commands: who is project staff, and for which regions."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.accounts.views import staff as views
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command()
async def promote(turn: Turn) -> None:
    """/promote ID [admin] [PROGRAMME] [regions]: a coordinator covers every region of the
    programme unless some are named."""
    args = turn.args
    role = "coordinator"
    if "admin" in args:
        args.remove("admin")
        role = "admin"
    await _set_role(turn, args, role)


@command()
async def demote(turn: Turn) -> None:
    """/demote ID [PROGRAMME]: out of that programme only, or staff no more."""
    await _set_role(turn, turn.args[:2], "member")


async def _set_role(turn: Turn, args: list[str], role: str) -> None:
    if not args or not args[0].isdigit():
        await turn.say(views.give_an_id(turn.tr))
        return
    user = await turn.svc.accounts.set_role(turn.tid, int(args[0]), role, args[1:])
    if user.telegram_id is not None:
        menu = await turn.svc.accounts.menu_of(user.telegram_id)
        await commands.apply(turn.context.bot, user.telegram_id, menu)
    await turn.say(views.role_set(turn.tr, user, role))


@command()
async def staff_command(turn: Turn) -> None:
    await turn.say(views.staff_list(turn.tr, await turn.svc.accounts.staff_list(turn.tid)))


def register(app: App) -> None:
    app.add_handler(CommandHandler("promote", promote, filters=PRIVATE))
    app.add_handler(CommandHandler("demote", demote, filters=PRIVATE))
    app.add_handler(CommandHandler("staff", staff_command, filters=PRIVATE))
