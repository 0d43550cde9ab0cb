"""/mysubmissions: what our municipality (and its clusters) sent, and how it was reviewed."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.competitions.views import my_submissions as views
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command(denied="register_first")
async def my_submissions(turn: Turn) -> None:
    """Receipt, status, the reviewer's comment and the time left, for each competition."""
    standings = await turn.svc.submissions.mine(turn.tid)
    await turn.say(views.mine(turn.tr, standings, turn.svc.clock.now()))


def register(app: App) -> None:
    app.add_handler(CommandHandler("mysubmissions", my_submissions, filters=PRIVATE))
