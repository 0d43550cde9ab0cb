"""Broadcast screens: the wizard, the progress card, the history and its CSV."""
