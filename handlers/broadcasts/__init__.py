"""Handlers for the broadcast wizard, the broadcast history and /mute."""

from __future__ import annotations

from handlers.broadcasts import audience, history, schedule, wizard
from handlers.common import App


def register(app: App) -> None:
    for module in (wizard, audience, history, schedule):
        module.register(app)
