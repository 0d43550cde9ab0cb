"""A member's side of a competition: what is open, and building and sending a submission."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application

from handlers.common import Context


async def show_open(update: Update, context: Context) -> None:
    raise NotImplementedError


def register(app: Application) -> None:
    pass
