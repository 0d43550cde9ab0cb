"""/profile: the member's own card, or a staff member's own profile, and the start of editing
one field of it."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.accounts.callbacks import ProfileCb
from bot.accounts.views import profile as views
from bot.accounts.views import registration as texts
from bot.accounts.views.steps import choose_language, step_screen
from bot.core.errors import Refusal
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


async def show_profile(turn: Turn, saved: bool = False) -> None:
    user = await turn.svc.profile.user(turn.tid)
    if user is not None:
        path = await turn.svc.directory.path(user.municipality_id)
        await turn.say(views.profile_screen(turn.tr, user, path, saved))
        return
    staff = await turn.svc.profile.staff_user(turn.tid, turn.tg_name, turn.user.language_code)
    if staff is None:
        await turn.say(texts.not_registered(turn.tr))
        return
    if not staff.full_name and not saved:
        await turn.say(views.staff_profile_intro(turn.tr))
        await _ask(turn, "staff")
        return
    role = "admin" if (await turn.actor()).is_admin else staff.role
    await turn.say(views.staff_profile_screen(turn.tr, staff, role, saved))


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
    await _ask(turn, data.field)


async def _ask(turn: Turn, field: str) -> None:
    try:
        flow = await turn.svc.profile.begin(turn.tid, field)
    except Refusal as exc:
        raise Refusal("invalid_button") from exc
    await turn.answer()
    await turn.say(step_screen(turn.tr, await turn.svc.profile.question(flow)))


def register(app: App) -> None:
    app.add_handler(CommandHandler("profile", profile_command, filters=PRIVATE))
    app.add_handler(on_edit.route())
