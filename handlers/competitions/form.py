"""/newcompetition: the competition wizard for staff, one question at a time."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.competitions.views import form as views
from bot.core.callback_data import CallbackDataError, CompetitionFormCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal, refusal_text
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.common import PRIVATE, Context, begin_staff_flow, say, services, show, tr_for

REFUSED = (CallbackDataError, Refusal, NotAllowed, NotFound)


async def new_competition(update: Update, context: Context) -> None:
    await begin_staff_flow(
        update, context, services(context).competition_form.begin, views.step_screen
    )


async def ask(update: Update, context: Context, flow, page: int = 0) -> None:
    """The next question; at the end, the call as members will read it, then the summary."""
    svc = services(context)
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    if flow.step == "preview":
        preview = await svc.competition_form.preview(tid)
        for text in views.preview_texts(preview, svc.config.tz):
            await say(update, Screen(text))
        await say(update, views.preview(tr, preview))
        return
    options = None
    if flow.step == "audience_pick":
        options = await svc.competition_form.options(tid, flow.data["audience"]["kind"])
    await show(update, views.step_screen(tr, flow, options, page))


async def on_text(update: Update, context: Context) -> None:
    """A typed answer; a refused one is explained and the same question stays open."""
    svc = services(context).competition_form
    try:
        flow = await svc.text(update.effective_user.id, update.effective_message.text or "")
    except (Refusal, NotAllowed) as exc:
        await say(update, refusal(await tr_for(update, context), exc, "competition_staff"))
        return
    await ask(update, context, flow)


async def on_media(update: Update, context: Context) -> None:
    await say(update, refusal_text(await tr_for(update, context), Refusal("media")))


async def on_button(update: Update, context: Context) -> None:
    """Every wizard button; a forged or old one gets an alert and changes nothing."""
    query = update.callback_query
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    try:
        data = CompetitionFormCb.unpack(query.data)
        if data.action == "confirm":
            competition, count = await services(context).competition_form.confirm(tid)
        else:
            flow, page = await _act(context, tid, data)
    except REFUSED as exc:
        otherwise = "competition_staff" if isinstance(exc, NotAllowed) else "stale"
        await query.answer(refusal(tr, exc, otherwise), show_alert=True)
        return
    await query.answer()
    if data.action == "confirm":
        now = services(context).clock.now()
        await show(update, views.created(tr, competition, count, now))
    elif flow is None:
        await show(update, Screen(tr._("Cancelled.")))
    else:
        await ask(update, context, flow, page)


async def _act(context: Context, tid: int, data: CompetitionFormCb):
    svc = services(context).competition_form
    if data.action == "abort":
        await svc.abort(tid)
        return None, 0
    actions = {
        "skip": lambda: svc.skip(tid),
        "entrants": lambda: svc.entrant_kind(tid, data.value),
        "kind": lambda: svc.choose_kind(tid, data.value),
        "toggle": lambda: svc.toggle(tid, data.value),
        "page": lambda: svc.page(tid),
        "done": lambda: svc.audience_done(tid),
        "yesno": lambda: svc.yes_no(tid, data.value),
    }
    page = data.page if data.action in ("toggle", "page") else 0
    return await actions[data.action](), page


def register(app: Application) -> None:
    app.add_handler(CommandHandler("newcompetition", new_competition, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=CompetitionFormCb.matches))
    flow_steps.OTHER_FLOWS["competition_form"] = (on_text, on_media)
