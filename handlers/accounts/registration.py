"""/start and the registration-only moments: choosing a language first, and the final confirm."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.accounts.views import registration as views
from bot.accounts.views.steps import choose_language, step_screen
from bot.core.errors import Refusal
from bot.core.labels import LANGUAGE_NAMES
from bot.core.refusals import refusal_text
from bot.i18n import translator
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command()
async def start(turn: Turn) -> None:
    """Begins registration, resumes it where it stood, or says where the account stands."""
    svc = turn.svc
    started = await svc.registration.start(turn.tid, turn.tg_name, turn.user.language_code)
    if started.flow is None:
        await turn.with_menu(views.account_state(turn.tr, await turn.actor()))
        return
    if started.flow.step == "lang":
        readers = [translator(lang, svc.config.tz) for lang in LANGUAGE_NAMES]
        await turn.say(choose_language(readers))
        return
    await turn.say(views.welcome_back(turn.tr))
    await turn.say(step_screen(turn.tr, await svc.registration.question(started.flow)))


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


def register(app: App) -> None:
    app.add_handler(CommandHandler("start", start, filters=PRIVATE))
