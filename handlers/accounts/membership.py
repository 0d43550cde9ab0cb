"""Telegram tells the bot when a member blocks or unblocks it; pushes wait or resume."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.ext import ChatMemberHandler

from handlers.common import App, Context, services


async def on_my_chat_member(update: Update, context: Context) -> None:
    """No reply is possible or wanted here: only the pushes waiting for this chat change."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    status = change.new_chat_member.status
    blocked = status in (ChatMember.BANNED, ChatMember.LEFT)
    await services(context).accounts.set_reachable(change.chat.id, reachable=not blocked)


def register(app: App) -> None:
    app.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
