"""The home menu and /status: one tap to what an AO head comes back for.

A menu tap is routed to the command that already answers it, so the menu and the commands
can never say different things. Someone not approved yet is told where their registration
stands instead of getting a screen they can't use.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.accounts.views import menu
from bot.status.views import status_text
from handlers import basics, flow_steps
from handlers.accounts import approvals, language, profile, registration
from handlers.broadcasts import wizard as broadcast_wizard
from handlers.common import PRIVATE, Context, Handler, say, services, tr_for, with_menu
from handlers.competitions import listing as competitions
from handlers.competitions import my_submissions
from handlers.seminars import cards as seminars
from handlers.seminars import reports as seminar_reports

OPEN_TO_ALL = frozenset({"status", "language", "help"})


async def status_command(update: Update, context: Context) -> None:
    svc = services(context)
    tr = await tr_for(update, context)
    overview = await svc.status.overview(update.effective_user.id)
    user = overview.user
    place = ""
    if user is not None and user.municipality_id:
        place = await svc.directory.describe(user.municipality_id, tr.lang)
    await with_menu(update, context, status_text(tr, overview, place, svc.clock.now()))


ROUTES: dict[str, Handler] = {
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


async def on_menu(update: Update, context: Context) -> None:
    """Also reached from flow_steps for a label typed by hand while no flow is open."""
    key = menu.menu_key(update.effective_message.text)
    svc = services(context)
    actor = await svc.people.actor(update.effective_user.id)
    if key not in OPEN_TO_ALL and not actor.is_staff and not actor.is_approved:
        tr = await tr_for(update, context)
        pending = await registration.account_state(update, context)
        later = tr._("The menu opens once your registration is approved.")
        await say(update, pending + "\n" + later)
        return
    await ROUTES[key](update, context)


class _MenuLabel(filters.MessageFilter):
    """A tap on the menu: the exact label, in any language. Typed words that merely match a
    label are left to the open flow, if any (flow_steps.menu_tap)."""

    def filter(self, message) -> bool:
        return menu.menu_key(message.text, exact=True) is not None


def register(app: Application) -> None:
    app.add_handler(CommandHandler("status", status_command, filters=PRIVATE))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & _MenuLabel(), on_menu))
    flow_steps.MENU_TAP.append(on_menu)
