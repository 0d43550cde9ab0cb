"""Staff screens of a competition: the list, its card, moving the deadline, extensions."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application

from handlers.common import Context


async def show_listing(update: Update, context: Context) -> None:
    raise NotImplementedError


def register(app: Application) -> None:
    pass
