"""Staff side of grant projects: "Track the grants" on a competition's Results screen, /grants
(every project, late ones first), a project's card and its changes. The services check every
right; a button of a project someone may not manage changes nothing."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.competitions.callbacks import CompetitionCb
from bot.core import replies
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.grants.callbacks import GrantCb
from bot.grants.service.changes import Changes
from bot.grants.service.editing import GrantEdit
from bot.grants.views import reports as report_views
from bot.grants.views import staff as views
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import Refusals, command
from handlers.stored_files import send_held

STAFF = Refusals(denied="staff_only", missing="invalid_button")
MENUS = {"status": views.status_menu, "schedule": views.schedule_menu,
         "close": views.close_confirm}  # fmt: skip


def _changes(turn: Turn) -> Changes:
    return Changes(turn.svc.grants)


def _edit(turn: Turn) -> GrantEdit:
    return GrantEdit(_changes(turn))


@command(denied="staff_only")
async def grants_command(turn: Turn) -> None:
    """Every project this person may manage, what is late first."""
    await turn.say(views.listing(turn.tr, await turn.svc.grants.listing(turn.tid)))


@button(CompetitionCb, denied="staff_only", stale="invalid_button")
async def on_track(turn: Turn, data: CompetitionCb) -> None:
    """ "Track the grants": a project for each winner with a grant; the list of them."""
    found = await turn.svc.grants.track(turn.tid, data.competition_id)
    await turn.answer()
    note = "✅ " + turn.tr.ngettext(
        "{count} grant project is tracked.", "{count} grant projects are tracked.", len(found)
    ).format(count=len(found))
    await turn.show(views.listing(turn.tr, found, note))


async def _refused(turn: Turn, exc: Exception) -> None:
    """A forged value or a milestone of another project reads as a button no longer valid."""
    stale = isinstance(exc, Refusal) and exc.code == "stale"
    await turn.refuse(STAFF.code_for(Refusal("invalid_button") if stale else exc))


@button(GrantCb, on_refusal=_refused)
async def on_button(turn: Turn, data: GrantCb) -> None:
    if data.action == "files":
        await _files(turn, data)
        return
    screen = await _screen(turn, data)
    await turn.answer()
    await turn.show(screen)


async def _screen(turn: Turn, data: GrantCb) -> Screen:
    """A question to type an answer to opens its flow; any other screen drops one left open."""
    svc, tr, tid, pid = turn.svc.grants, turn.tr, turn.tid, data.project_id
    now = turn.svc.clock.now()
    if data.action == "percent":
        return views.percent_prompt(tr, await _edit(turn).begin(tid, pid, "percent"))
    if data.action == "add_stones":
        await _edit(turn).begin(tid, pid, "stones")
        return views.milestones_prompt(tr, pid)
    if await _edit(turn).current(tid) is not None:
        await turn.svc.leave_flow(tid)
    if data.action == "list":
        return views.listing(tr, await svc.listing(tid))
    if data.action == "stones":
        return views.milestones(tr, await svc.card(tid, pid), now)
    if data.action in MENUS:
        return MENUS[data.action](tr, await svc.card(tid, pid))
    if data.action == "reports":
        return report_views.latest(tr, *await svc.reports(tid, pid))
    return await _changed(turn, data)


async def _changed(turn: Turn, data: GrantCb) -> Screen:
    """A change from a button, then the card (or the milestones) as they are now."""
    changes, tr, tid, pid = _changes(turn), turn.tr, turn.tid, data.project_id
    now, saved = turn.svc.clock.now(), replies.saved(tr)
    if data.action == "set_status":
        return views.card(tr, await changes.set_status(tid, pid, data.value), now, saved)
    if data.action == "set_schedule":
        found = await changes.set_schedule(tid, pid, data.value, data.item)
        return views.card(tr, found, now, saved)
    if data.action == "stone":
        found = await changes.mark_milestone(tid, pid, data.item, data.value == "done")
        return views.milestones(tr, found, now)
    if data.action == "close_yes":
        found = await changes.close(tid, pid)
        return views.card(tr, found, now, "🔒 " + tr._("The project is closed."))
    return views.card(tr, await turn.svc.grants.card(tid, pid), now)


async def _files(turn: Turn, data: GrantCb) -> None:
    """The report's files below, as an album where Telegram allows one."""
    files = await turn.svc.grants.report_files(turn.tid, data.project_id, data.item)
    await turn.answer()
    await send_held(turn, files)


@command(denied="staff_only")
async def on_text(turn: Turn) -> None:
    """The percent, or milestone lines; the card follows. A refused answer keeps the
    question open for another try."""
    found = await _edit(turn).text(turn.tid, turn.text)
    await turn.say(views.card(turn.tr, found, turn.svc.clock.now(), replies.saved(turn.tr)))


@command(denied="staff_only")
async def on_media(turn: Turn) -> None:
    """A photo or file where a percent or milestones are asked for."""
    await turn.say(refusal_text(turn.tr, Refusal("media")))


def register(app: App) -> None:
    app.add_handler(CommandHandler("grants", grants_command, filters=PRIVATE))
    app.add_handler(on_track.route(action="grants"))
    app.add_handler(on_button.route())
    flow_steps.flow("grant_edit", on_text, on_media)
