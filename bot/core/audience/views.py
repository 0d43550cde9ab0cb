"""The audience selector's buttons, shared by the broadcast, seminar and competition wizards.

Each wizard has its own callback type; `make(action, value, page)` builds one of its buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import labels
from bot.core.audience.behaviour import BEHAVIOURS, Event
from bot.core.audience.repo import Names, Option
from bot.core.audience.service import KINDS, Audience
from bot.core.callback_data import CallbackData
from bot.core.keyboards import PAGE_SIZE, button, rows
from bot.core.places.order import by_name
from bot.core.screens import Screen
from bot.core.texts import StaffTexts, clip
from bot.i18n import N_, Translator

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
    tr: Translator,
    audience: Audience,
    options: list[Option],
    page: int,
    make: Make,
    query: str | None = None,
    searchable: bool = False,
) -> Screen:
    """A page of the options with ◀ n/N ▶ reaching every page; `searchable` when the wizard
    reads typed text as a search (`options` are then what it found for `query`)."""
    chosen = {str(v) for v in audience["values"]}
    if not query:
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
        keyboard.append(nav(pages, page, lambda p: make(action="page", value="-", page=p)))
    if query:
        keyboard.append([button(tr._("Show the whole list"), make(action="page", value="all"))])
    keyboard.append([button(tr._("Done"), make(action="done", value="-"))])
    lines = [tr._("Choose one or more, then press Done.")]
    if searchable and (pages > 1 or query):
        lines.append(tr._("To find one, type part of its name."))
    if query:
        found = N_("Found for «{query}»:") if options else N_("Nothing found for «{query}».")
        lines.append(tr._(found).format(query=escape(query)))
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def nav(pages: int, page: int, make: Callable[[int], CallbackData]) -> list[InlineKeyboardButton]:
    """◀ n/N ▶: every page is a tap or two away, however long the list."""
    found = []
    if page > 0:
        found.append(button("◀", make(page - 1)))
    found.append(button(f"{page + 1}/{pages}", make(page)))
    if page < pages - 1:
        found.append(button("▶", make(page + 1)))
    return found


def _label(tr: Translator, option: Option) -> str:
    value, names = option
    return labels.position(tr, value) if names is None else _name(names, tr.lang)


def _name(names: Names, lang: str) -> str:
    return {"ky": names["name_ky"], "ru": names["name_ru"]}.get(lang, names["name_en"])


BEHAVIOUR_LABELS = {
    "no_answer": N_("Invited, no answer"),
    "no_show": N_("Said yes, did not come"),
    "attended": N_("Attended the seminar"),
    "not_submitted": N_("Sent no submission"),
    "needs_revision": N_("Asked to revise"),
    "winners": N_("Winners"),
}
"""The behaviours as buttons, once the seminar or competition is chosen."""

BEHAVIOUR_NAMES = {
    "no_answer": N_("Invited to «{title}», no answer"),
    "no_show": N_("Said yes to «{title}» but did not come"),
    "attended": N_("Attended «{title}»"),
    "not_submitted": N_("Entrants of «{title}» with no submission"),
    "needs_revision": N_("Asked to revise their submission to «{title}»"),
    "winners": N_("Winners of «{title}»"),
}
"""A behaviour with its seminar or competition, as the preview and the history name it."""

WHY_EMPTY = {
    "gone": N_("That seminar or competition is no longer there."),
    "not_ended": N_("«{title}» has not ended yet, so nobody has missed it."),
    "not_started": N_("«{title}» has not started yet, so nobody has attended it."),
    "not_published": N_("The results of «{title}» are not published yet."),
    "no_answer": N_("Everyone invited to «{title}» has answered."),
    "no_show": N_("Everyone who said yes to «{title}» came."),
    "attended": N_("Nobody attended «{title}»."),
    "not_submitted": N_("Every entrant of «{title}» has sent a submission."),
    "needs_revision": N_("No submission to «{title}» is waiting for a revision."),
    "winners": N_("«{title}» has no winners."),
    "narrowed": N_(
        "Some members match, but none of them is in the places and positions chosen, or they "
        "turned announcements off."
    ),
}
"""Why a behaviour audience is empty, by the code `Audiences.why_empty` gives."""


def event_title(tr: Translator, event: Event) -> str:
    return StaffTexts(tr).pick(event.title_ky, event.title_ru)


def behaviour_name(tr: Translator, kind: str, event: Event) -> str:
    return tr._(BEHAVIOUR_NAMES[kind]).format(title=escape(event_title(tr, event)))


def why_empty(tr: Translator, code: str, event: Event | None) -> str:
    title = escape(event_title(tr, event)) if event is not None else ""
    return tr._(WHY_EMPTY[code]).format(title=title)


def events(tr: Translator, kind: str, found: list[Event], page: int, make: Make) -> Screen:
    """The seminars or competitions to choose from, the latest first, paged like the picker."""
    _ = tr._
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    buttons = [
        button(
            f"{clip(event_title(tr, e), 40)} · {tr.date(e.starts_at)}",
            make(action="eventid", value=str(e.id), page=page),
        )
        for e in found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ]
    keyboard = rows(buttons)
    if pages > 1:
        keyboard.append(nav(pages, page, lambda p: make(action="event", value=kind, page=p)))
    if kind == "seminar":
        text = _("Which seminar?") if found else _("There is no seminar you can choose here.")
    else:
        text = (
            _("Which competition?") if found else _("There is no competition you can choose here.")
        )
    return Screen(text, InlineKeyboardMarkup(keyboard))


def behaviours(tr: Translator, event: Event, make: Make) -> Screen:
    """What members did at the chosen seminar or competition."""
    kinds = BEHAVIOURS[event.kind]
    buttons = [button(tr._(BEHAVIOUR_LABELS[k]), make(action="behaviour", value=k)) for k in kinds]
    text = tr._("«{title}»: whom should it reach?").format(title=escape(event_title(tr, event)))
    return Screen(text, InlineKeyboardMarkup(rows(buttons)))


def places_or_positions(
    tr: Translator, data: Mapping[str, Any], step: str, options: list[Option], page: int,
    make: Make,
) -> Screen:  # fmt: skip
    """A wizard's audience picker: the places (typed text searches them), or, at
    "positions_pick", the positions that narrow them. `data` is the wizard flow's data."""
    chosen = data["audience"]
    if step == "positions_pick":
        positions: Audience = {"kind": "positions", "values": list(chosen.get("positions") or [])}
        screen = picker(tr, positions, options, page, make)
        return Screen(tr._("Only members in these positions:") + "\n" + screen.text, screen.markup)
    return picker(tr, chosen, options, page, make, query=data.get("query"), searchable=True)
