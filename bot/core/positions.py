"""What a registered person is in their municipality: the positions and genders the bot knows.

Every feature counts by them (reports by position, audiences by position), so they live in
core; their words are in `bot.core.labels`.
"""

from __future__ import annotations

POSITIONS = (
    "head",
    "deputy_head",
    "council_chair",
    "council_deputy",
    "specialist",
    "mayor_office",
    "other",
)
NEEDS_DETAIL = frozenset({"specialist", "other"})
"""Positions whose holder also writes what they do."""
GENDERS = ("female", "male", "undisclosed")
