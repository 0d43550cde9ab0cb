"""/console for staff: a one-time sign-in link to the web console, and on https a button that
opens it as a Telegram Mini App."""

from __future__ import annotations

from handlers.common import App
from handlers.console import signin


def register(app: App) -> None:
    signin.register(app)
