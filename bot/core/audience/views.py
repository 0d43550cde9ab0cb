"""The audience selector's buttons, shared by the broadcast and seminar wizards.

Each wizard has its own callback type; `make(action, value, page)` builds one of its buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import labels
from bot.core.audience.repo import Names, Option
from bot.core.audience.service import KINDS, Audience
from bot.core.callback_data import CallbackData
from bot.core.keyboards import PAGE_SIZE, button, rows
from bot.core.places.order import by_name
from bot.core.screens import Screen
from bot.i18n import Translator

Make = Callable[..., CallbackData]


def kind_label(tr: Translator, kind: str) -> str:
    _ = tr._
    return {
        "all": _("All members"),
        "regions": _("By region"),
        "districts": _("By district"),
        "municipalities": _("By municipality"),
        "clusters": _("By cluster"),
        "positions": _("By position"),
    }[kind]


def kinds(tr: Translator, make: Make, extra: list[list[InlineKeyboardButton]]) -> Screen:
    choices = [button(kind_label(tr, k), make(action="kind", value=k)) for k in KINDS]
    return Screen(tr._("Who should receive it?"), InlineKeyboardMarkup(rows(choices) + extra))


def picker(
    tr: Translator, audience: Audience, options: list[Option], page: int, make: Make
) -> Screen:
    chosen = set(audience["values"])
    options = by_name(options, tr.lang, lambda option: _label(tr, option))
    pages = max(1, -(-len(options) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    buttons = []
    for value, names in options[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        label = _label(tr, (value, names))
        mark = "✓ " if value in chosen else ""
        buttons.append(button(mark + label, make(action="toggle", value=value, page=page)))
    keyboard = rows(buttons)
    if pages > 1:
        keyboard.append(
            [button(f"{p + 1}", make(action="page", value="-", page=p)) for p in range(pages)][:8]
        )
    keyboard.append([button(tr._("Done"), make(action="done", value="-"))])
    return Screen(tr._("Choose one or more, then press Done."), InlineKeyboardMarkup(keyboard))


def _label(tr: Translator, option: Option) -> str:
    value, names = option
    return labels.position(tr, value) if names is None else _name(names, tr.lang)


def _name(names: Names, lang: str) -> str:
    return {"ky": names["name_ky"], "ru": names["name_ru"]}.get(lang, names["name_en"])
