"""Competition pushes: the call, deadline reminders and changes, and receipts for the team.

Rows carry ids only; `kind.py` adds the competition, entrant and submission as they are when
the row goes out, and where each of the reader's entrants stands (`steps`), so every push ends
with its next step as buttons: [Open the call] and [Start our submission], [Continue our
draft] or [Our submission]; a receipt [Our submissions] and [Edit until DATE]; once the
results are out, [All results] instead of anything to prepare.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Required, TypedDict

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import MemberListCb, SubmitAction, SubmitCb
from bot.competitions.repo.competitions import CompetitionContent, EntrantData
from bot.competitions.repo.submissions import SubmissionData
from bot.competitions.service.notices import Params
from bot.competitions.views import text
from bot.core.keyboards import button
from bot.core.texts import text_for
from bot.delivery.kinds import Rendered
from bot.i18n import Translator

if TYPE_CHECKING:
    from bot.competitions.service.results import NamedResult


class NextStep(TypedDict):
    """Where one entrant the reader speaks for stands, read when the push goes out, for its
    buttons: `until` is the last moment they may still send or edit (None: closed, or a final
    decision); `draft` says the reader has a draft open for it."""

    entrant_id: int
    sent: bool
    draft: bool
    fix: bool
    until: str | None


class Current(TypedDict, total=False):
    """What a row names, read when it goes out: the competition, and the entrant, the submission
    and the results where the row is about them; `entrants` and `steps` for the reader."""

    competition: Required[CompetitionContent]
    entrant: EntrantData
    entrants: list[EntrantData]
    """A result's: every entrant the reader speaks for that took part."""
    submission: SubmissionData
    results: list[NamedResult]
    steps: list[NextStep]
    published: bool
    """The competition's results are out: nothing is left to prepare."""
    own_text: tuple[str | None, str | None]
    """A reminder's: the text staff wrote in place of the standard one (ky, ru), if any."""


class PushContext(Params, Current):
    """What a template reads: the row's parameters with what they name, as it is now."""


Template = Callable[[Translator, PushContext], Rendered]


def _cb(c: CompetitionContent, step: NextStep, action: SubmitAction) -> SubmitCb:
    return SubmitCb(competition_id=c["id"], entrant_id=step["entrant_id"], action=action)


def all_results(tr: Translator) -> InlineKeyboardButton:
    return button("🏅 " + tr._("All results"), MemberListCb(view="results"))


def our_submissions(tr: Translator) -> InlineKeyboardButton:
    return button("📨 " + tr._("Our submissions"), MemberListCb(view="mine"))


def next_steps(tr: Translator, p: PushContext) -> InlineKeyboardMarkup | None:
    """[Open the call] and the one thing to do now for the reader's entrant: start, continue
    the draft, fix, or see what was sent. Several entrants: the list, where each has its own.
    Once results are out, only the results."""
    c = p["competition"]
    if p.get("published"):
        return InlineKeyboardMarkup([[all_results(tr)]])
    steps = p.get("steps") or []
    if not steps:
        return None
    if len(steps) > 1:
        return InlineKeyboardMarkup(
            [[button("📄 " + tr._("Open the call"), MemberListCb(view="open"))]]
        )
    step = steps[0]
    keyboard = [[button("📄 " + tr._("Open the call"), _cb(c, step, "view"))]]
    if step["until"] is not None and step["draft"]:
        keyboard.append([button("▶️ " + tr._("Continue our draft"), _cb(c, step, "start"))])
    elif step["until"] is not None and step["fix"]:
        keyboard.append([button("✏️ " + tr._("See what to fix"), _cb(c, step, "start"))])
    elif step["sent"]:
        keyboard.append([button("📨 " + tr._("Our submission"), MemberListCb(view="mine"))])
    elif step["until"] is not None:
        keyboard.append([button("📝 " + tr._("Start our submission"), _cb(c, step, "start"))])
    return InlineKeyboardMarkup(keyboard)


def competition_open(tr: Translator, p: PushContext) -> Rendered:
    c = p["competition"]
    head = "🏆 " + tr._("A competition is open.")
    return Rendered("\n\n".join([head, text.details(tr, c, weekday=True)]), next_steps(tr, p))


def competition_reminder(tr: Translator, p: PushContext) -> Rendered:
    c, entrant = p["competition"], p["entrant"]
    deadline = text.when(p["deadline"])
    own = text_for(tr.lang, *p.get("own_text", (None, None)))
    head = "⏰ " + (escape(own) if own else tr._(
        "Reminder: {entrant} has not sent its submission to «{title}» yet."
    ).format(entrant=text.entrant_name(tr, entrant), title=text.title(tr, c)))  # fmt: skip
    body = tr._("The deadline is {date}.").format(date=tr.datetime(deadline, weekday=True))
    note = text.title_note(tr, c)
    return Rendered("\n".join(filter(None, [head, body, note])), next_steps(tr, p))


def competition_moved(tr: Translator, p: PushContext) -> Rendered:
    c = p["competition"]
    head = "📅 " + tr._("The deadline of «{title}» has changed.").format(title=text.title(tr, c))
    moved = text.when(c["deadline"])
    body = tr._("New deadline: {date}.").format(date=tr.datetime(moved, weekday=True))
    return Rendered(head + "\n" + body, next_steps(tr, p))


def competition_extended(tr: Translator, p: PushContext) -> Rendered:
    c, entrant = p["competition"], p["entrant"]
    head = "📅 " + tr._("{entrant} may send its submission to «{title}» until {date}.").format(
        entrant=text.entrant_name(tr, entrant),
        title=text.title(tr, c),
        date=tr.datetime(text.when(p["until"])),
    )
    return Rendered(head, next_steps(tr, p))


def submission_received(tr: Translator, p: PushContext) -> Rendered:
    c, s, entrant = p["competition"], p["submission"], p["entrant"]
    head = "📨 " + tr._(
        "A submission for {entrant} was sent to «{title}». Receipt number: {receipt}."
    ).format(entrant=text.entrant_name(tr, entrant), title=text.title(tr, c),
             receipt=s["receipt"])  # fmt: skip
    version = tr._("Version {version} is now the one that counts.").format(version=p["version"])
    return Rendered(head + "\n" + version, _receipt_buttons(tr, p))


def _receipt_buttons(tr: Translator, p: PushContext) -> InlineKeyboardMarkup:
    """[Our submissions], and [Edit until DATE] while the entrant may still send a new
    version."""
    keyboard = [[our_submissions(tr)]]
    steps = p.get("steps") or []
    until = steps[0]["until"] if steps and not p.get("published") else None
    if until is not None:
        date = tr.date(text.when(until))
        label = "✏️ " + tr._("Edit until {date}").format(date=date)
        keyboard.append([button(label, _cb(p["competition"], steps[0], "start"))])
    return InlineKeyboardMarkup(keyboard)


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
