"""/audit [N]: the last N staff actions (20 unless given), for administrators."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.core import audit
from bot.core import auditviews as views
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command(denied="admins_only")
async def audit_command(turn: Turn) -> None:
    args = turn.args
    limit = int(args[0]) if args and args[0].isdigit() else audit.DEFAULT_LIMIT
    await turn.say(views.listing(turn.tr, await turn.svc.audit.latest(turn.tid, limit)))


def register(app: App) -> None:
    app.add_handler(CommandHandler("audit", audit_command, filters=PRIVATE))
