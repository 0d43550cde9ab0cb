"""/broadcast: text per language, an optional attachment, an audience, a preview, a time."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.broadcasts import views
from bot.core.callback_data import BroadcastWizardCb, CallbackDataError
from bot.core.errors import NotAllowed, Refusal
from bot.core.refusals import refusal, refusal_text
from bot.core.screens import Screen
from bot.delivery.templates import Rendered
from handlers import flow_steps
from handlers.broadcasts.history import post_progress
from handlers.common import PRIVATE, Context, begin_staff_flow, say, services, show, tr_for


async def broadcast_command(update: Update, context: Context) -> None:
    await begin_staff_flow(update, context, services(context).broadcasts.begin, views.step_screen)


async def ask(update: Update, context: Context, flow, page: int = 0) -> None:
    """The next question; the preview and confirm steps show the whole message first."""
    svc = services(context).broadcasts
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    if flow.step in ("preview", "confirm"):
        draft = await svc.draft(tid)
        for message in views.preview_messages(draft, services(context).config.tz):
            await send_rendered(update, message)
        markup = views.preview_buttons(tr, confirm=flow.step == "confirm")
        await say(update, Screen(views.preview(tr, draft).text, markup))
        return
    options = None
    if flow.step == "audience_pick":
        options = await svc.options(tid, flow.data["audience"]["kind"])
    await show(update, views.step_screen(tr, flow, options, page))


def telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units: an emoji outside the basic plane counts as two."""
    return len(text.encode("utf-16-le")) // 2


async def send_rendered(update: Update, message: Rendered) -> None:
    chat = update.effective_chat
    if message.photo:
        await chat.send_photo(message.photo, caption=message.text or None)
    elif message.document:
        await chat.send_document(message.document, caption=message.text or None)
    else:
        await chat.send_message(message.text)


async def on_text(update: Update, context: Context) -> None:
    """A text for the current language, or the time for a scheduled broadcast."""
    svc = services(context).broadcasts
    message = update.effective_message
    tid = update.effective_user.id
    try:
        flow = await svc.current(tid)
        if flow is not None and flow.step == "schedule":
            flow = await svc.when(tid, message.text)
        elif flow is not None and flow.step in ("text_ky", "text_ru"):
            flow = await svc.text(tid, message.text_html, telegram_length(message.text or ""))
        else:
            raise Refusal("use_buttons")
    except Refusal as exc:
        await say(update, refusal_text(await tr_for(update, context), exc))
        return
    await ask(update, context, flow)


async def on_media(update: Update, context: Context) -> None:
    """A photo or document becomes the attachment; anything else is refused."""
    svc = services(context).broadcasts
    tr = await tr_for(update, context)
    message = update.effective_message
    if message.photo:
        kind, file_id, name = "photo", message.photo[-1].file_id, None
    elif message.document:
        kind, file_id, name = "document", message.document.file_id, message.document.file_name
    else:
        await say(update, tr._("Only a photo or a document can be attached."))
        return
    try:
        flow = await svc.attach(update.effective_user.id, kind, file_id, name)
    except Refusal as exc:
        await say(update, refusal_text(tr, exc))
        return
    await ask(update, context, flow)


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = BroadcastWizardCb.unpack(query.data)
        if data.action == "confirm":
            await _confirm(update, context)
            return
        flow, page = await _act(context, update.effective_user.id, data)
    except (CallbackDataError, Refusal, NotAllowed) as exc:
        await query.answer(refusal(tr, exc), show_alert=True)
        return
    await query.answer()
    if flow is None:
        await show(update, Screen(tr._("Cancelled.")))
        return
    await ask(update, context, flow, page)


async def _act(context: Context, tid: int, data: BroadcastWizardCb):
    svc = services(context).broadcasts
    page = 0
    if data.action == "abort":
        await services(context).leave_flow(tid)
        return None, page
    if data.action in ("skip", "noattach"):
        return await svc.skip(tid), page
    if data.action == "kind":
        return await svc.choose_kind(tid, data.value), page
    if data.action == "toggle":
        return await svc.toggle(tid, data.value), data.page
    if data.action == "page":
        flow = await svc.current(tid)
        if flow is None or flow.step != "audience_pick":
            raise Refusal("stale")
        return flow, data.page
    if data.action == "done":
        return await svc.audience_done(tid), page
    if data.action == "later":
        return await svc.ask_time(tid), page
    return await svc.when(tid, None), page


async def _confirm(update: Update, context: Context) -> None:
    """A scheduled time that passed while the preview was open is asked for again."""
    svc = services(context).broadcasts
    try:
        item = await svc.confirm(update.effective_user.id)
    except Refusal as exc:
        if exc.code != "time_in_past":
            raise
        tr = await tr_for(update, context)
        await update.callback_query.answer(refusal_text(tr, exc), show_alert=True)
        await ask(update, context, await svc.current(update.effective_user.id))
        return
    await update.callback_query.answer()
    await post_progress(update, context, item)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("broadcast", broadcast_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=BroadcastWizardCb.matches))
    flow_steps.OTHER_FLOWS["broadcast"] = (on_text, on_media)
