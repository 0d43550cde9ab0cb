"""/seminars: staff get the list and a card per seminar; members get their own seminars."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import CallbackDataError, SeminarCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal, refusal_text
from bot.core.screens import Screen
from bot.seminars.views import cards as views
from handlers.common import PRIVATE, Context, say, services, show, tr_for

CONCERNED = ("invited", "going", "waitlist")


async def seminars_command(update: Update, context: Context) -> None:
    """Staff manage seminars here; members see theirs. Others are told to register first."""
    svc = services(context)
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    actor = await svc.people.actor(tid)
    if actor.is_staff:
        items = await svc.seminars.listing(tid)
        await say(update, views.listing(tr, items, svc.clock.now()))
        return
    try:
        mine = await svc.rsvp.mine(tid)
    except NotAllowed:
        await say(update, refusal_text(tr, Refusal("register_first")))
        return
    await say(update, views.mine(tr, mine, svc.clock.now()))


async def show_card(update: Update, context: Context, seminar_id: int, new_message=False) -> None:
    svc = services(context)
    tr = await tr_for(update, context)
    seminar, counts = await svc.seminars.card(update.effective_user.id, seminar_id)
    screen = views.card(tr, seminar, counts)
    await (say(update, screen) if new_message else show(update, screen))


async def on_button(update: Update, context: Context) -> None:
    """Open, list, edit menu, cancel (asked first) and feedback; all checked by the service."""
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = SeminarCb.unpack(query.data)
        screen = await _screen(update, context, tr, data)
    except (CallbackDataError, Refusal, NotAllowed, NotFound) as exc:
        await query.answer(refusal(tr, exc, "not_allowed"), show_alert=True)
        return
    await query.answer()
    await show(update, screen)


async def _screen(update: Update, context: Context, tr, data: SeminarCb) -> Screen:
    svc = services(context)
    tid = update.effective_user.id
    if data.action == "list":
        return views.listing(tr, await svc.seminars.listing(tid), svc.clock.now())
    if data.action == "cancel_yes":
        _, told = await svc.seminars.cancel(tid, data.seminar_id)
    seminar, counts = await svc.seminars.card(tid, data.seminar_id)
    if data.action == "edit":
        return views.edit_menu(tr, seminar)
    if data.action == "cancel":
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        concerned = sum(counts.get(s, 0) for s in CONCERNED)
        return views.cancel_question(tr, seminar, concerned)
    if data.action == "feedback":
        return views.feedback(tr, await svc.attendance.feedback(tid, data.seminar_id))
    screen = views.card(tr, seminar, counts)
    if data.action == "cancel_yes":
        note = tr.ngettext(
            "The seminar is cancelled; {count} member is being told.",
            "The seminar is cancelled; {count} members are being told.",
            told,
        ).format(count=told)
        return Screen("🚫 " + note + "\n\n" + screen.text, screen.markup)
    return screen


def register(app: Application) -> None:
    app.add_handler(CommandHandler("seminars", seminars_command, filters=PRIVATE))
    actions = {"open", "list", "edit", "cancel", "cancel_yes", "feedback"}
    app.add_handler(CallbackQueryHandler(on_button, pattern=SeminarCb.where(action=actions)))
