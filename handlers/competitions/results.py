"""Results: the staff Results screen, recording an award (with its condition and grant in a
small flow), publishing after a preview that says what is still open (and, before the deadline,
a second question), and /results for members."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.competitions.callbacks import CompetitionCb, ResultCb, ReviewCb
from bot.competitions.service.results import result_data
from bot.competitions.views import results as views
from bot.core import replies
from bot.core.flows import Flow
from bot.core.screens import Screen
from bot.i18n import Translator
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.competitions.flows import leave_when_denied, media_refused
from handlers.routes import command

PUBLISHING = {"results", "publish", "publish_yes"}


@command(denied="register_first")
async def results_command(turn: Turn) -> None:
    """Members read the published results; staff get their competitions' Results screens."""
    svc = turn.svc
    if (await turn.actor()).is_staff:
        listing = [c for c, _ in await svc.competitions.listing(turn.tid)]
        names = await svc.competitions.programme_names(turn.tid)
        await turn.say(views.staff_menu(turn.tr, listing, names))
        return
    await turn.say(views.member_results(turn.tr, await svc.results.published_for(turn.tid)))


@button(CompetitionCb, denied="competition_staff", stale="competition_staff")
async def on_competition(turn: Turn, data: CompetitionCb) -> None:
    """Results, Publish (a preview with what is still open) and Publish-yes, from the card or
    the Results screen. Before the deadline, publishing is asked a second time ("early")."""
    svc, tid, cid = turn.svc.results, turn.tid, data.competition_id
    if data.action == "results":
        screen = views.board(turn.tr, await svc.board(tid, cid))
    else:
        screen = await _publishing(turn, data)
    await turn.answer()
    await turn.show(screen)


async def _publishing(turn: Turn, data: CompetitionCb) -> Screen:
    """Publish: the numbers first; before the deadline a second, explicit question; then the
    board with how many are being told. A "yes" without the second answer (an old button)
    gets the question before the deadline too."""
    svc, tid, cid = turn.svc.results, turn.tid, data.competition_id
    confirmed_early = data.value == "early"
    check = await svc.publish_check(tid, cid)
    if data.action == "publish":
        early = confirmed_early and check.early
        return views.early(turn.tr, check) if early else views.preview(turn.tr, check)
    if check.early and not confirmed_early:
        return views.early(turn.tr, check)
    note = views.published_note(turn.tr, await svc.publish(tid, cid))
    return views.board(turn.tr, await svc.board(tid, cid), note)


@button(ReviewCb, denied="competition_staff", stale="competition_staff")
async def on_review(turn: Turn, data: ReviewCb) -> None:
    """The award menu of one submission, or "Skip" on the grant question."""
    sid = data.submission_id
    if data.action == "skip":
        await turn.svc.results.skip(turn.tid, sid)
        screen = await _saved(turn, sid)
    else:
        screen = views.award_menu(turn.tr, await turn.svc.reviews.card(turn.tid, sid))
    await turn.answer()
    await turn.show(screen)


@button(ResultCb, denied="competition_staff", stale="competition_staff")
async def on_award(turn: Turn, data: ResultCb) -> None:
    """An award with nothing more to ask is saved at once; otherwise its question follows."""
    flow = await turn.svc.results.choose(turn.tid, data.submission_id, data.award)
    if flow is None:
        screen = await _saved(turn, data.submission_id)
        await turn.answer()
        await turn.show(screen)
        return
    await turn.answer()
    await turn.say(_question(turn.tr, flow))


def _question(tr: Translator, flow: Flow) -> Screen:
    if flow.step == "condition":
        return views.condition_prompt(tr)
    if flow.step == "until":
        return views.condition_deadline_prompt(tr)
    return views.grant_prompt(tr, int(result_data(flow)["submission_id"]))


async def _saved(turn: Turn, submission_id: int) -> Screen:
    """After a result is saved: the competition's Results screen, to record the next one."""
    card = await turn.svc.reviews.card(turn.tid, submission_id)
    board = await turn.svc.results.board(turn.tid, card.competition.id)
    return views.board(turn.tr, board, replies.saved(turn.tr))


@command(on_refusal=leave_when_denied)
async def on_text(turn: Turn) -> None:
    """The condition and its deadline, then the grant; the result is saved when the last is
    given."""
    flow = await turn.svc.results.text(turn.tid, turn.text)
    if flow.step == "done":
        await turn.say(await _saved(turn, int(result_data(flow)["submission_id"])))
        return
    await turn.say(_question(turn.tr, flow))


def register(app: App) -> None:
    app.add_handler(CommandHandler("results", results_command, filters=PRIVATE))
    app.add_handler(on_competition.route(action=PUBLISHING))
    app.add_handler(on_review.route(action={"result", "skip"}))
    app.add_handler(on_award.route())
    flow_steps.flow("result_form", on_text, media_refused)
