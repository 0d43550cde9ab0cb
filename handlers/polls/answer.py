"""A member's answers: a tap on an option, ticks and Done, or a typed number or text after
"Answer"; a survey's next question after each answer. The tapped message is edited to show
the answer (and a way to change it while that is allowed)."""

from __future__ import annotations

from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.refusals import refusal_text
from bot.polls.callbacks import PollAnswerCb
from bot.polls.service.answers import PollClosed, Shown
from bot.polls.views import member as views
from handlers import basics, flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.routes import command


@button(PollAnswerCb, denied="forbidden", stale="stale")
async def on_answer(turn: Turn, data: PollAnswerCb) -> None:
    """After the close the tap is told so, and sees the results if staff shared them."""
    answers = turn.svc.poll_answers
    try:
        shown = await answers.tap(turn.tid, data.poll, data.q, data.action, data.value, data.mask)
    except PollClosed as exc:
        await turn.alert(refusal_text(turn.tr, exc))
        if exc.poll.shared_at is not None:
            results = await turn.svc.poll_results.count(exc.poll, grouped=False)
            await turn.show(views.closed(turn.tr, results))
        return
    await turn.answer()
    await turn.show(views.question(turn.tr, shown))
    await _after(turn, shown)


async def _after(turn: Turn, shown: Shown) -> None:
    """A survey's next question, or its thanks, once an answer is stored."""
    if not shown.answer or not shown.poll.survey:
        return
    if shown.next is None:
        await turn.say(views.thanks(turn.tr))
        return
    kind = shown.poll.questions[shown.next].kind
    await turn.say(
        views.question(turn.tr, Shown(shown.poll, shown.next, typing=kind in ("number", "text")))
    )


@command(denied="forbidden")
async def on_text(turn: Turn) -> None:
    """A typed number or text; one out of range is refused with the range. After the close
    the answer flow ends, so the next text is read as usual."""
    try:
        shown = await turn.svc.poll_answers.typed(turn.tid, turn.text)
    except PollClosed as exc:
        await turn.svc.poll_answers.abort(turn.tid)
        await turn.say(refusal_text(turn.tr, exc))
        return
    await turn.say(views.question(turn.tr, shown))
    await _after(turn, shown)


@command(denied="forbidden")
async def on_media(turn: Turn) -> None:
    raise Refusal("poll_text_empty")


async def ask_again(turn: Turn, flow: Flow) -> None:
    """After "Keep going": the question that waits for an answer."""
    await turn.show(views.question(turn.tr, await turn.svc.poll_answers.where(turn.tid)))


def register(app: App) -> None:
    app.add_handler(on_answer.route())
    flow_steps.flow("poll_answer", on_text, on_media)
    basics.resume_with("poll_answer", ask_again)
