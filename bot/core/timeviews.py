"""The words and buttons of a time question, shared by every wizard that asks for one: the quick
picks, the read-back of a typed time, and the refusal that shows an example and the picks again.

Each wizard's buttons are its own: `make(action, minute)` builds its `TimeCb`.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.errors import Refusal
from bot.core.keyboards import button
from bot.core.quicktimes import Pick, TimeCb, minute_of
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.i18n import Translator

Make = Callable[[str, int], TimeCb]
"""Builds a time button of one wizard's step: (action, minute)."""


def label(tr: Translator, pick: Pick) -> str:
    """'Tomorrow, 7 December, 09:00'; a later day is named by its weekday."""
    if pick.day == "today":
        return tr._("Today, {when}").format(when=tr.datetime(pick.when))
    if pick.day == "tomorrow":
        return tr._("Tomorrow, {when}").format(when=tr.datetime(pick.when))
    return tr.datetime(pick.when, weekday=True)


def examples(tr: Translator) -> str:
    """Typed times in the reader's language, each of which the reader understands
    (tests/test_times.py reads every one of them)."""
    return tr._("tomorrow at 9, Monday 10:00, 25.12 14:30")


def typing_hint(tr: Translator) -> str:
    return tr._("Write the day and time (Bishkek time), for example: {examples}").format(
        examples=examples(tr)
    )


def pick_rows(tr: Translator, picks: list[Pick], make: Make) -> list[list[InlineKeyboardButton]]:
    """One pick a row (a label with its date is long), then [Another time]; nothing when there
    is nothing to pick, and the question asks to type instead."""
    if not picks:
        return []
    rows = [[button(label(tr, p), make("at", _minute(p)))] for p in picks]
    return [*rows, [button(tr._("Another time"), make("type", 0))]]


def question(tr: Translator, text: str, picks: list[Pick]) -> str:
    """The question; with no picks to offer, it asks to type at once."""
    return text if picks else text + "\n" + typing_hint(tr)


def typing(tr: Translator, text: str) -> str:
    """After [Another time]: the question, and how to write the time."""
    return text + "\n" + typing_hint(tr)


def refused(tr: Translator, error: Refusal) -> str:
    """Why a time was refused; a time that can't be read, or has passed, with an example."""
    if error.code == "bad_time":
        return tr._("I couldn't read this time.") + "\n" + typing_hint(tr)
    if error.code == "time_in_past":
        return refusal_text(tr, error) + "\n" + typing_hint(tr)
    return refusal_text(tr, error)


def read_back(tr: Translator, pick: Pick, make: Make) -> Screen:
    """'Wednesday, 25 December, 09:00?' [Yes] [Another time]."""
    keyboard = [
        [
            button(tr._("Yes"), make("at", _minute(pick))),
            button(tr._("Another time"), make("type", 0)),
        ]
    ]
    return Screen(label(tr, pick) + "?", InlineKeyboardMarkup(keyboard))


def chosen(tr: Translator, text: str, pick: Pick) -> Screen:
    """The question as answered, its buttons gone."""
    return Screen(text + "\n✅ " + label(tr, pick))


def _minute(pick: Pick) -> int:
    return minute_of(pick.when)
