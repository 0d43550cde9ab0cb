"""Announcements from staff to an audience, sent through the outbox, with progress and history."""
