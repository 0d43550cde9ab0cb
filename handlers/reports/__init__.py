"""/report and the menu's Reports: the donor report for a period (seminars, competitions,
registrations), its charts and its spreadsheet, and one region's at a tap."""

from __future__ import annotations

from handlers.common import App
from handlers.reports import period, press, sending


def register(app: App) -> None:
    period.register(app)
    sending.register(app)
    press.register(app)
