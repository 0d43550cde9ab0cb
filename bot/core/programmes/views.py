"""Programmes as readers see them: a push's label, the member's mute switches, the staff list
and the guarded close; the wizards' programme step. In the reader's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.core.callback_data import CallbackData
from bot.core.keyboards import button, rows
from bot.core.programmes.callbacks import ProgrammeCb
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Membership
from bot.core.refusals import Wording
from bot.core.screens import Screen
from bot.i18n import N_, Translator


def label(tr: Translator, programme: Programme) -> str:
    """The first line of a push, so a member of two programmes knows whose message it is."""
    return "📌 <b>" + escape(programme.name(tr.lang)) + "</b>"


def labelled(tr: Translator, programme: Programme | None, text: str) -> str:
    return text if programme is None else label(tr, programme) + "\n" + text


def choose(
    tr: Translator, programmes: list[Programme], make: Callable[[int], CallbackData]
) -> Screen:
    """The wizards' first step, shown only to someone who works in several programmes."""
    keys = [button(p.name(tr.lang), make(p.id)) for p in programmes]
    return Screen(tr._("Which programme is this for?"), InlineKeyboardMarkup(rows(keys)))


def memberships(tr: Translator, found: list[Membership]) -> Screen:
    _ = tr._
    if not found:
        return Screen(_("No programme works with your municipality yet."))
    lines = [_("The programmes that work with your municipality:")]
    keys = []
    for m in found:
        plain = m.programme.name(tr.lang)
        name, pid = escape(plain), m.programme.id
        if m.muted:
            lines.append(_("🔕 {name}: its announcements are muted").format(name=name))
            unmute = ProgrammeCb(action="unmute", programme_id=pid)
            keys.append(button(_("🔔 Hear from {name}").format(name=plain), unmute))
        else:
            lines.append(_("🔔 {name}").format(name=name))
            mute = ProgrammeCb(action="mute", programme_id=pid)
            keys.append(button(_("🔕 Mute {name}").format(name=plain), mute))
    lines.append("")
    lines.append(
        _(
            "A muted programme sends you no announcements, invitations or calls. Reminders "
            "about what you already answered still come."
        )
    )
    return Screen("\n".join(lines), InlineKeyboardMarkup(rows(keys)))


def staff_list(tr: Translator, programmes: list[Programme], is_admin: bool) -> Screen:
    _ = tr._
    if not programmes:
        return Screen(_("You are not staff of any programme. An administrator adds you."))
    lines = [_("Programmes:")]
    keys = []
    for p in programmes:
        state = _("active") if p.active else _("finished")
        line = _("• {name} ({code}), {state}").format(
            name=escape(p.name(tr.lang)), code=escape(p.code), state=state
        )
        if p.donor:
            line += "\n  " + _("Donor: {donor}").format(donor=escape(p.donor))
        lines.append(line)
        if is_admin and p.active:
            text = _("Close {name}").format(name=p.name(tr.lang))
            keys.append(button(text, ProgrammeCb(action="close", programme_id=p.id)))
    if is_admin:
        lines.append(_("New programmes are added with: python -m bot programme add"))
    return Screen("\n".join(lines), InlineKeyboardMarkup(rows(keys)) if keys else None)


def close_confirm(tr: Translator, programme: Programme, waiting: int) -> Screen:
    """What can't be undone says what it will cost before it happens."""
    _ = tr._
    text = _(
        "Close «{name}»? Its seminars, competitions and broadcasts stay in its reports, "
        "but nothing new can be started in it."
    ).format(name=escape(programme.name(tr.lang)))
    if waiting:
        text += "\n" + tr.ngettext(
            "{count} scheduled message will not be sent.",
            "{count} scheduled messages will not be sent.",
            waiting,
        ).format(count=waiting)
    text += "\n" + _("This can't be undone.")
    keys = [
        [
            button(
                _("Yes, close it"), ProgrammeCb(action="confirm_close", programme_id=programme.id)
            )
        ],
        [button(_("Back"), ProgrammeCb(action="back", programme_id=programme.id))],
    ]
    return Screen(text, InlineKeyboardMarkup(keys))


def closed(tr: Translator, programme: Programme, dropped: int) -> str:
    text = tr._("«{name}» is closed.").format(name=escape(programme.name(tr.lang)))
    if dropped:
        text += " " + tr.ngettext(
            "{count} scheduled message was stopped.",
            "{count} scheduled messages were stopped.",
            dropped,
        ).format(count=dropped)
    return text


def _unknown_region(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("Unknown region: {codes}. Known regions: {known}.").format(
        codes=escape(str(info["codes"])), known=info["known"]
    )


def _unknown(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("There is no programme with the code {code}.").format(
        code=escape(str(info["given"]))
    )


def _bad_code(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "A programme code is up to 20 Latin letters, digits or dashes, such as psi or voice: "
        "{code} is not one."
    ).format(code=escape(str(info["given"])))


WORDINGS: dict[str, Wording] = {
    "no_programme": N_("You are not staff of any open programme. An administrator adds you."),
    "choose_programme": N_("Please choose the programme first."),
    "programme_closed": N_("This programme is closed."),
    "unknown_programme": _unknown,
    "bad_programme_code": _bad_code,
    "bad_programme_dates": N_(
        "Dates are written as YYYY-MM-DD, and the end comes after the start."
    ),
    "unknown_region": _unknown_region,
}
