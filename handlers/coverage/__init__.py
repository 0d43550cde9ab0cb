"""/coverage for staff: which municipalities have approved staff, region → district, and for a
seminar or competition who was invited, answered, attended or submitted; as XLSX too."""

from __future__ import annotations

from handlers.common import App
from handlers.coverage import coverage, export


def register(app: App) -> None:
    coverage.register(app)
    export.register(app)
