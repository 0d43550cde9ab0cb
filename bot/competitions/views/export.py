"""Export from the bot: the file names, and what /exportsubmissions says without a number."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.competitions.callbacks import CompetitionCb
from bot.competitions.repo.competitions import Competition
from bot.competitions.service.export import Export
from bot.competitions.views import text
from bot.competitions.views.staff import Programmes, grouped, prefixed
from bot.core.keyboards import button, rows
from bot.core.screens import Screen
from bot.core.texts import clip
from bot.i18n import Translator


def ask_number(tr: Translator) -> str:
    return tr._("Please write the competition's number, like: /exportsubmissions 3")


def _title(tr: Translator, c: Competition) -> str:
    return clip(text.pick(tr, c.content(), "title"), 40)


def choices(tr: Translator, found: list[Competition], names: Programmes) -> Screen:
    """/exportsubmissions without a number (or with a programme's code): the competitions
    this person may export, by programme for someone who sees several."""
    if not found:
        return Screen(tr._("There are no competitions to export."))
    keys = [
        button(prefixed(tr, c, names, f"📤 {c.code} · {_title(tr, c)}"),
               CompetitionCb(competition_id=c.id, action="export"))
        for c in grouped(found, names)
    ]  # fmt: skip
    head = tr._("Choose a competition to export its submissions:")
    return Screen(head + "\n" + ask_number(tr), InlineKeyboardMarkup(rows(keys)))


def book_name(found: Export) -> str:
    return f"submissions-{found.name}.xlsx"


def archive_name(found: Export) -> str:
    return f"submissions-{found.name}.zip"
