"""/language, and the language buttons wherever they appear."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.accounts.views import registration as views
from bot.accounts.views.steps import choose_language
from bot.core.callback_data import LangCb
from handlers.accounts import steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command()
async def language_command(turn: Turn) -> None:
    await turn.say(choose_language([turn.tr]))


@button(LangCb)
async def on_language(turn: Turn, data: LangCb) -> None:
    """Saves the choice; inside a flow, the open question is asked again in the new language."""
    svc = turn.svc
    flow = await svc.registration.current(turn.tid)
    if flow is not None and flow.step == "lang":
        await svc.registration.pick(turn.tid, "lang", data.lang)
    else:
        await svc.accounts.set_language(turn.tid, data.lang, turn.tg_name)
    await turn.answer()
    await turn.relearn()
    await turn.show(views.language_chosen(turn.tr, data.lang))
    await _menu_in(turn)
    found = await steps.active(turn)
    if found is not None:
        await steps.question(turn, found[1], new=True)


async def _menu_in(turn: Turn) -> None:
    """The command menu and the home menu's labels follow the new language at once; someone
    who has no menu yet (a newcomer registering) is not told about one."""
    menu = await turn.svc.accounts.menu_of(turn.tid)
    if menu is None:
        return
    await commands.set_for_chat(turn.context.bot, turn.tid, menu.lang, menu.staff)
    await turn.with_menu(views.menu_in_language(turn.tr))


def register(app: App) -> None:
    app.add_handler(CommandHandler("language", language_command, filters=PRIVATE))
    app.add_handler(on_language.route())
