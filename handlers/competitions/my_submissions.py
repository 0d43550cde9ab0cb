"""/mysubmissions: what our municipality (and its clusters) sent, and how it was reviewed."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.competitions.views import my_submissions as views
from bot.core.errors import NotAllowed, Refusal
from bot.core.refusals import refusal_text
from handlers.common import PRIVATE, Context, say, services, tr_for


async def my_submissions(update: Update, context: Context) -> None:
    """Receipt, status, the reviewer's comment and the time left, for each competition."""
    svc = services(context)
    tr = await tr_for(update, context)
    try:
        standings = await svc.submissions.mine(update.effective_user.id)
    except NotAllowed:
        await say(update, refusal_text(tr, Refusal("register_first")))
        return
    await say(update, views.mine(tr, standings, svc.clock.now()))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("mysubmissions", my_submissions, filters=PRIVATE))
