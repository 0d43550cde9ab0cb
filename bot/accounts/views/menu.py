"""The home menu: a reply keyboard of the things people come back for.

A tap on the menu arrives as plain text, the label itself. Labels are matched in every
language, so a keyboard still showing the old language after a switch keeps working.
"""

from __future__ import annotations

import functools

from telegram import ReplyKeyboardMarkup

from bot.config import LANGUAGES
from bot.i18n import N_, Translator, translator

MEMBER_ROWS = (
    ("status",),
    ("seminars", "competitions"),
    ("submissions", "profile"),
    ("language", "help"),
)
STAFF_ROWS = (("broadcast", "approvals"), ("reports",))
LABELS = {
    "status": N_("📋 My status"),
    "seminars": N_("📅 Seminars"),
    "competitions": N_("🏆 Competitions"),
    "submissions": N_("📨 My submissions"),
    "profile": N_("👤 Profile"),
    "language": N_("🌐 Language"),
    "help": N_("❓ Help"),
    "broadcast": N_("📣 Broadcast"),
    "approvals": N_("✅ Registrations to approve"),
    "reports": N_("📊 Reports"),
}
STAFF_ONLY = frozenset(key for row in STAFF_ROWS for key in row)
EARLIER = {
    "📨 Мои заявки": "submissions",
    "📣 Кабар таратуу": "broadcast",
    "📣 Рассылка": "broadcast",
    "✅ Ырастай турган каттоолор": "approvals",
    "✅ Заявки на регистрацию": "approvals",
}
"""Labels of earlier versions (the translation review of December 2026 renamed them): a
keyboard sent before the change stays on members' phones and must keep working."""


def keyboard(tr: Translator, staff: bool) -> ReplyKeyboardMarkup:
    return _keyboard(tr.lang, staff)


@functools.cache
def _keyboard(lang: str, staff: bool) -> ReplyKeyboardMarkup:
    """Built once per language and kind: it goes with many replies and never changes."""
    tr = translator(lang)
    layout = MEMBER_ROWS + (STAFF_ROWS if staff else ())
    return ReplyKeyboardMarkup(
        [[tr._(LABELS[key]) for key in row] for row in layout],
        resize_keyboard=True,
        is_persistent=True,
    )


def _plain(text: str) -> str:
    """Without the leading emoji and case, for labels typed by hand."""
    words = text.split()
    if words and not any(ch.isalnum() for ch in words[0]):
        words = words[1:]
    return " ".join(words).casefold()


@functools.cache
def _index() -> dict[str, str]:
    found = {}
    for lang in LANGUAGES:
        tr = translator(lang)
        for key, label in LABELS.items():
            found[tr._(label)] = key
            found[_plain(tr._(label))] = key
    for label, key in EARLIER.items():
        found.setdefault(label, key)
        found.setdefault(_plain(label), key)
    return found


def menu_key(text: str | None, exact: bool = False) -> str | None:
    """The menu item a text stands for, in whichever language it was shown. Without `exact`,
    a label typed by hand ("help", "Семинары") counts too."""
    if not text or len(text) > 64:
        return None
    index = _index()
    found = index.get(text.strip())
    return found if found or exact else index.get(_plain(text))
