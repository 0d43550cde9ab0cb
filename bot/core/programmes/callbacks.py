"""The programme screen's buttons (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback


@callback("prg1")
class ProgrammeCb(CallbackData):
    action: Literal["mute", "unmute", "close", "confirm_close", "back"]
    programme_id: int
