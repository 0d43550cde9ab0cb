"""Handlers for seminars: cards, the wizard, RSVP, check-in, feedback and reports."""

from __future__ import annotations

from handlers.common import App
from handlers.seminars import (
    cards,
    certificates,
    checkin,
    feedback,
    files,
    form,
    link,
    press,
    reminders,
    reports,
    rsvp,
    team,
)


def register(app: App) -> None:
    """Check-in's `/start checkin_…` and a seminar's `/start seminar_…` deep links must come
    before registration's `/start`."""
    modules = (checkin, link, cards, form, rsvp, feedback, reports, certificates, reminders)
    for module in (*modules, files, team, press):
        module.register(app)
