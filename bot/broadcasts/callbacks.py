"""The broadcasts buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback


@callback("bcw2")
class BroadcastWizardCb(CallbackData):
    """`page` is the picker page the button sits on, so a toggle redraws the same page;
    `value` of a "programme" button is the programme's id."""

    action: Literal[
        "programme", "skip", "noattach", "kind", "toggle", "page", "done", "now", "later",
        "confirm", "abort",
    ]  # fmt: skip
    value: str
    page: int = 0


@callback("bca1")
class BroadcastAudienceCb(CallbackData):
    """The audience beyond places: "narrow" opens the choices on the preview ("back" returns,
    "restart" chooses the audience again), "positions" narrows by position, "event" lists the
    seminars or competitions (`value` the kind, `page` the page), "eventid" picks one by id and
    "behaviour" what its members did."""

    action: Literal["narrow", "positions", "event", "eventid", "behaviour"]
    value: str
    page: int = 0


@callback("bc1")
class BroadcastCb(CallbackData):
    """Actions on one broadcast: stop it, its recipients' CSV, and while it waits to start,
    cancel it (asked, then "cancel_yes"), move it, or "keep" it as it is."""

    broadcast_id: int
    action: Literal["stop", "csv", "cancel", "cancel_yes", "keep", "move"]
