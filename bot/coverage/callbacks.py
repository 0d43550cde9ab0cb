"""The coverage buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback
from bot.coverage.repo.events import EventKind

CoverageAction = Literal["open", "pick", "xlsx"]
EventLetter = Literal["-", "s", "c"]
EVENT_KINDS: dict[str, EventKind] = {"s": "seminar", "c": "competition"}
EVENT_LETTERS: dict[EventKind, EventLetter] = {"seminar": "s", "competition": "c"}


@callback("cov2")
class CoverageCb(CallbackData):
    """One level of /coverage: every region (both ids 0), a region, or a district; in one
    programme, or 0 for every programme the reader works in; for a seminar ("s") or a
    competition ("c") when `event` says so. `pick` lists the seminars and competitions to
    choose from; `xlsx` sends the file of the whole scope."""

    programme_id: int = 0
    region_id: int = 0
    district_id: int = 0
    event: EventLetter = "-"
    event_id: int = 0
    action: CoverageAction = "open"

    @property
    def chosen(self) -> tuple[EventKind, int] | None:
        kind = EVENT_KINDS.get(self.event)
        return (kind, self.event_id) if kind is not None else None
