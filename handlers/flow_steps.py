"""Answers inside a flow (registration or a profile edit): taps, typed text, a shared contact.

Whichever flow is open decides which service takes the answer; the step's question is then
asked again or the next one is shown.
"""

from __future__ import annotations

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.accounts.service.steps import LOCATION_STEPS
from bot.accounts.views import menu as home
from bot.accounts.views.steps import search_screen, step_screen
from bot.core.callback_data import CallbackDataError, PageCb, PickCb
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.places.search import MIN_SCORE
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.core.wizard import FlowService
from handlers.accounts import profile, registration
from handlers.common import PRIVATE, Context, Handler, say, services, show, tr_for, with_menu

OTHER_FLOWS: dict[str, tuple[Handler, Handler]] = {}
"""Flows with their own input handlers (text, media), filled in by those features' register()."""
MENU_TAP: list[Handler] = []
"""The home menu's handler (set by handlers.home), for a menu label typed by hand."""


async def active(context: Context, telegram_id: int) -> tuple[FlowService, Flow] | None:
    """The open registration or profile flow; other flows are routed by OTHER_FLOWS."""
    svc = services(context)
    flow = await svc.current_flow(telegram_id)
    if flow is None:
        return None
    service = {"registration": svc.registration, "profile": svc.profile}.get(flow.flow)
    return (service, flow) if service is not None else None


async def _other(update: Update, context: Context, media: bool) -> bool:
    flow = await services(context).current_flow(update.effective_user.id)
    handlers = OTHER_FLOWS.get(flow.flow) if flow is not None else None
    if handlers is None:
        return False
    await handlers[1 if media else 0](update, context)
    return True


async def ask(update: Update, context: Context, flow: Flow, page: int = 0) -> None:
    """Show the question of the step the flow stands at."""
    tr = await tr_for(update, context)
    if flow.step == "done":
        await profile.show_profile(update, context, saved=True)
        return
    await show(update, await step_screen(services(context), tr, flow, page))


async def on_pick(update: Update, context: Context) -> None:
    """A tap on a choice; an old or forged button gets a notice and the current question."""
    query = update.callback_query
    found = await active(context, update.effective_user.id)
    try:
        data = PickCb.unpack(query.data)
        if found is None:
            raise Refusal("stale")
        if data.step == "confirm":
            await registration.on_confirm(update, context, data.value)
            return
        flow = await found[0].pick(update.effective_user.id, data.step, data.value)
    except (CallbackDataError, Refusal) as exc:
        await _refuse(update, context, found, exc)
        return
    await query.answer()
    await ask(update, context, flow)


async def _refuse(update: Update, context: Context, found, exc: Exception) -> None:
    tr = await tr_for(update, context)
    error = exc if isinstance(exc, Refusal) else Refusal("stale")
    if found is None:
        await update.callback_query.answer(tr._("This button is no longer valid."), show_alert=True)
        return
    await update.callback_query.answer(refusal_text(tr, error), show_alert=True)
    await say(update, await step_screen(services(context), tr, found[1]))


async def on_page(update: Update, context: Context) -> None:
    query = update.callback_query
    found = await active(context, update.effective_user.id)
    try:
        data = PageCb.unpack(query.data)
        if found is None or found[1].step != data.step:
            raise Refusal("stale")
    except (CallbackDataError, Refusal) as exc:
        await _refuse(update, context, found, exc)
        return
    await query.answer()
    await ask(update, context, found[1], page=data.page)


async def on_text(update: Update, context: Context) -> None:
    """Typed text: a place name to search for, a name, or a wrong kind of answer."""
    found = await active(context, update.effective_user.id)
    if found is None:
        if await _other(update, context, media=False):
            return
        if MENU_TAP and home.menu_key(update.effective_message.text) is not None:
            await MENU_TAP[0](update, context)
            return
        await registration.no_flow_text(update, context)
        return
    service, flow = found
    text = update.effective_message.text or ""
    tr = await tr_for(update, context)
    if flow.step in LOCATION_STEPS:
        matches = await services(context).directory.search(text)
        await say(update, search_screen(tr, text, matches, MIN_SCORE))
        return
    try:
        flow = await service.text(update.effective_user.id, text)
    except Refusal as exc:
        await say(update, refusal_text(tr, exc))
        await say(update, await step_screen(services(context), tr, flow))
        return
    await ask(update, context, flow)


async def on_contact(update: Update, context: Context) -> None:
    found = await active(context, update.effective_user.id)
    contact = update.effective_message.contact
    tr = await tr_for(update, context)
    if found is None:
        await say(update, Screen(tr._("Thank you, but I didn't ask for a contact.")))
        return
    service, flow = found
    try:
        flow = await service.contact(
            update.effective_user.id, contact.user_id, contact.phone_number
        )
    except Refusal as exc:
        await say(update, refusal_text(tr, exc))
        await say(update, await step_screen(services(context), tr, flow))
        return
    saved = tr._("Phone number saved: {phone}").format(phone=flow.data["phone"])
    await with_menu(update, context, saved, otherwise=ReplyKeyboardRemove())
    await ask(update, context, flow)


async def on_media(update: Update, context: Context) -> None:
    """A photo, file or sticker where a flow expects an answer: say so, ask again."""
    found = await active(context, update.effective_user.id)
    tr = await tr_for(update, context)
    if found is None:
        if not await _other(update, context, media=True):
            await registration.no_flow_text(update, context)
        return
    await say(update, refusal_text(tr, Refusal("media")))
    await say(update, await step_screen(services(context), tr, found[1]))


def register(app: Application) -> None:
    private = PRIVATE
    app.add_handler(CallbackQueryHandler(on_pick, pattern=PickCb.matches))
    app.add_handler(CallbackQueryHandler(on_page, pattern=PageCb.matches))
    app.add_handler(MessageHandler(private & filters.CONTACT, on_contact))
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_text))
    media = filters.PHOTO | filters.Sticker.ALL | filters.Document.ALL | filters.VIDEO
    media |= filters.VOICE | filters.AUDIO | filters.LOCATION | filters.ANIMATION
    app.add_handler(MessageHandler(private & media, on_media))
