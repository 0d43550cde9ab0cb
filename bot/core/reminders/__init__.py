"""Reminders set per event: the settings, when they go, where they are kept, how they read."""
