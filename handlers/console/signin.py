"""/console: the link works once, for 10 minutes, for the staff member it was sent to; with no
console configured, staff hear that it is off. Anyone else hears the command is for staff."""

from __future__ import annotations

from telegram import LinkPreviewOptions
from telegram.ext import CommandHandler

from bot.console.auth import views
from bot.http import retrying
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
"""A link preview is fetched by Telegram's servers: it must not be the one to use the link."""


@command(denied="staff_only")
async def console_command(turn: Turn) -> None:
    auth = turn.svc.console_auth
    link = await auth.issue_link(turn.tid)
    screen = views.sign_in(turn.tr, link, auth.webapp_url())
    bot, chat = turn.context.bot, turn.chat_id
    await retrying(
        lambda: bot.send_message(
            chat, screen.text, reply_markup=screen.markup, link_preview_options=NO_PREVIEW
        )
    )


def register(app: App) -> None:
    app.add_handler(CommandHandler("console", console_command, filters=PRIVATE))
