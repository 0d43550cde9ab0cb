"""The audience of a broadcast named in the reader's language, with its count: the preview
and the history say whom it reaches ("Jalal-Abad Region: 34 people"), and how positions and a
behaviour narrowed it; the screens that narrow it."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.broadcasts.callbacks import BroadcastAudienceCb as Cb
from bot.broadcasts.service.audience import Named
from bot.broadcasts.service.wizard import Draft
from bot.core import labels
from bot.core.audience import views as audience
from bot.core.audience.behaviour import Event
from bot.core.audience.repo import Option
from bot.core.audience.service import Audience
from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.i18n import N_, Translator

NAMED = 3
"""Names shown of an audience; more are counted."""


def reach(tr: Translator, kind: str, names: list[Option], count: int) -> str:
    """'Jalal-Abad Region: 34 people', 'Municipalities Beshik-Jon, Kenesh: 5 people'."""
    return tr.ngettext("{audience}: {count} person", "{audience}: {count} people", count).format(
        audience=audience_name(tr, kind, names), count=count
    )


def reach_named(tr: Translator, named: Named, count: int) -> str:
    """A stored audience with what narrowed it, and its count: "Naryn Region · AO heads ·
    Invited to «…», no answer: 5 people"."""
    parts = [audience_name(tr, named.kind, named.places)]
    parts += [escape(labels.position(tr, p)) for p in named.positions]
    if named.behaviour is not None and named.event is not None:
        parts.append(audience.behaviour_name(tr, named.behaviour, named.event))
    return _count(tr, " · ".join(parts), count)


def audience_name(tr: Translator, kind: str, names: list[Option]) -> str:
    """The audience in the reader's language: the chosen places, clusters or positions by name,
    with the kind where the names don't say it."""
    _ = tr._
    if kind == "all":
        return _("All members")
    if not names:
        return _("The chosen members")
    shown = ", ".join(escape(_option_name(tr, option)) for option in names[:NAMED])
    if len(names) > NAMED:
        more = len(names) - NAMED
        shown = tr.ngettext("{names} and {count} more", "{names} and {count} more", more).format(
            names=shown, count=more
        )
    n = len(names)
    if kind == "municipalities":
        return tr.ngettext("Municipality {names}", "Municipalities {names}", n).format(names=shown)
    if kind == "clusters":
        return tr.ngettext("Cluster {names}", "Clusters {names}", n).format(names=shown)
    return shown


def _option_name(tr: Translator, option: Option) -> str:
    value, names = option
    if names is None:
        return labels.position(tr, value)
    return {"ky": names["name_ky"], "ru": names["name_ru"]}.get(tr.lang, names["name_en"])


def narrowed(tr: Translator, draft: Draft) -> list[str]:
    """The preview's count, part by part: "Naryn Region: 120 people", "→ AO heads: 14",
    "→ Invited to «…», no answer: 5"; when nobody is left, why, and that nothing goes out."""
    n = draft.narrowed
    base = n.places if n is not None else draft.recipients
    lines = [reach(tr, draft.audience_kind, list(draft.audience_names), base)]
    if n is not None and n.positions is not None:
        names = ", ".join(escape(labels.position(tr, p)) for p in draft.positions)
        lines.append("→ " + _count(tr, names, n.positions))
    if n is not None and n.behaviour is not None and draft.event and draft.behaviour:
        name = audience.behaviour_name(tr, draft.behaviour, draft.event)
        lines.append("→ " + _count(tr, name, n.behaviour))
    if draft.why_empty:
        lines.append("⚠️ " + audience.why_empty(tr, draft.why_empty, draft.event))
    elif not draft.recipients:
        lines.append("⚠️ " + tr._(NOBODY))
    if not draft.recipients:
        lines.append(tr._("Nothing will be sent. Narrow the audience another way, or cancel."))
    return lines


NOBODY = N_("No registered member matches this audience. Please choose another.")


def _count(tr: Translator, name: str, count: int) -> str:
    one, many = "{audience}: {count} person", "{audience}: {count} people"
    return tr.ngettext(one, many, count).format(audience=name, count=count)


def by_event(tr: Translator) -> list[list[InlineKeyboardButton]]:
    """The kinds screen's last choices: members by what they did at a seminar or competition."""
    return [
        [button(tr._("By seminar"), Cb(action="event", value="seminar"))],
        [button(tr._("By competition"), Cb(action="event", value="competition"))],
    ]


def narrow(tr: Translator, chosen: Audience) -> Screen:
    """The ways to narrow the audience, from the preview."""
    _ = tr._
    keyboard = []
    if chosen["kind"] != "positions":
        keyboard.append([button(_("Only some positions"), Cb(action="narrow", value="positions"))])
    keyboard += by_event(tr)
    keyboard.append([button(_("Choose the audience again"), Cb(action="narrow", value="restart"))])
    keyboard.append([button(_("Back to the preview"), Cb(action="narrow", value="back"))])
    return Screen(_("How should the audience be narrowed?"), InlineKeyboardMarkup(keyboard))


def events(tr: Translator, kind: str, found: list[Event], page: int) -> Screen:
    screen = audience.events(tr, kind, found, page, Cb)
    return _with_back(tr, screen)


def behaviours(tr: Translator, event: Event) -> Screen:
    return _with_back(tr, audience.behaviours(tr, event, Cb))


def _with_back(tr: Translator, screen: Screen) -> Screen:
    """A way out of the behaviour steps: the audience chosen again."""
    keys = screen.markup.inline_keyboard if isinstance(screen.markup, InlineKeyboardMarkup) else ()
    back = [button(tr._("Choose the audience again"), Cb(action="narrow", value="restart"))]
    return Screen(screen.text, InlineKeyboardMarkup([*keys, back]))
