"""The grant projects' buttons (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback

GrantAction = Literal["open", "list", "status", "set_status", "percent", "stones", "add_stones",
                      "stone", "schedule", "set_schedule", "close", "close_yes", "reports",
                      "files"]  # fmt: skip


@callback("gr1")
class GrantCb(CallbackData):
    """Staff actions on one project. `item` is a milestone, a report or a number of days;
    `value` a status, a schedule or a milestone's new state."""

    project_id: int
    action: GrantAction
    item: int = 0
    value: str = "-"


@callback("grp1")
class ReportCb(CallbackData):
    """The entrant's report on a project: start it (from the request or /status), Done, or
    leave it."""

    project_id: int
    action: Literal["start", "done", "abort"]
