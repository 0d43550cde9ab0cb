"""The accounts buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback

ProfileField = Literal["name", "phone", "municipality", "position", "gender", "lang"]


@callback("appr2")
class ApprovalCb(CallbackData):
    """`submission` ties the card to one submission: a card for older details can't approve."""

    user_id: int
    submission: int
    decision: Literal["approve", "reject"]


@callback("prof1")
class ProfileCb(CallbackData):
    field: ProfileField


@callback("del1")
class DeleteMeCb(CallbackData):
    answer: Literal["yes", "no"]
