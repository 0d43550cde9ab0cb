"""The profile card with its edit buttons."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardMarkup

from bot.accounts.callbacks import ProfileCb, ProfileField
from bot.core import labels
from bot.core.keyboards import button, rows
from bot.core.places.repo import PlacePath
from bot.core.screens import Screen
from bot.core.users import User
from bot.i18n import Translator


def profile_screen(tr: Translator, user: User, path: PlacePath | None, saved: bool) -> Screen:
    _ = tr._
    place = path.describe(tr.lang) if path is not None else "—"
    lines = [
        "<b>" + _("Your profile") + "</b>",
        _("Name: {name}").format(name=escape(user.full_name or "—")),
        _("Phone: {phone}").format(phone=escape(user.phone or "—")),
        _("Municipality: {place}").format(place=escape(place)),
        _("Position: {position}").format(
            position=escape(labels.position(tr, user.position, user.position_detail))
        ),
        _("Gender: {gender}").format(gender=labels.gender(tr, user.gender)),
        _("Language: {language}").format(language=labels.language_name(user.lang)),
        _("Account: {status}").format(status=labels.status(tr, user.status)),
        _("With the bot since {date}").format(
            date=tr.date(datetime.fromisoformat(user.created_at))
        ),
    ]
    if saved:
        lines.insert(0, "✓ " + _("Saved."))
    edits: list[tuple[ProfileField, str]] = [
        ("name", _("Name")),
        ("phone", _("Phone")),
        ("municipality", _("Municipality")),
        ("position", _("Position")),
        ("gender", _("Gender")),
        ("lang", _("Language")),
    ]
    buttons = [button("✏️ " + label, ProfileCb(field=field)) for field, label in edits]
    return Screen("\n".join(lines), InlineKeyboardMarkup(rows(buttons, per_row=2)))


def staff_profile_screen(tr: Translator, user: User, role: str, saved: bool) -> Screen:
    """Staff who are not a registered member: what members see on their decisions."""
    _ = tr._
    lines = [
        "<b>" + _("Your staff profile") + "</b>",
        _("Name: {name}").format(name=escape(user.full_name or "—")),
        _("Organisation: {organisation}").format(organisation=escape(user.organisation or "—")),
        _("Phone: {phone}").format(phone=escape(user.phone or "—")),
        _("Language: {language}").format(language=labels.language_name(user.lang)),
        _("Role: {role}").format(role=labels.role(tr, role)),
        "<i>"
        + _("Members and other staff see your name and organisation on your decisions.")
        + "</i>",
    ]
    if saved:
        lines.insert(0, "✓ " + _("Saved."))
    edits: list[tuple[ProfileField, str]] = [
        ("name", _("Name")),
        ("organisation", _("Organisation")),
        ("phone", _("Phone")),
        ("lang", _("Language")),
    ]
    buttons = [button("✏️ " + label, ProfileCb(field=field)) for field, label in edits]
    return Screen("\n".join(lines), InlineKeyboardMarkup(rows(buttons, per_row=2)))


def staff_profile_intro(tr: Translator) -> str:
    """Before the first question of a staff member's first /profile."""
    return "👤 " + tr._(
        "Your staff profile: members see your name and organisation on the decisions you "
        "make. It takes three answers."
    )
