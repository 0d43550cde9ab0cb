"""Reviewers' screens: /submissions ID and the list buttons, a submission's card, its files and
history, status changes, and the comment, deadline and score typed in the review flows."""

from __future__ import annotations

from telegram import InputMediaPhoto, InputMediaVideo, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.accounts.service.steps import whole_number
from bot.competitions.service.reviews import Card, Reviews
from bot.competitions.views import review as views
from bot.core.callback_data import CallbackDataError, CompetitionCb, ReviewCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal, refusal_text
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.common import PRIVATE, Context, say, services, show, tr_for

REFUSED = (CallbackDataError, Refusal, NotAllowed, NotFound)
ALBUM = {"photo": InputMediaPhoto, "video": InputMediaVideo}


async def submissions_command(update: Update, context: Context) -> None:
    """/submissions ID: the same list as the competition card's Submissions button."""
    tr = await tr_for(update, context)
    args = context.args or []
    number = whole_number(args[0]) if len(args) == 1 else None
    if number is None:
        await say(update, tr._("Send /submissions and the competition's number: /submissions 3"))
        return
    try:
        found = await services(context).reviews.listing(update.effective_user.id, number)
    except REFUSED as exc:
        await say(update, refusal(tr, exc, "competition_staff"))
        return
    await say(update, views.listing(tr, found))


async def on_list(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = CompetitionCb.unpack(query.data)
        found = await services(context).reviews.listing(
            update.effective_user.id, data.competition_id, data.value, data.page
        )
    except REFUSED as exc:
        await query.answer(refusal(tr, exc, "competition_staff"), show_alert=True)
        return
    await query.answer()
    await show(update, views.listing(tr, found))


async def on_button(update: Update, context: Context) -> None:
    """Open, files, history, a status move, and the two questions (revision, score)."""
    query = update.callback_query
    tr = await tr_for(update, context)
    svc = services(context).reviews
    tid = update.effective_user.id
    try:
        data = ReviewCb.unpack(query.data)
        if data.action == "files":
            card = await svc.card(tid, data.submission_id)
        else:
            screen, question = await _act(svc, tr, tid, data)
    except REFUSED as exc:
        await query.answer(refusal(tr, exc, "competition_staff"), show_alert=True)
        return
    await query.answer()
    if data.action == "files":
        await send_files(update, context, card)
    else:
        await (say if question else show)(update, screen)


async def _act(svc: Reviews, tr, tid: int, data: ReviewCb) -> tuple[Screen, bool]:
    """The screen, and whether it is a question (a new message) or replaces the card."""
    sid = data.submission_id
    if data.action == "history":
        return views.history(tr, *await svc.history(tid, sid)), False
    if data.action == "status" and data.value == "needs_revision":
        await svc.begin_revision(tid, sid)
        return views.comment_prompt(tr, await svc.card(tid, sid)), True
    if data.action == "status":
        card = await svc.set_status(tid, sid, data.value)
        return views.card(tr, card, saved(tr)), False
    if data.action == "score":
        await svc.begin_score(tid, sid)
        return views.score_prompt(tr), True
    return views.card(tr, await svc.card(tid, sid)), False


def saved(tr) -> str:
    return "✅ " + tr._("Saved.")


async def send_files(update: Update, context: Context, card: Card) -> None:
    """By file_id, as the entrant sent them: photos and videos in albums, documents apart."""
    tr = await tr_for(update, context)
    chat, version = update.effective_chat.id, card.version
    assert version is not None
    caption = tr._("{receipt}, version {version}").format(
        receipt=card.submission.receipt, version=version.version
    )
    for batch in views.file_batches(version.files):
        first, caption = caption, None
        if len(batch) > 1:
            media = [ALBUM[f.kind](f.file_id, caption=first if n == 0 else None)
                     for n, f in enumerate(batch)]  # fmt: skip
            await context.bot.send_media_group(chat, media)
            continue
        f = batch[0]
        send = {"photo": context.bot.send_photo, "video": context.bot.send_video}.get(
            f.kind, context.bot.send_document
        )
        await send(chat, f.file_id, caption=first)


async def on_text(update: Update, context: Context) -> None:
    """The revision comment, then its deadline; or a score. Saved when the last is given."""
    tr = await tr_for(update, context)
    svc = services(context).reviews
    tid = update.effective_user.id
    try:
        flow = await svc.text(tid, update.effective_message.text or "")
        if flow.step == "done":
            card = await svc.card(tid, int(flow.data["submission_id"]))
    except Refusal as exc:
        await say(update, refusal_text(tr, exc))
        return
    except (NotAllowed, NotFound) as exc:
        await services(context).leave_flow(tid)
        await say(update, refusal(tr, exc, "competition_staff"))
        return
    if flow.step == "deadline":
        await say(update, views.deadline_prompt(tr))
        return
    await say(update, views.card(tr, card, saved(tr)))


async def on_media(update: Update, context: Context) -> None:
    await say(update, refusal_text(await tr_for(update, context), Refusal("media")))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("submissions", submissions_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_list, pattern=CompetitionCb.where(action="subs")))
    actions = {"open", "files", "history", "status", "score"}
    app.add_handler(CallbackQueryHandler(on_button, pattern=ReviewCb.where(action=actions)))
    flow_steps.OTHER_FLOWS["review_comment"] = (on_text, on_media)
    flow_steps.OTHER_FLOWS["review_score"] = (on_text, on_media)
