""" "✉️ Message them" on a coverage screen: one tap opens a broadcast to exactly the people the
screen counts, at its level (everyone in scope, a region, a district): with a seminar or a
competition chosen, those who did (or did not) something about it; without, the registered
staff there. The broadcasts' handlers answer the button (`bot.core.audience.callbacks`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.core.audience.behaviour import BEHAVIOURS
from bot.core.audience.callbacks import Level, MessageCb, message
from bot.core.audience.views import BEHAVIOUR_LABELS
from bot.core.keyboards import button, rows
from bot.coverage.service.coverage import CoverageReport
from bot.i18n import Translator


def _level(report: CoverageReport) -> tuple[Level, int]:
    if report.district is not None:
        return "d", report.district.id
    if report.region is not None:
        return "r", report.region.id
    return "a", 0


def callbacks(report: CoverageReport) -> list[tuple[str | None, MessageCb]]:
    """(behaviour, button) for the screen's level; behaviour None: the registered staff."""
    level, place = _level(report)
    event = report.event
    if event is None:
        programme = report.programme_id or None
        return [(None, message(level, place, None, 0, programme))]
    return [
        (kind, message(level, place, kind, event.id, event.programme_id))
        for kind in BEHAVIOURS[event.kind]
    ]


def buttons(tr: Translator, report: CoverageReport) -> list[list[InlineKeyboardButton]]:
    found = [
        button("✉️ " + (tr._(BEHAVIOUR_LABELS[kind]) if kind else tr._("Message them")), data)
        for kind, data in callbacks(report)
    ]
    return rows(found, per_row=1 if len(found) == 1 else 2)
