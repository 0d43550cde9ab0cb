"""Staff screens of a competition: the list, its card, moving the deadline, extensions.

The other card buttons (submissions, results, publishing, export) belong to their own
features; this module answers only the actions it registers for.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from bot.competitions.service.edit import DEADLINE_FLOW, EXTEND_FLOW, CompetitionEdit
from bot.competitions.views import staff as views
from bot.core.callback_data import CallbackDataError, CompetitionCb, EntrantCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal, refusal_text
from bot.core.screens import Screen
from bot.i18n import Translator
from handlers import flow_steps
from handlers.common import Context, say, services, show, tr_for

REFUSED = (CallbackDataError, Refusal, NotAllowed, NotFound)
ACTIONS = {"open", "list", "move", "extend"}


def _edit(context: Context) -> CompetitionEdit:
    return CompetitionEdit(services(context).competitions)


async def show_listing(update: Update, context: Context) -> None:
    """The competitions this person may manage, newest deadlines first."""
    svc = services(context)
    tr = await tr_for(update, context)
    items = await svc.competitions.listing(update.effective_user.id)
    await show(update, views.listing(tr, items, svc.clock.now()))


async def show_card(update: Update, context: Context, competition_id: int, new=False) -> None:
    svc = services(context)
    tr = await tr_for(update, context)
    overview = await _edit(context).overview(update.effective_user.id, competition_id)
    screen = views.card(tr, overview, svc.clock.now())
    await (say(update, screen) if new else show(update, screen))


async def on_button(update: Update, context: Context) -> None:
    """List, card, the deadline question and the entrant pages; the service checks rights."""
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = CompetitionCb.unpack(query.data)
        screen = await _screen(update, context, tr, data)
    except REFUSED as exc:
        await query.answer(refusal(tr, exc, "competition_staff"), show_alert=True)
        return
    await query.answer()
    await show(update, screen)


async def _screen(update: Update, context: Context, tr: Translator, data: CompetitionCb) -> Screen:
    """Any screen but the deadline question drops a date question left unanswered."""
    svc = services(context)
    edit = _edit(context)
    tid, cid, now = update.effective_user.id, data.competition_id, svc.clock.now()
    if data.action == "move":
        return views.ask_deadline(tr, await edit.begin_move(tid, cid))
    if data.action == "list":
        screen = views.listing(tr, await svc.competitions.listing(tid), now)
    elif data.action == "extend":
        competition, found = await edit.entrant_rows(tid, cid)
        screen = views.entrants(tr, competition, found, data.page)
    else:
        screen = views.card(tr, await edit.overview(tid, cid), now)
    await edit.leave(tid)
    return screen


async def on_entrant(update: Update, context: Context) -> None:
    """An entrant picked for more time: the date is asked next."""
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = EntrantCb.unpack(query.data)
        competition, entrant = await _edit(context).begin_extend(
            update.effective_user.id, data.competition_id, data.entrant_id
        )
    except REFUSED as exc:
        await query.answer(refusal(tr, exc, "competition_staff"), show_alert=True)
        return
    await query.answer()
    await show(update, views.ask_extension(tr, competition, entrant))


async def on_text(update: Update, context: Context) -> None:
    """The typed date; a wrong one is explained and the question stays open."""
    tr = await tr_for(update, context)
    try:
        changed = await _edit(context).text(
            update.effective_user.id, update.effective_message.text or ""
        )
    except Refusal as exc:
        await say(update, refusal_text(tr, exc))
        return
    except (NotAllowed, NotFound):
        await say(update, refusal_text(tr, Refusal("competition_staff")))
        return
    done = views.moved(tr, changed) if changed.entrant is None else views.extended(tr, changed)
    await say(update, done)
    await show_card(update, context, changed.competition.id, new=True)


async def on_media(update: Update, context: Context) -> None:
    await say(update, refusal_text(await tr_for(update, context), Refusal("media")))


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(on_button, pattern=CompetitionCb.where(action=ACTIONS)))
    app.add_handler(CallbackQueryHandler(on_entrant, pattern=EntrantCb.where(action="extend")))
    flow_steps.OTHER_FLOWS[DEADLINE_FLOW] = (on_text, on_media)
    flow_steps.OTHER_FLOWS[EXTEND_FLOW] = (on_text, on_media)
