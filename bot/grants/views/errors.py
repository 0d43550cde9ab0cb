"""What a person reads when a grant answer or button can't be used. Nothing was stored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core.refusals import Wording
from bot.i18n import N_, Translator


def _line(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "I couldn't read line {line}. Write each milestone on its own line: what is to be done, "
        "then the date, for example «Procure pumps; 15.02.2027». Nothing was saved."
    ).format(line=int(info.get("line", 1)))


def _past(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "The date on line {line} has already passed. Please give a date from today on. "
        "Nothing was saved."
    ).format(line=int(info.get("line", 1)))


def _many(tr: Translator, info: Mapping[str, Any]) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "At most {limit} milestone at once, please.",
        "At most {limit} milestones at once, please.",
        limit,
    ).format(limit=limit)


def _files(tr: Translator, info: Mapping[str, Any]) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "A report can have at most {limit} file. Tap Done to send it.",
        "A report can have at most {limit} files. Tap Done to send it.",
        limit,
    ).format(limit=limit)


WORDINGS: dict[str, Wording] = {
    "grant_not_published": N_("The grants can be tracked once the results are published."),
    "grant_none": N_("No winner of this competition has a grant to track."),
    "grant_closed_staff": N_("This grant project is closed; it can no longer be changed."),
    "grant_closed": N_(
        "This grant project is closed, so reports are no longer accepted. Nothing was saved."
    ),
    "grant_percent": N_("Please send a whole number from 0 to 100."),
    "milestone_line": _line,
    "milestone_past": _past,
    "milestone_many": _many,
    "grant_not_yours": N_(
        "Only the members of the municipality (or cluster) that won this grant can report on it."
    ),
    "grant_report_empty": N_("The report can't be empty. Please write what was done."),
    "grant_text_first": N_(
        "Please write the report's text first (or send the photo with a caption)."
    ),
    "grant_files_or_done": N_("Send photos or documents for the report, or tap Done."),
    "grant_file_type": N_("I can't attach this. Please send photos or documents."),
    "grant_files_many": _files,
}
