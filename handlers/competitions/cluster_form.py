"""/newcluster: staff name a cluster and tick its municipalities, then save it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.competitions.views import cluster_form as views
from bot.core.callback_data import CallbackDataError, ClusterFormCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.common import PRIVATE, Context, begin_staff_flow, say, services, show, tr_for

REFUSED = (CallbackDataError, Refusal, NotAllowed, NotFound)


def _error(tr, exc: Exception) -> str:
    """A forged button from someone who is not staff, an old one, or the step's own message."""
    if isinstance(exc, NotAllowed):
        return tr._("This command is for project staff.")
    return views.error(tr, exc if isinstance(exc, Refusal) else Refusal("stale"))


async def new_cluster(update: Update, context: Context) -> None:
    await begin_staff_flow(update, context, services(context).cluster_form.begin, views.step_screen)


async def ask(update: Update, context: Context, flow, page: int = 0) -> None:
    svc = services(context).cluster_form
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    if flow.step == "summary":
        await show(update, views.summary(tr, await svc.summary(tid)))
        return
    choices = await svc.choices(tid) if flow.step == "members" else []
    await show(update, views.step_screen(tr, flow, choices, page))


async def on_text(update: Update, context: Context) -> None:
    """A name, or on the list a search; a refused answer is explained and nothing is lost."""
    svc = services(context).cluster_form
    try:
        flow = await svc.text(update.effective_user.id, update.effective_message.text or "")
    except (Refusal, NotAllowed) as exc:
        await say(update, _error(await tr_for(update, context), exc))
        return
    await ask(update, context, flow)


async def on_media(update: Update, context: Context) -> None:
    await say(update, views.error(await tr_for(update, context), Refusal("media")))


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    svc = services(context).cluster_form
    try:
        data = ClusterFormCb.unpack(query.data)
        if data.action == "confirm":
            _, saved = await svc.confirm(tid)
        elif data.action == "abort":
            await svc.abort(tid)
        else:
            flow = await _act(svc, tid, data)
    except REFUSED as exc:
        await query.answer(_error(tr, exc), show_alert=True)
        return
    await query.answer()
    if data.action == "confirm":
        await show(update, views.saved(tr, saved))
    elif data.action == "abort":
        await show(update, Screen(tr._("Cancelled.")))
    else:
        await ask(update, context, flow, data.page)


async def _act(svc, tid: int, data: ClusterFormCb):
    if data.action == "toggle":
        return await svc.toggle(tid, data.value)
    if data.action == "page":
        return await svc.page(tid, data.value)
    return await svc.done(tid)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("newcluster", new_cluster, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=ClusterFormCb.matches))
    flow_steps.OTHER_FLOWS["cluster_form"] = (on_text, on_media)
