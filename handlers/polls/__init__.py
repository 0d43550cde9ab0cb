"""Handlers for polls: the /polls wizard, members' answers, and the results for staff."""

from __future__ import annotations

from handlers.common import App
from handlers.polls import answer, audience, results, wizard


def register(app: App) -> None:
    for module in (wizard, audience, answer, results):
        module.register(app)
