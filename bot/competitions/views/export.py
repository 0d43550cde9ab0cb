"""Export from the bot: the file names, and what /exportsubmissions says without a number."""

from __future__ import annotations

from bot.competitions.service.export import Export
from bot.i18n import Translator


def ask_number(tr: Translator) -> str:
    return tr._("Please write the competition's number, like: /exportsubmissions 3")


def book_name(found: Export) -> str:
    return f"submissions-{found.name}.xlsx"


def archive_name(found: Export) -> str:
    return f"submissions-{found.name}.zip"
