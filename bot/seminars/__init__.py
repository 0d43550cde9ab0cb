"""Seminars from invitation to feedback: the wizard, RSVP, reminders, check-in, reports."""
