"""Staff screens of a competition: the list, its card, moving the deadline, extensions.

The other card buttons (submissions, results, publishing, export) belong to their own
features; this module answers only the actions it registers for.
"""

from __future__ import annotations

from bot.competitions.callbacks import CompetitionCb, EntrantCb
from bot.competitions.service.edit import DEADLINE_FLOW, EXTEND_FLOW, CompetitionEdit
from bot.competitions.views import staff as views
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.competitions.flows import media_refused
from handlers.routes import command

ACTIONS = {"open", "list", "move", "extend"}


def _edit(turn: Turn) -> CompetitionEdit:
    return CompetitionEdit(turn.svc.competitions)


async def show_listing(turn: Turn) -> None:
    """The competitions this person may manage, newest deadlines first."""
    await turn.show(await _listing(turn))


async def _listing(turn: Turn) -> Screen:
    """Grouped and named by programme for someone who sees several."""
    svc = turn.svc.competitions
    items = await svc.listing(turn.tid)
    names = await svc.programme_names(turn.tid)
    return views.listing(turn.tr, items, turn.svc.clock.now(), names)


@button(CompetitionCb, denied="competition_staff", stale="competition_staff")
async def on_button(turn: Turn, data: CompetitionCb) -> None:
    """List, card, the deadline question and the entrant pages; the service checks rights."""
    screen = await _screen(turn, data)
    await turn.answer()
    await turn.show(screen)


async def _screen(turn: Turn, data: CompetitionCb) -> Screen:
    """Any screen but the deadline question drops a date question left unanswered."""
    edit, tr = _edit(turn), turn.tr
    tid, cid = turn.tid, data.competition_id
    if data.action == "move":
        return views.ask_deadline(tr, await edit.begin_move(tid, cid))
    if data.action == "list":
        screen = await _listing(turn)
    elif data.action == "extend":
        competition, found = await edit.entrant_rows(tid, cid)
        screen = views.entrants(tr, competition, found, data.page)
    else:
        screen = await card_screen(turn, cid)
    await edit.leave(tid)
    return screen


@button(EntrantCb, denied="competition_staff", stale="competition_staff")
async def on_entrant(turn: Turn, data: EntrantCb) -> None:
    """An entrant picked for more time: the date is asked next."""
    edit = _edit(turn)
    competition, entrant = await edit.begin_extend(turn.tid, data.competition_id, data.entrant_id)
    await turn.answer()
    await turn.show(views.ask_extension(turn.tr, competition, entrant))


@command(denied="competition_staff")
async def on_text(turn: Turn) -> None:
    """The typed date; a wrong one is explained and the question stays open. Then the card
    again, as a new message below the confirmation."""
    edit = _edit(turn)
    changed = await edit.text(turn.tid, turn.text)
    done = views.moved if changed.entrant is None else views.extended
    await turn.say(done(turn.tr, changed))
    await turn.say(await card_screen(turn, changed.competition.id))


async def card_screen(turn: Turn, competition_id: int) -> Screen:
    """The card, which names its programme for someone who sees several."""
    overview = await _edit(turn).overview(turn.tid, competition_id)
    names = await turn.svc.competitions.programme_names(turn.tid)
    programme = names.get(overview.competition.programme_id or 0)
    return views.card(turn.tr, overview, turn.svc.clock.now(), programme)


def register(app: App) -> None:
    app.add_handler(on_button.route(action=ACTIONS))
    app.add_handler(on_entrant.route(action="extend"))
    flow_steps.flow(DEADLINE_FLOW, on_text, media_refused)
    flow_steps.flow(EXTEND_FLOW, on_text, media_refused)
