"""Handlers for seminars: cards, the wizard, RSVP, check-in, feedback and reports."""

from __future__ import annotations

from handlers.common import App
from handlers.seminars import cards, checkin, feedback, form, reports, rsvp


def register(app: App) -> None:
    """Check-in's `/start checkin_…` deep link must come before registration's `/start`."""
    for module in (checkin, cards, form, rsvp, feedback, reports):
        module.register(app)
