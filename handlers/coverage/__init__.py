"""/coverage for staff: which municipalities have approved staff, region → district."""

from __future__ import annotations

from handlers.common import App
from handlers.coverage import coverage


def register(app: App) -> None:
    coverage.register(app)
