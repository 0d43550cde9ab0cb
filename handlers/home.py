"""The home menu and /status: one tap to what an AO head comes back for.

A menu tap is routed to the command that already answers it, so the menu and the commands
can never say different things. Someone not approved yet is told where their registration
stands instead of getting a screen they can't use.
"""

from __future__ import annotations

from telegram import Message
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.accounts.views import menu
from bot.accounts.views import registration as texts
from bot.status.views import status_text
from handlers import basics, flow_steps
from handlers.accounts import approvals, language, profile
from handlers.broadcasts import wizard as broadcast_wizard
from handlers.common import PRIVATE, App, Turn
from handlers.competitions import listing as competitions
from handlers.competitions import my_submissions
from handlers.routes import Command, command
from handlers.seminars import cards as seminars
from handlers.seminars import reports as seminar_reports

OPEN_TO_ALL = frozenset({"status", "language", "help"})


@command()
async def status_command(turn: Turn) -> None:
    svc = turn.svc
    overview = await svc.status.overview(turn.tid)
    user = overview.user
    path = await svc.directory.path(user.municipality_id) if user is not None else None
    place = path.describe(turn.tr.lang) if path is not None else ""
    await turn.with_menu(status_text(turn.tr, overview, place, svc.clock.now()))


ROUTES: dict[str, Command] = {
    "status": status_command,
    "seminars": seminars.seminars_command,
    "competitions": competitions.competitions_command,
    "submissions": my_submissions.my_submissions,
    "profile": profile.profile_command,
    "language": language.language_command,
    "help": basics.help_command,
    "broadcast": broadcast_wizard.broadcast_command,
    "approvals": approvals.pending_command,
    "reports": seminar_reports.report_command,  # no dates: the last 30 days
}


@command()
async def on_menu(turn: Turn) -> None:
    """Also reached from flow_steps for a label typed by hand while no flow is open."""
    key = menu.menu_key(turn.text)
    actor = await turn.actor()
    if key is None:
        return
    if key not in OPEN_TO_ALL and not actor.is_staff and not actor.is_approved:
        await turn.say(texts.menu_not_yet(turn.tr, actor))
        return
    await ROUTES[key].run(turn)


class _MenuLabel(filters.MessageFilter):
    """A tap on the menu: the exact label, in any language. Typed words that merely match a
    label are left to the open flow, if any (flow_steps.on_text)."""

    def filter(self, message: Message) -> bool:
        return menu.menu_key(message.text, exact=True) is not None


def register(app: App) -> None:
    app.add_handler(CommandHandler("status", status_command, filters=PRIVATE))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & _MenuLabel(), on_menu))
    flow_steps.MENU_TAP.append(on_menu)
