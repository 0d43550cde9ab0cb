"""Handlers for grant projects: staff tracking them, the entrant's reports, the timed requests."""

from __future__ import annotations

from handlers.common import App
from handlers.grants import report, staff, wake


def register(app: App) -> None:
    for module in (staff, report, wake):
        module.register(app)
