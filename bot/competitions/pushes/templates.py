"""Competition pushes: the call, deadline reminders and changes, and receipts for the team.

Rows carry ids only; `kind.py` adds the competition, entrant and submission as they are when
the row goes out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Required, TypedDict

from telegram import InlineKeyboardMarkup

from bot.competitions.callbacks import SubmitCb
from bot.competitions.repo.competitions import CompetitionContent, EntrantData
from bot.competitions.repo.submissions import SubmissionData
from bot.competitions.service.notices import Params
from bot.competitions.views import text
from bot.core.keyboards import button
from bot.delivery.kinds import Rendered
from bot.i18n import Translator

if TYPE_CHECKING:
    from bot.competitions.service.results import NamedResult


class Current(TypedDict, total=False):
    """What a row names, read when it goes out: the competition, and the entrant, the submission
    and the results where the row is about them."""

    competition: Required[CompetitionContent]
    entrant: EntrantData
    submission: SubmissionData
    results: list[NamedResult]


class PushContext(Params, Current):
    """What a template reads: the row's parameters with what they name, as it is now."""


Template = Callable[[Translator, PushContext], Rendered]


def _take_part(
    tr: Translator, competition_id: int, entrant_id: int | None
) -> InlineKeyboardMarkup | None:
    if entrant_id is None:
        return None
    data = SubmitCb(competition_id=competition_id, entrant_id=entrant_id, action="view")
    return InlineKeyboardMarkup([[button("📝 " + tr._("Prepare our submission"), data)]])


def competition_open(tr: Translator, p: PushContext) -> Rendered:
    c = p["competition"]
    head = "🏆 " + tr._("A competition is open. Send /competitions to take part.")
    return Rendered("\n\n".join([head, text.details(tr, c, weekday=True)]))


def competition_reminder(tr: Translator, p: PushContext) -> Rendered:
    c, entrant = p["competition"], p["entrant"]
    deadline = text.when(p["deadline"])
    head = "⏰ " + tr._("Reminder: {entrant} has not sent its submission to «{title}» yet.").format(
        entrant=text.entrant_name(tr, entrant), title=text.title(tr, c)
    )
    body = tr._("The deadline is {date}.").format(date=tr.datetime(deadline, weekday=True))
    markup = _take_part(tr, c["id"], entrant["id"])
    note = text.title_note(tr, c)
    return Rendered("\n".join(filter(None, [head, body, note])), markup)


def competition_moved(tr: Translator, p: PushContext) -> Rendered:
    c = p["competition"]
    head = "📅 " + tr._("The deadline of «{title}» has changed.").format(title=text.title(tr, c))
    moved = text.when(c["deadline"])
    body = tr._("New deadline: {date}.").format(date=tr.datetime(moved, weekday=True))
    return Rendered(head + "\n" + body)


def competition_extended(tr: Translator, p: PushContext) -> Rendered:
    c, entrant = p["competition"], p["entrant"]
    head = "📅 " + tr._("{entrant} may send its submission to «{title}» until {date}.").format(
        entrant=text.entrant_name(tr, entrant),
        title=text.title(tr, c),
        date=tr.datetime(text.when(p["until"])),
    )
    return Rendered(head, _take_part(tr, c["id"], entrant["id"]))


def submission_received(tr: Translator, p: PushContext) -> Rendered:
    c, s, entrant = p["competition"], p["submission"], p["entrant"]
    head = "📨 " + tr._(
        "A submission for {entrant} was sent to «{title}». Receipt number: {receipt}."
    ).format(entrant=text.entrant_name(tr, entrant), title=text.title(tr, c),
             receipt=s["receipt"])  # fmt: skip
    version = tr._("Version {version} is now the one that counts.").format(version=p["version"])
    return Rendered(head + "\n" + version, _take_part(tr, c["id"], entrant["id"]))


def file_not_archived(tr: Translator, p: PushContext) -> Rendered:
    c = p["competition"]
    head = "⚠️ " + tr._(
        "A file in submission {receipt} («{title}») is over Telegram's 20 MB download limit. "
        "It is kept in Telegram but not archived, so exports will list it without the file."
    ).format(receipt=p["receipt"], title=text.title(tr, c))
    return Rendered(head)


def file_archive_failed(tr: Translator, p: PushContext) -> Rendered:
    c = p["competition"]
    head = "⚠️ " + tr._(
        "A file in submission {receipt} («{title}») could not be saved in the archive: the "
        "server's media folder can't be written to (the disk may be full or read-only). "
        "The file is kept in Telegram, and the bot will try again."
    ).format(receipt=p["receipt"], title=text.title(tr, c))
    return Rendered(head)


TEMPLATES: dict[str, Template] = {
    "competition_open": competition_open,
    "competition_reminder": competition_reminder,
    "competition_moved": competition_moved,
    "competition_extended": competition_extended,
    "submission_received": submission_received,
    "file_not_archived": file_not_archived,
    "file_archive_failed": file_archive_failed,
}
