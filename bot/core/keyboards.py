"""Keyboard builders. Labels arrive translated; callback data is always a typed payload."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.core.callback_data import CallbackData, LangCb, PageCb, PickCb, Step
from bot.core.labels import LANGUAGE_NAMES

PAGE_SIZE = 8


def button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def rows(
    buttons: Sequence[InlineKeyboardButton], per_row: int = 1
) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def languages() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(name, LangCb(lang=code))] for code, name in LANGUAGE_NAMES.items()]
    )


def choices(
    step: Step, options: Sequence[tuple[str, str]], per_row: int = 1
) -> InlineKeyboardMarkup:
    """One button per (value, label); for short fixed lists such as positions."""
    return _choices(step, tuple(options), per_row)


@functools.lru_cache(maxsize=256)
def _choices(
    step: Step, options: tuple[tuple[str, str], ...], per_row: int
) -> InlineKeyboardMarkup:
    """Kept: the same few lists go out with every registration (PTB's keyboard objects, and
    their serialisation in bot.http.Bot, cost more than the rest of a step)."""
    buttons = [button(label, PickCb(step=step, value=value)) for value, label in options]
    return InlineKeyboardMarkup(rows(buttons, per_row))


def paged(
    step: Step,
    options: Sequence[tuple[int, str]],
    page: int,
    parent: int,
    labels: dict[str, str],
    per_row: int = 1,
) -> InlineKeyboardMarkup:
    """A page of places with ◀ ▶ when there are more, and a way back up a level."""
    return _paged(step, tuple(options), page, parent, tuple(labels.items()), per_row)


@functools.lru_cache(maxsize=512)
def _paged(
    step: Step,
    options: tuple[tuple[int, str], ...],
    page: int,
    parent: int,
    extra: tuple[tuple[str, str], ...],
    per_row: int,
) -> InlineKeyboardMarkup:
    """Kept, like _choices: the directory's pages are the same for everyone in a language."""
    labels = dict(extra)
    pages = max(1, -(-len(options) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    chunk = options[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    keyboard = rows([button(label, PickCb(step=step, value=str(v))) for v, label in chunk], per_row)
    nav = []
    if page > 0:
        nav.append(button("◀", PageCb(step=step, parent=parent, page=page - 1)))
    if pages > 1:
        nav.append(button(f"{page + 1}/{pages}", PageCb(step=step, parent=parent, page=page)))
    if page < pages - 1:
        nav.append(button("▶", PageCb(step=step, parent=parent, page=page + 1)))
    if nav:
        keyboard.append(nav)
    if "back" in labels:
        keyboard.append([button(labels["back"], PickCb(step=step, value="back"))])
    return InlineKeyboardMarkup(keyboard)


def share_contact(label: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label, request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
