"""The coverage buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from bot.core.callback_data import CallbackData, callback


@callback("cov1")
class CoverageCb(CallbackData):
    """One level of /coverage: every region (both ids 0), a region, or a district; in one
    programme, or 0 for every programme the reader works in."""

    programme_id: int = 0
    region_id: int = 0
    district_id: int = 0
