"""Text and keyboards for direct replies, in the reader's language, with user input escaped."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None
TEXT_LIMIT = 4000
"""Below Telegram's 4096, leaving room for the entities escaping adds: past it a screen, and
its buttons, would not open at all."""


def fit_lines(lines: list[str], limit: int = TEXT_LIMIT) -> list[str]:
    """Whole lines only (each line closes its own tags, so the HTML stays valid), then "…"."""
    if len("\n".join(lines)) <= limit:
        return lines
    kept: list[str] = []
    for line in lines:
        if len("\n".join([*kept, line, "…"])) > limit:
            break
        kept.append(line)
    return [*kept, "…"]


@dataclass(frozen=True)
class Screen:
    text: str
    markup: Markup = None
