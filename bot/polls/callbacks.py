"""The polls buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback


@callback("plw1")
class PollWizardCb(CallbackData):
    """A step of the /polls wizard; the audience selector's buttons ("kind", "toggle", "page",
    "done") carry the same fields as the broadcast's. `value` of "programme" is its id, of
    "qkind" the answer kind, of "anon" "1" or "0", of "remind" hours before the close."""

    action: Literal[
        "programme", "skip", "qkind", "more", "enough", "anon", "remind", "kind", "toggle",
        "page", "done", "send", "later", "abort",
    ]  # fmt: skip
    value: str
    page: int = 0


@callback("pla1")
class PollAudienceCb(CallbackData):
    """The audience narrowed from the preview, as in the broadcast wizard."""

    action: Literal["narrow", "positions", "event", "eventid", "behaviour"]
    value: str
    page: int = 0


@callback("pan1")
class PollAnswerCb(CallbackData):
    """A member's answer to question `q` of poll `poll`: "pick" option `value`; "toggle"
    option `value` of a several-options question whose ticked options are the bits of
    `mask` (kept in the button, nothing stored until "done"); "change" shows the buttons
    again; "write" opens the typed answer; "start" opens a survey where it stands."""

    poll: int
    q: int
    action: Literal["pick", "toggle", "done", "change", "write", "start"]
    value: int = 0
    mask: int = 0


@callback("pol1")
class PollCb(CallbackData):
    """Staff actions on one poll: its card, chart, spreadsheet, sharing the results (asked,
    then "share_yes"), closing it now (asked, then "close_yes")."""

    poll: int
    action: Literal["card", "chart", "xlsx", "share", "share_yes", "close", "close_yes", "new"]
