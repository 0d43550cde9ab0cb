"""The accounts buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback

ProfileField = Literal[
    "name", "phone", "municipality", "position", "gender", "lang", "organisation"
]


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


RejectReason = Literal["not_staff", "wrong_details", "twice"]
"""The reasons a coordinator picks from a button; the member reads them in their language."""


RejectChoice = Literal["not_staff", "wrong_details", "twice", "other", "back"]


@callback("rej1")
class RejectCb(CallbackData):
    """The reason picker on a registration card: a preset reason rejects at once, "other"
    asks for a typed one, "back" brings the card's Approve and Reject back."""

    user_id: int
    submission: int
    reason: RejectChoice


@callback("again1")
class AgainCb(CallbackData):
    """[Register again] on a rejection: registration from the previous answers."""

    start: Literal["yes"] = "yes"


MenuKey = Literal["seminars", "competitions", "status"]


@callback("menu1")
class MenuCb(CallbackData):
    """A home menu item as an inline button (the welcome after approval)."""

    key: MenuKey


PeopleAction = Literal["xlsx", "find", "inactive", "home"]


@callback("ppl1")
class PeopleCb(CallbackData):
    """/people's buttons: the spreadsheet, finding a member, the deactivated ones, back."""

    action: PeopleAction


MemberAction = Literal["open", "deactivate", "confirm", "reactivate"]


@callback("mbr1")
class MemberCb(CallbackData):
    """A member's card in /people: open it, ask before deactivating, deactivate (confirmed),
    bring back. The service checks the presser's region on every one."""

    user_id: int
    action: MemberAction
