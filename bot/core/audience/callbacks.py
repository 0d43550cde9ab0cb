"""A button on another screen that opens a broadcast to an audience ready-made ("✉️ Message
them" on a coverage line); the broadcasts' handlers answer it."""

from __future__ import annotations

from typing import Literal

from bot.core.audience.behaviour import BEHAVIOURS
from bot.core.audience.service import Audience
from bot.core.callback_data import CallbackData, callback

Level = Literal["a", "r", "d", "m"]
LEVELS = {"a": "all", "r": "regions", "d": "districts", "m": "municipalities"}
LETTERS = {
    "n": "no_answer",
    "s": "no_show",
    "a": "attended",
    "u": "not_submitted",
    "r": "needs_revision",
    "w": "winners",
}
"""Behaviours by one letter each, to stay within a button's 64 bytes."""
LETTER_OF = {kind: letter for letter, kind in LETTERS.items()}


@callback("msg1")
class MessageCb(CallbackData):
    """Everyone (`level` "a", `place` 0), a region, a district or a municipality; with
    `behaviour` (a letter of LETTERS, "-" for none) about seminar or competition `event`; in
    programme `programme` (0: the only one open to the reader)."""

    level: Level
    place: int
    behaviour: str = "-"
    event: int = 0
    programme: int = 0

    def audience(self) -> Audience:
        """ValueError for a behaviour no selector offers (a forged button)."""
        found: Audience = {"kind": LEVELS[self.level], "values": [self.place] if self.place else []}
        if self.behaviour != "-":
            kind = LETTERS.get(self.behaviour)
            if kind is None or not any(kind in kinds for kinds in BEHAVIOURS.values()):
                raise ValueError(self.behaviour)
            found["behaviour"] = {"kind": kind, "id": self.event}
        if self.programme:
            found["programme"] = self.programme
        return found


def message(
    level: Level, place: int, behaviour: str | None, event: int, programme: int | None
) -> MessageCb:
    """`behaviour` by its full name (see BEHAVIOURS)."""
    letter = LETTER_OF[behaviour] if behaviour else "-"
    return MessageCb(level, place, letter, event, programme or 0)
