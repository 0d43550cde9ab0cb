"""Reviewers' screens: /submissions ID and the list buttons, a submission's card, its files and
history, status changes, and the comment, deadline, rejection reason and score typed in the
review flows. A panel reviewer who may not manage the competition gets their own list from
/submissions instead (panel_review.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.competitions.callbacks import CompetitionCb, ReviewCb
from bot.competitions.service.reviews import Card, review_data
from bot.competitions.views import panel_review as panel_views
from bot.competitions.views import review as views
from bot.core import replies
from bot.core.errors import NotAllowed, Refusal
from bot.core.fields import whole_number
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.competitions.flows import leave_when_denied, media_refused
from handlers.routes import command
from handlers.stored_files import send_held

if TYPE_CHECKING:
    from bot.competitions.repo.submissions import Version
    from bot.competitions.service.panel_review import Assignment

ACTIONS = {"open", "files", "history", "status", "score"}


@command(denied="competition_staff")
async def submissions_command(turn: Turn) -> None:
    """/submissions ID: the same list as the competition card's Submissions button."""
    args = turn.args
    number = whole_number(args[0]) if len(args) == 1 else None
    mine = await _assigned(turn, number)
    if number is None:
        await turn.say(panel_views.queue(turn.tr, mine) if mine else views.ask_number(turn.tr))
        return
    try:
        found = await turn.svc.reviews.listing(turn.tid, number)
    except NotAllowed:
        if not mine:
            raise
        await turn.say(panel_views.queue(turn.tr, mine))
        return
    await turn.say(views.listing(turn.tr, found))


async def _assigned(turn: Turn, competition_id: int | None) -> list[Assignment]:
    """What this person reviews on a panel (in that competition, when one is named)."""
    try:
        return await turn.svc.scoring.queue(turn.tid, competition_id)
    except NotAllowed:
        return []


@button(CompetitionCb, denied="competition_staff", stale="competition_staff")
async def on_list(turn: Turn, data: CompetitionCb) -> None:
    found = await turn.svc.reviews.listing(turn.tid, data.competition_id, data.value, data.page)
    await turn.answer()
    await turn.show(views.listing(turn.tr, found))


@button(ReviewCb, denied="competition_staff", stale="competition_staff")
async def on_button(turn: Turn, data: ReviewCb) -> None:
    """Open, files, history, a status move, and the two questions (revision, score)."""
    if data.action == "files":
        card = await turn.svc.reviews.card(turn.tid, data.submission_id)
        await turn.answer()
        await send_files(turn, card)
        return
    try:
        screen, question = await _act(turn, data)
    except Refusal as exc:
        if exc.code != "review_moved":
            raise
        screen, question = await _refreshed(turn, data, exc), False
    await turn.answer()
    if question:
        await turn.say(screen)
    else:
        await turn.show(screen)


async def _refreshed(turn: Turn, data: ReviewCb, exc: Refusal) -> Screen:
    """A move on a card that is out of date (someone else moved it, or a new version came):
    the card is drawn as it is now, saying so, and nothing changes."""
    await turn.answer(refusal_text(turn.tr, exc))
    card = await turn.svc.reviews.card(turn.tid, data.submission_id)
    return views.card(turn.tr, card, views.refreshed_note(turn.tr))


async def _act(turn: Turn, data: ReviewCb) -> tuple[Screen, bool]:
    """The screen, and whether it is a question (a new message) or replaces the card."""
    svc, tr, tid, sid = turn.svc.reviews, turn.tr, turn.tid, data.submission_id
    if data.action == "history":
        return views.history(tr, *await svc.history(tid, sid)), False
    if data.action == "status" and data.value == "needs_revision":
        await svc.begin_revision(tid, sid)
        return views.comment_prompt(tr, await svc.card(tid, sid)), True
    if data.action == "status" and data.value == "rejected":
        await svc.begin_reject(tid, sid)
        return views.reason_prompt(tr, await svc.card(tid, sid)), True
    if data.action == "status":
        card = await svc.set_status(tid, sid, data.value)
        return views.card(tr, card, replies.saved(tr)), False
    if data.action == "score":
        await svc.begin_score(tid, sid)
        return views.score_prompt(tr), True
    return views.card(tr, await svc.card(tid, sid)), False


async def send_files(turn: Turn, card: Card) -> None:
    """By file_id, as the entrant sent them: photos and videos in albums, documents apart."""
    assert card.version is not None
    await send_version(turn, card.submission.receipt, card.version)


async def send_version(turn: Turn, receipt: str, version: Version) -> None:
    await send_held(turn, version.files, views.files_caption(turn.tr, receipt, version.version))


@command(on_refusal=leave_when_denied)
async def on_text(turn: Turn) -> None:
    """The revision comment, then its deadline; a rejection's reason; or a score. Saved when
    the last is given."""
    svc = turn.svc.reviews
    flow = await svc.text(turn.tid, turn.text)
    if flow.step == "deadline":
        await turn.say(views.deadline_prompt(turn.tr))
        return
    card = await svc.card(turn.tid, int(review_data(flow)["submission_id"]))
    await turn.say(views.card(turn.tr, card, replies.saved(turn.tr)))


def register(app: App) -> None:
    app.add_handler(CommandHandler("submissions", submissions_command, filters=PRIVATE))
    app.add_handler(on_list.route(action="subs"))
    app.add_handler(on_button.route(action=ACTIONS))
    flow_steps.flow("review_comment", on_text, media_refused)
    flow_steps.flow("review_score", on_text, media_refused)
    flow_steps.flow("review_reason", on_text, media_refused)
