"""The home menu and /status: one tap to what an AO head comes back for.

A menu tap is routed to the command that already answers it, so the menu and the commands
can never say different things; so are the switchboard's buttons (/status, and the lists a
push offers: what is open, our submissions, all results). Someone not approved yet is told
where their registration stands instead of getting a screen they can't use.
"""

from __future__ import annotations

from telegram import Message
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.accounts.callbacks import MenuCb
from bot.accounts.views import menu
from bot.accounts.views import registration as texts
from bot.competitions.callbacks import MemberListCb
from bot.competitions.views import results as result_views
from bot.core.screens import Screen
from bot.seminars.callbacks import InvitationCb
from bot.seminars.pushes.templates import SeminarPush, seminar_invite
from bot.status.callbacks import DeskCb
from bot.status.views import status_screen
from handlers import basics, flow_steps
from handlers.accounts import approvals, language, profile
from handlers.broadcasts import wizard as broadcast_wizard
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.competitions import listing as competitions
from handlers.competitions import my_submissions, review, submit
from handlers.grants import staff as grant_staff
from handlers.reports import period as reports_period
from handlers.routes import Command, command
from handlers.seminars import cards as seminars

OPEN_TO_ALL = frozenset({"status", "language", "help"})


@command()
async def status_command(turn: Turn) -> None:
    """A switchboard when something waits for the reader (its buttons); otherwise the text
    with the home menu, which it (re)sets."""
    svc = turn.svc
    overview = await svc.status.overview(turn.tid)
    user = overview.user
    path = await svc.directory.path(user.municipality_id) if user is not None else None
    place = path.describe(turn.tr.lang) if path is not None else ""
    screen = status_screen(turn.tr, overview, place, svc.clock.now())
    if screen.markup is not None:
        await turn.say(screen)
    else:
        await turn.with_menu(screen.text)


DESK: dict[str, Command] = {
    "approvals": approvals.pending_command,
    "seminars": seminars.seminars_command,
    "competitions": competitions.competitions_command,
    "grants": grant_staff.grants_command,
    "scores": review.submissions_command,
}


@button(DeskCb, denied="staff_only")
async def on_desk(turn: Turn, data: DeskCb) -> None:
    """A count on a coordinator's /status: its list, as its command gives it, below."""
    await DESK[data.to].run(turn)


@command(denied="register_first")
async def _member_results(turn: Turn) -> None:
    """Members' results, also for staff who speak for a municipality (/results gives staff
    their boards)."""
    found = await turn.svc.results.published_for(turn.tid)
    await turn.say(result_views.member_results(turn.tr, found))


@command(denied="register_first")
async def _open_competitions(turn: Turn) -> None:
    await submit.show_open(turn)


LISTS: dict[str, Command] = {
    "open": _open_competitions,
    "mine": my_submissions.my_submissions,
    "results": _member_results,
}


@button(MemberListCb, denied="register_first")
async def on_member_list(turn: Turn, data: MemberListCb) -> None:
    """From a push or /status: what is open, what we sent, the results; a new message."""
    await LISTS[data.view].run(turn)


@button(InvitationCb, denied="not_invited", missing="not_invited")
async def on_invitation(turn: Turn, data: InvitationCb) -> None:
    """The invitation again, with its answer buttons, below the /status it was opened from."""
    seminar, _ = await turn.svc.rsvp.invitation(turn.tid, data.seminar_id)
    await turn.answer()
    invite = seminar_invite(turn.tr, SeminarPush(seminar, {"seminar_id": seminar.id}))
    await turn.say(Screen(invite.text, invite.markup))


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
    "reports": reports_period.report_command,  # no dates: the period picker
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


@button(MenuCb)
async def on_menu_button(turn: Turn, data: MenuCb) -> None:
    """A menu item as an inline button (the welcome after approval): what its tap opens."""
    actor = await turn.actor()
    await turn.answer()
    if not actor.is_staff and not actor.is_approved:
        await turn.say(texts.menu_not_yet(turn.tr, actor))
        return
    await ROUTES[data.key].run(turn)


class _MenuLabel(filters.MessageFilter):
    """A tap on the menu: the exact label, in any language. Typed words that merely match a
    label are left to the open flow, if any (flow_steps.on_text)."""

    def filter(self, message: Message) -> bool:
        return menu.menu_key(message.text, exact=True) is not None


def register(app: App) -> None:
    app.add_handler(CommandHandler("status", status_command, filters=PRIVATE))
    for route in (on_desk.route(), on_member_list.route(), on_invitation.route()):
        app.add_handler(route)
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & _MenuLabel(), on_menu))
    app.add_handler(on_menu_button.route())
    flow_steps.MENU_TAP.append(on_menu)
