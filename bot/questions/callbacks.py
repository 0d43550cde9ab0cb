"""The questions buttons' typed payloads (see bot.core.callback_data for the format). The answers
themselves carry the seminars', competitions' and accounts' own buttons."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback


@callback("faq1")
class FaqCb(CallbackData):
    """/faq: the list, adding an entry (and leaving that), removing one (asked first)."""

    action: Literal["list", "add", "abort", "remove", "remove_yes"]
    entry_id: int = 0
