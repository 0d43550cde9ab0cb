"""What staff read when a list of reminders can't be used: the reason, in their words."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from bot.core.refusals import Wording
from bot.core.reminders.settings import Settings, read
from bot.core.reminders.views import times
from bot.i18n import N_, Translator


def _unreadable(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "I couldn't read «{token}». Write how long before, in days (d) and hours (h), "
        "like «3d 1d 2h»."
    ).format(token=escape(str(info["token"])))


def _not_before(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "«{token}» would not come before the event. Each reminder needs at least 1 hour or 1 day."
    ).format(token=escape(str(info["token"])))


def _same(tr: Translator, info: Mapping[str, Any]) -> str:
    """Names both in the reader's words: «1 day» and «24 hours»."""
    first, second = (times(tr, Settings(read(str(info[k]))[0])) for k in ("first", "second"))
    return tr._("«{first}» and «{second}» are the same time. Please keep one of them.").format(
        first=first, second=second
    )


def _too_many(tr: Translator, info: Mapping[str, Any]) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "At most {limit} reminder, please.", "At most {limit} reminders, please.", limit
    ).format(limit=limit)


def _too_far(tr: Translator, info: Mapping[str, Any]) -> str:
    days = int(info["days"])
    return tr.ngettext(
        "«{token}» is too far ahead: at most {days} day before.",
        "«{token}» is too far ahead: at most {days} days before.",
        days,
    ).format(token=escape(str(info["token"])), days=days)


WORDINGS: dict[str, Wording] = {
    "reminders_unreadable": _unreadable,
    "reminder_not_before": _not_before,
    "reminders_same": _same,
    "reminders_too_many": _too_many,
    "reminder_too_far": _too_far,
    "reminder_hour": N_("The hour must be a whole hour from 0:00 to 23:00, like 10:00."),
}
