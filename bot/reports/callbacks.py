"""The donor report's buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from bot.core.callback_data import CallbackData, callback


@callback("rpr1")
class RegionReportCb(CallbackData):
    """One region's report for the same period: days as ordinals, to stay within 64 bytes;
    `code` is the programme's, or "-"."""

    first: int
    last: int
    region: int
    code: str


@callback("rpp1")
class PressPeriodCb(CallbackData):
    """The period report's press release: the same days, region (0: all) and programme code
    ("-": none) as the report it sits under."""

    first: int
    last: int
    region: int
    code: str


@callback("rpb1")
class BriefPeriodCb(CallbackData):
    """The period report's donor brief, for the same days, region and programme as
    PressPeriodCb."""

    first: int
    last: int
    region: int
    code: str
