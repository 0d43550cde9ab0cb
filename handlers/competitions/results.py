"""Results: the staff Results screen, recording an award (with its condition and grant in a
small flow), publishing after a preview, and /results for members."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.competitions.views import results as views
from bot.core.callback_data import CallbackDataError, CompetitionCb, ResultCb, ReviewCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.flows import Flow
from bot.core.refusals import refusal, refusal_text
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.common import PRIVATE, Context, say, services, show, tr_for

REFUSED = (CallbackDataError, Refusal, NotAllowed, NotFound)


async def results_command(update: Update, context: Context) -> None:
    """Members read the published results; staff get their competitions' Results screens."""
    svc = services(context)
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    if (await svc.people.actor(tid)).is_staff:
        listing = [c for c, _ in await svc.competitions.listing(tid)]
        await say(update, views.staff_menu(tr, listing))
        return
    try:
        found = await svc.results.published_for(tid)
    except NotAllowed:
        await say(update, refusal_text(tr, Refusal("register_first")))
        return
    await say(update, views.member_results(tr, found))


async def on_competition(update: Update, context: Context) -> None:
    """Results, Publish (a preview) and Publish-yes, from the card or the Results screen."""
    query = update.callback_query
    tr = await tr_for(update, context)
    svc = services(context).results
    tid = update.effective_user.id
    try:
        data = CompetitionCb.unpack(query.data)
        if data.action == "publish":
            screen = views.preview(tr, await svc.preview(tid, data.competition_id))
        else:
            note = ""
            if data.action == "publish_yes":
                note = views.published_note(tr, await svc.publish(tid, data.competition_id))
            screen = views.board(tr, await svc.board(tid, data.competition_id), note)
    except REFUSED as exc:
        await query.answer(refusal(tr, exc, "competition_staff"), show_alert=True)
        return
    await query.answer()
    await show(update, screen)


async def on_review(update: Update, context: Context) -> None:
    """The award menu of one submission, or "Skip" on the grant question."""
    query = update.callback_query
    tr = await tr_for(update, context)
    svc = services(context)
    tid = update.effective_user.id
    try:
        data = ReviewCb.unpack(query.data)
        if data.action == "skip":
            screen = await _saved(context, tr, await svc.results.skip(tid, data.submission_id))
        else:
            screen = views.award_menu(tr, await svc.reviews.card(tid, data.submission_id))
    except REFUSED as exc:
        await query.answer(refusal(tr, exc, "competition_staff"), show_alert=True)
        return
    await query.answer()
    await show(update, screen)


async def on_award(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    try:
        data = ResultCb.unpack(query.data)
        flow = await services(context).results.choose(tid, data.submission_id, data.award)
        if flow is None:
            done = Flow(tid, "result_form", "done", {"submission_id": data.submission_id})
            screen = await _saved(context, tr, done)
    except REFUSED as exc:
        await query.answer(refusal(tr, exc, "competition_staff"), show_alert=True)
        return
    await query.answer()
    if flow is None:
        await show(update, screen)
    else:
        await say(update, _question(tr, flow))


def _question(tr, flow: Flow) -> Screen:
    if flow.step == "condition":
        return views.condition_prompt(tr)
    return views.grant_prompt(tr, int(flow.data["submission_id"]))


async def _saved(context: Context, tr, flow: Flow) -> Screen:
    """After a result is saved: the competition's Results screen, to record the next one."""
    svc = services(context)
    tid = flow.telegram_id
    card = await svc.reviews.card(tid, int(flow.data["submission_id"]))
    board = await svc.results.board(tid, card.competition.id)
    return views.board(tr, board, "✅ " + tr._("Saved."))


async def on_text(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    try:
        flow = await services(context).results.text(tid, update.effective_message.text or "")
        screen = await _saved(context, tr, flow) if flow.step == "done" else _question(tr, flow)
    except Refusal as exc:
        await say(update, refusal_text(tr, exc))
        return
    except (NotAllowed, NotFound) as exc:
        await services(context).leave_flow(tid)
        await say(update, refusal(tr, exc, "competition_staff"))
        return
    await say(update, screen)


async def on_media(update: Update, context: Context) -> None:
    await say(update, refusal_text(await tr_for(update, context), Refusal("media")))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("results", results_command, filters=PRIVATE))
    actions = {"results", "publish", "publish_yes"}
    app.add_handler(
        CallbackQueryHandler(on_competition, pattern=CompetitionCb.where(action=actions))
    )
    app.add_handler(
        CallbackQueryHandler(on_review, pattern=ReviewCb.where(action={"result", "skip"}))
    )
    app.add_handler(CallbackQueryHandler(on_award, pattern=ResultCb.matches))
    flow_steps.OTHER_FLOWS["result_form"] = (on_text, on_media)
