"""/faq: staff list the questions they taught the bot, add one (phrases, then the answer in
Kyrgyz, then in Russian) and remove one."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.core import replies
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.questions.callbacks import FaqCb
from bot.questions.service.faq import FLOW, Added
from bot.questions.views import faq as views
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command(denied="staff_only")
async def faq_command(turn: Turn) -> None:
    await turn.say(views.listing(turn.tr, await turn.svc.faq.listing(turn.tid)))


@button(FaqCb, denied="staff_only", missing="invalid_button")
async def on_button(turn: Turn, data: FaqCb) -> None:
    svc = turn.svc.faq
    if data.action == "add":
        await svc.begin(turn.tid)
        await turn.answer()
        await turn.say(views.ask_phrases(turn.tr))
    elif data.action == "abort":
        await svc.leave(turn.tid)
        await turn.answer()
        await turn.show(replies.cancelled(turn.tr))
    elif data.action == "remove":
        entry = await svc.to_remove(turn.tid, data.entry_id)
        await turn.answer()
        await turn.show(views.remove_question(turn.tr, entry))
    elif data.action == "remove_yes":
        entry = await svc.remove(turn.tid, data.entry_id)
        await turn.answer(views.removed(turn.tr, entry))
        await turn.show(views.listing(turn.tr, await svc.listing(turn.tid)))
    else:
        await turn.answer()
        await turn.show(views.listing(turn.tr, await svc.listing(turn.tid)))


async def _refused(turn: Turn, exc: Exception) -> None:
    """A refused answer keeps the question open; no longer being staff closes the flow, so the
    next message is not read as an answer."""
    if not isinstance(exc, Refusal):
        await turn.svc.leave_flow(turn.tid)
        exc = Refusal("staff_only")
    await turn.refuse(exc)


@command(on_refusal=_refused)
async def on_text(turn: Turn) -> None:
    """The step's answer; a refused one keeps the question open."""
    svc = turn.svc.faq
    step = await svc.text(turn.tid, turn.text)
    if isinstance(step, Added):
        await turn.say(views.added(turn.tr, step.entry))
        await turn.say(views.listing(turn.tr, await svc.listing(turn.tid)))
    elif step.step == "answer_ky":
        await turn.say(views.ask_answer_ky(turn.tr, list(step.data["phrases"])))
    else:
        await turn.say(views.ask_answer_ru(turn.tr))


@command()
async def on_media(turn: Turn) -> None:
    await turn.say(refusal_text(turn.tr, Refusal("media")))


def register(app: App) -> None:
    app.add_handler(CommandHandler("faq", faq_command, filters=PRIVATE))
    app.add_handler(on_button.route())
    flow_steps.flow(FLOW, on_text, on_media)
