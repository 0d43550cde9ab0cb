"""Seminar screens and files: texts, cards, the wizard, check-in, reports, calendar files."""
