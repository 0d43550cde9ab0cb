"""What a member reads once they answer an invitation: the invitation itself, edited to show
the answer with [Change answer]; the answers again after that button; and the button's short
answer."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.i18n import Translator
from bot.seminars.callbacks import RsvpCb
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.rsvp import Answer
from bot.seminars.views import text


def status_line(tr: Translator, status: str, position: int | None) -> str:
    """The member's answer in one line, as the invitation, /seminars and /status show it."""
    _ = tr._
    if status == "going":
        return "✅ " + _("You will attend.")
    if status == "waitlist":
        return "⏳ " + _("You are on the waitlist, number {position}.").format(position=position)
    if status == "declined":
        return "❌ " + _("You won't attend.")
    return "❔ " + _("You haven't answered yet.")


def may_change(answer: Answer, now: datetime) -> bool:
    """A yes is taken until the answer deadline, a "can't attend" until the start."""
    s = answer.seminar
    if s.cancelled or now >= s.starts_at:
        return False
    return now <= s.rsvp_deadline or answer.status in ("going", "waitlist")


def answered(tr: Translator, answer: Answer, now: datetime) -> Screen:
    """The invitation once answered: the answer first, then the seminar, then [Change answer]."""
    _ = tr._
    s = answer.seminar
    lines = ["<b>" + status_line(tr, answer.status, answer.position) + "</b>"]
    if answer.status == "waitlist":
        lines.append(_("If a place opens up, I will tell you at once."))
    lines += ["", text.details(tr, s, with_description=False, weekday=True)]
    if now <= s.rsvp_deadline and not s.cancelled:
        lines += ["", _("You can change your answer until {deadline}.").format(
            deadline=tr.datetime(s.rsvp_deadline))]  # fmt: skip
    markup = None
    if may_change(answer, now):
        change = RsvpCb(seminar_id=s.id, answer="change")
        markup = InlineKeyboardMarkup([[button("✏️ " + _("Change answer"), change)]])
    return Screen("\n".join(lines), markup)


def choosing(tr: Translator, answer: Answer, now: datetime) -> Screen:
    """After [Change answer]: the answer as it stands, and the answers to choose from again."""
    s = answer.seminar
    lines = [
        status_line(tr, answer.status, answer.position),
        "",
        text.details(tr, s, with_description=False, weekday=True),
    ]
    keyboard = []
    if now <= s.rsvp_deadline:
        lines += ["", text.deadline(tr, s)]
        yes = RsvpCb(seminar_id=s.id, answer="yes")
        keyboard.append([button("✅ " + tr._("I will attend"), yes)])
    no = RsvpCb(seminar_id=s.id, answer="no")
    keyboard.append([button("❌ " + tr._("I can't attend"), no)])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def notice(tr: Translator, answer: Answer) -> str:
    """The button's own short answer (Telegram's small notice at the top of the chat)."""
    _ = tr._
    if not answer.changed:
        return _("This is already your answer.")
    if answer.status == "going":
        return "✅ " + _("Saved: you will attend.")
    if answer.status == "waitlist":
        return "⏳ " + _("Saved: the seminar is full, you are on the waitlist.")
    return _("Saved: you won't attend.")


def calendar_caption(tr: Translator, seminar: Seminar) -> str:
    """Under the calendar file a yes brings."""
    return "📅 " + tr._("Open the file to add «{title}» to your calendar.").format(
        title=text.title(tr, seminar)
    )
