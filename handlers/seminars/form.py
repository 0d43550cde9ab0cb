"""/newseminar and the edit buttons on a seminar card: the seminar wizard, one step at a time."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import CallbackDataError, SeminarEditCb, SeminarFormCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal, refusal_text
from bot.core.screens import Screen
from bot.seminars.views import form as views
from handlers import flow_steps
from handlers.broadcasts.wizard import send_rendered
from handlers.common import PRIVATE, Context, begin_staff_flow, say, services, show, tr_for
from handlers.seminars.cards import show_card

REFUSED = (CallbackDataError, Refusal, NotAllowed, NotFound)


async def new_seminar(update: Update, context: Context) -> None:
    await begin_staff_flow(update, context, services(context).seminar_form.begin, views.step_screen)


async def ask(update: Update, context: Context, flow, page: int = 0) -> None:
    """The next question; at the end, the invitation as members will see it."""
    svc = services(context)
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    if flow.step == "preview":
        preview = await svc.seminar_form.preview(tid)
        concerned = 0
        if preview.editing:
            _, counts = await svc.seminars.card(tid, preview.values["id"])
            concerned = sum(counts.get(s, 0) for s in ("invited", "going", "waitlist"))
        for message in views.preview_messages(preview, svc.config.tz):
            await send_rendered(update, message)
        await say(update, views.preview(tr, preview, concerned))
        return
    options = None
    if flow.step == "audience_pick":
        options = await svc.seminar_form.options(tid, flow.data["audience"]["kind"])
    await show(update, views.step_screen(tr, flow, options, page))


async def on_text(update: Update, context: Context) -> None:
    svc = services(context).seminar_form
    try:
        flow = await svc.text(update.effective_user.id, update.effective_message.text or "")
    except Refusal as exc:
        await say(update, refusal_text(await tr_for(update, context), exc))
        return
    await ask(update, context, flow)


async def on_media(update: Update, context: Context) -> None:
    """A map location answers the location step; other media can't answer anything here."""
    tr = await tr_for(update, context)
    location = update.effective_message.location
    try:
        if location is None:
            raise Refusal("media")
        flow = await services(context).seminar_form.location(
            update.effective_user.id, location.latitude, location.longitude
        )
    except Refusal as exc:
        await say(update, refusal_text(tr, exc))
        return
    await ask(update, context, flow)


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    svc = services(context).seminar_form
    try:
        data = SeminarFormCb.unpack(query.data)
        if data.action == "confirm":
            seminar, count, editing = await svc.confirm(tid)
        else:
            flow, page = await _act(context, tid, data)
    except REFUSED as exc:
        await query.answer(refusal(tr, exc), show_alert=True)
        return
    await query.answer()
    if data.action == "confirm":
        await _created(update, context, seminar, count, editing)
    elif flow is None:
        await show(update, Screen(tr._("Cancelled.")))
    else:
        await ask(update, context, flow, page)


async def _act(context: Context, tid: int, data: SeminarFormCb):
    svc = services(context).seminar_form
    if data.action == "abort":
        await services(context).leave_flow(tid)
        return None, 0
    if data.action == "skip":
        return await svc.skip(tid), 0
    if data.action == "kind":
        return await svc.choose_kind(tid, data.value), 0
    if data.action == "toggle":
        return await svc.toggle(tid, data.value), data.page
    if data.action == "page":
        flow = await svc.current(tid)
        if flow is None or flow.step != "audience_pick":
            raise Refusal("stale")
        return flow, data.page
    return await svc.audience_done(tid), 0


async def _created(update: Update, context: Context, seminar, count: int, editing: bool) -> None:
    tr = await tr_for(update, context)
    if editing:
        text = tr.ngettext(
            "Saved. {count} member will be told.", "Saved. {count} members will be told.", count
        )
    else:
        text = tr.ngettext(
            "The seminar is created. {count} invitation is being sent.",
            "The seminar is created. {count} invitations are being sent.",
            count,
        )
    await show(update, Screen("✅ " + text.format(count=count)))
    await show_card(update, context, seminar.id, new_message=True)


async def on_edit(update: Update, context: Context) -> None:
    """A part of the seminar to change: its questions are asked again, with the current value."""
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = SeminarEditCb.unpack(query.data)
        flow = await services(context).seminar_form.begin_edit(
            update.effective_user.id, data.seminar_id, data.part
        )
    except REFUSED as exc:
        await query.answer(refusal(tr, exc, "not_allowed"), show_alert=True)
        return
    await query.answer()
    await ask(update, context, flow)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("newseminar", new_seminar, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=SeminarFormCb.matches))
    app.add_handler(CallbackQueryHandler(on_edit, pattern=SeminarEditCb.matches))
    flow_steps.OTHER_FLOWS["seminar_form"] = (on_text, on_media)
