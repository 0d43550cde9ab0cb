"""/profile: the member's own card, and the start of editing one field of it."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.accounts.callbacks import ProfileCb
from bot.accounts.views import registration as texts
from bot.accounts.views.profile import profile_screen
from bot.accounts.views.steps import choose_language, step_screen
from bot.core.errors import Refusal
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


async def show_profile(turn: Turn, saved: bool = False) -> None:
    user = await turn.svc.profile.user(turn.tid)
    if user is None:
        await turn.say(texts.not_registered(turn.tr))
        return
    path = await turn.svc.directory.path(user.municipality_id)
    await turn.say(profile_screen(turn.tr, user, path, saved))


@command()
async def profile_command(turn: Turn) -> None:
    await show_profile(turn)


@button(ProfileCb)
async def on_edit(turn: Turn, data: ProfileCb) -> None:
    """Opens a short flow for one field; the language has its own keyboard and no flow."""
    if data.field == "lang":
        await turn.answer()
        await turn.say(choose_language([turn.tr]))
        return
    try:
        flow = await turn.svc.profile.begin(turn.tid, data.field)
    except Refusal as exc:
        raise Refusal("invalid_button") from exc
    await turn.answer()
    await turn.say(step_screen(turn.tr, await turn.svc.profile.question(flow)))


def register(app: App) -> None:
    app.add_handler(CommandHandler("profile", profile_command, filters=PRIVATE))
    app.add_handler(on_edit.route())
