"""Screens for who runs a seminar and who came unasked: its organisers, and walk-ins recorded
from the roster."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import labels
from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.core.texts import clip
from bot.i18n import Translator
from bot.seminars.callbacks import CycleCb, Gender, GuestCb, OrganiserCb, SeminarCb, WalkinCb
from bot.seminars.repo.guests import Guest
from bot.seminars.repo.organisers import Organiser
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.organisers import Team
from bot.seminars.service.walkins import Search
from bot.seminars.views import text

NAME = 40
SIGNS = {"female": " ♀", "male": " ♂"}


def _name(person: Organiser) -> str:
    return person.full_name or str(person.telegram_id or person.user_id)


def team(tr: Translator, found: Team) -> Screen:
    """The author, the co-organisers (tap to remove), then staff of the programme to add."""
    _ = tr._
    s = found.seminar
    lines = ["👥 " + _("Organisers of «{title}»").format(title=text.title(tr, s))]
    keyboard = []
    for person in found.organisers:
        if person.author:
            lines.append("• " + escape(_name(person)) + " — " + _("author"))
            continue
        lines.append("• " + escape(_name(person)))
        label = "❌ " + _("Remove {name}").format(name=clip(_name(person), NAME))
        keyboard.append(
            [button(label, OrganiserCb(seminar_id=s.id, user_id=person.user_id, add=0))]
        )
    if found.candidates and not s.cancelled:
        lines += ["", _("Each co-organiser can edit the seminar and mark attendance. Add:")]
        for person in found.candidates:
            label = "➕ " + clip(_name(person), NAME)
            data = OrganiserCb(seminar_id=s.id, user_id=person.user_id, add=1)
            keyboard.append([button(label, data)])
    keyboard.append([button("« " + _("Back"), SeminarCb(seminar_id=s.id, action="open"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def roster_lines(tr: Translator, guests: Sequence[Guest]) -> list[str]:
    """Guests under the roster's head: they have no button, as they have no chat."""
    if not guests:
        return []
    names = ", ".join(escape(g.full_name) + SIGNS.get(g.gender, "") for g in guests)
    return [tr._("Guests without registration: {names}").format(names=names)]


def walkin_prompt(tr: Translator, seminar: Seminar) -> Screen:
    _ = tr._
    head = _(
        "Who came to «{title}» without being on the list? Write part of a registered member's"
        " name, or add a guest who is not registered."
    ).format(title=text.title(tr, seminar))
    return Screen(head, InlineKeyboardMarkup(_walkin_buttons(tr, seminar.id)))


def _walkin_buttons(tr: Translator, seminar_id: int) -> list[list[InlineKeyboardButton]]:
    guest = button("👤 " + tr._("Add a guest"), CycleCb(seminar_id=seminar_id, action="guest"))
    back = button("« " + tr._("Back"), SeminarCb(seminar_id=seminar_id, action="roster"))
    return [[guest], [back]]


def search_results(tr: Translator, found: Search) -> Screen:
    """Tap a name to mark them; or search again by writing another name."""
    _ = tr._
    sid = found.seminar.id
    if not found.found:
        head = _("No registered member matches «{query}». Write another name, or add a guest.")
    else:
        head = _("Members matching «{query}». Tap the one who came, or write another name.")
    keyboard = [
        [button(clip(c.full_name + (f" · {c.municipality}" if c.municipality else ""), 60),
                WalkinCb(seminar_id=sid, user_id=c.user_id))]
        for c in found.found
    ]  # fmt: skip
    keyboard += _walkin_buttons(tr, sid)
    return Screen(head.format(query=escape(found.query)), InlineKeyboardMarkup(keyboard))


def ask_guest_name(tr: Translator, seminar: Seminar) -> Screen:
    back = button("« " + tr._("Back"), SeminarCb(seminar_id=seminar.id, action="roster"))
    return Screen(
        tr._("Write the guest's full name, as for the participants list."),
        InlineKeyboardMarkup([[back]]),
    )


def ask_guest_gender(tr: Translator, seminar: Seminar, name: str) -> Screen:
    genders: tuple[Gender, ...] = ("female", "male", "undisclosed")
    keyboard = [
        [button(labels.gender(tr, g), GuestCb(seminar_id=seminar.id, gender=g))] for g in genders
    ]
    head = tr._("The guest's gender, for the report: {name}").format(name=escape(name))
    return Screen(head, InlineKeyboardMarkup(keyboard))


def walkin_recorded(tr: Translator) -> str:
    return "✅ " + tr._("Recorded as attended.")
