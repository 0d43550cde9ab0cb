"""The /status switchboard's own buttons: a staff count opens its list."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback


@callback("go1")
class DeskCb(CallbackData):
    """A count on a coordinator's /status: the registrations to approve, the seminars ahead,
    the competitions (with their submissions to review), a panel reviewer's scores to give."""

    to: Literal["approvals", "seminars", "competitions", "grants", "scores"]
