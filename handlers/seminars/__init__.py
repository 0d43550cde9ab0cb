"""Handlers for seminars: cards, the wizard, RSVP, check-in, feedback and reports."""
