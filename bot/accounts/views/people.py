"""/people for staff: the counts, finding a member, a member's card with Deactivate or
Reactivate (asked first), the deactivated ones; and what a deactivated member reads."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.accounts.callbacks import AgainCb, MemberCb, PeopleCb
from bot.accounts.repo.people import PersonRow
from bot.accounts.service.membership import MemberCard
from bot.accounts.service.people import Found, Overview
from bot.core import labels
from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.core.texts import clip
from bot.i18n import Translator

LABEL = 40
QUERY_SHOWN = 60


def _home(tr: Translator) -> InlineKeyboardButton:
    return button("« " + tr._("Back"), PeopleCb(action="home"))


def overview(tr: Translator, counts: Overview) -> Screen:
    _ = tr._
    lines = [
        "👥 <b>" + _("People directory") + "</b>",
        _("Members: {members} · deactivated: {inactive} · coordinators: {staff}").format(
            members=counts.members, inactive=counts.inactive, staff=counts.staff
        ),
        "",
        _("To open a member's card, find them by name, municipality or phone."),
    ]
    keyboard = [[button("🔍 " + _("Find a member"), PeopleCb(action="find")),
                 button("📥 XLSX", PeopleCb(action="xlsx"))]]  # fmt: skip
    if counts.inactive:
        label = "🚫 " + _("Deactivated ({count})").format(count=counts.inactive)
        keyboard.append([button(label, PeopleCb(action="inactive"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def search_prompt(tr: Translator) -> Screen:
    text = "🔍 " + tr._("Write part of the member's name, their municipality or phone number.")
    return Screen(text, InlineKeyboardMarkup([[_home(tr)]]))


def _person_button(tr: Translator, row: PersonRow) -> list[InlineKeyboardButton]:
    place = (row.municipality or {}).get(tr.lang) or ""
    mark = "🚫 " if row.status == "inactive" else ""
    label = clip(f"{mark}{row.full_name or '—'} · {place}", LABEL)
    return [button(label, MemberCb(user_id=row.user_id, action="open"))]


def _listing(tr: Translator, head: str, found: Found) -> Screen:
    lines = [head]
    if found.total > len(found.rows):
        lines.append(
            tr._("The first {shown} are shown; write more of the name to narrow it.").format(
                shown=len(found.rows)
            )
        )
    keyboard = [_person_button(tr, row) for row in found.rows]
    keyboard.append([button("🔍 " + tr._("Find a member"), PeopleCb(action="find")), _home(tr)])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def found(tr: Translator, query: str, result: Found) -> Screen:
    shown = escape(clip(query, QUERY_SHOWN))
    if not result.total:
        head = tr._(
            "Nobody matches «{query}». Check the spelling, or search by municipality."
        ).format(query=shown)
        return _listing(tr, head, result)
    head = tr.ngettext(
        "{count} member matches «{query}»:", "{count} members match «{query}»:", result.total
    ).format(count=result.total, query=shown)
    return _listing(tr, head, result)


def inactive(tr: Translator, result: Found) -> Screen:
    head = "🚫 " + tr.ngettext(
        "{count} deactivated member:", "{count} deactivated members:", result.total
    ).format(count=result.total)
    return _listing(tr, head, result)


def _card_lines(tr: Translator, card: MemberCard) -> list[str]:
    _ = tr._
    user = card.user
    place = card.place.describe(tr.lang) if card.place is not None else "—"
    active = user.last_active_at
    lines = [
        "<b>" + escape(user.full_name or "—") + "</b>",
        escape(labels.position(tr, user.position, user.position_detail)),
        _("Municipality: {place}").format(place=escape(place)),
        _("Phone: {phone}").format(phone=escape(user.phone or "—")),
        _("Language: {language}").format(language=labels.language_name(user.lang)),
        _("Registered: {date}").format(
            date=tr.date(datetime.fromisoformat(user.created_at), year=True)
        ),
        _("Last active: {when}").format(
            when=tr.datetime(datetime.fromisoformat(active), year=True) if active else "—"
        ),
        _("Account: {status}").format(status=labels.status(tr, user.status)),
    ]
    change = card.change
    if change is not None:
        when = tr.date(datetime.fromisoformat(change.at), year=True)
        who = escape(change.actor_name or _("administrator"))
        lines.append("🚫 " + _("Deactivated on {date} by {name}.").format(date=when, name=who))
    return lines


def member_card(tr: Translator, card: MemberCard, note: str = "") -> Screen:
    """The card with its one action: Deactivate for an approved member, Reactivate for one
    deactivated; `note` says above it what just happened."""
    _ = tr._
    uid = card.user.id
    if card.user.status == "inactive":
        action = button("↩️ " + _("Reactivate"), MemberCb(user_id=uid, action="reactivate"))
    else:
        action = button("🚫 " + _("Deactivate"), MemberCb(user_id=uid, action="deactivate"))
    lines = _card_lines(tr, card)
    if note:
        lines = [note, "", *lines]
    return Screen("\n".join(lines), InlineKeyboardMarkup([[action], [_home(tr)]]))


def confirm_deactivate(tr: Translator, card: MemberCard) -> Screen:
    """What deactivating does, before it is done: it stops every message to them."""
    _ = tr._
    name = escape(card.user.full_name or "—")
    question = "🚫 " + _(
        "Deactivate {name}? Do it when the person has left office. The bot will send them "
        "nothing more: no announcements, invitations or reminders. Their past attendance and "
        "submissions stay in the reports. They can register again, and you can reactivate "
        "them."
    ).format(name=name)
    uid = card.user.id
    keyboard = [
        [button("🚫 " + _("Yes, deactivate"), MemberCb(user_id=uid, action="confirm"))],
        [button("« " + _("Back"), MemberCb(user_id=uid, action="open"))],
    ]
    text = "\n".join([*_card_lines(tr, card), "", question])
    return Screen(text, InlineKeyboardMarkup(keyboard))


def deactivated_note(tr: Translator, card: MemberCard) -> str:
    if not card.first:
        return "ℹ️ " + tr._("Already deactivated.")
    return "✅ " + tr._("Deactivated. The bot sends them nothing more.")


def reactivated_note(tr: Translator, card: MemberCard) -> str:
    if not card.first:
        return "ℹ️ " + tr._("Already active.")
    return "✅ " + tr._("Reactivated. They were told, and are invited to what is still open.")


def you_are_deactivated(tr: Translator) -> Screen:
    """What a deactivated member reads whenever they write, with the way back."""
    text = "🚫 " + tr._(
        "Your account was deactivated by the project staff, for example because you left "
        "office, so the bot sends you nothing now. Your past seminars and submissions stay "
        "in the records.\nIf you work in a municipality again, tap «Register again»: a "
        "coordinator will approve it as usual."
    )
    again = InlineKeyboardMarkup([[button("↩️ " + tr._("Register again"), AgainCb())]])
    return Screen(text, again)
