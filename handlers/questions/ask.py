"""Free text with no question open: matched to what the bot can answer (bot.questions)."""

from __future__ import annotations

from bot.questions.views import answers as views
from handlers import flow_steps
from handlers.common import App, Turn
from handlers.routes import command


@command(denied="register_first")
async def on_question(turn: Turn) -> None:
    """Approved members and staff get an answer from their own data; text that matches
    nothing gets the menu and the coordinator. Anyone else hears where their registration
    stands, as before."""
    actor = await turn.actor()
    if not (actor.is_approved or actor.is_staff):
        if flow_steps.NO_FLOW:
            await flow_steps.NO_FLOW[0].run(turn)
        return
    found = await turn.svc.questions.ask(turn.tid, turn.text)
    screen = views.answer(turn.tr, found)
    if screen.markup is None:
        await turn.with_menu(screen.text)
    else:
        await turn.say(screen)


def register(app: App) -> None:
    flow_steps.QUESTIONS.append(on_question)
