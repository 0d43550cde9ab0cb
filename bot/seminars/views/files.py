"""Screens for the files kept with a seminar: the list on its card, each upload's prompt, and
what staff are told after a send."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.core.texts import clip
from bot.i18n import Translator
from bot.seminars.callbacks import CycleAction, CycleCb, FileCb, SeminarCb
from bot.seminars.repo.files import SeminarFile
from bot.seminars.repo.seminars import Seminar
from bot.seminars.views import text

FILE_LABEL = 40


def name_of(tr: Translator, f: SeminarFile) -> str:
    if f.file_name:
        return f.file_name
    return tr._("Photo") if f.kind == "photo" else tr._("File")


def _act(label: str, seminar_id: int, action: CycleAction) -> InlineKeyboardButton:
    return button(label, CycleCb(seminar_id=seminar_id, action=action))


def card_lines(tr: Translator, files: Sequence[SeminarFile]) -> list[str]:
    """What is kept with the seminar, on its card: the agenda by name, the rest counted."""
    _ = tr._
    lines = []
    agenda = [f for f in files if f.purpose == "agenda"]
    if agenda:
        lines.append("📄 " + _("Agenda: {name}").format(name=escape(name_of(tr, agenda[-1]))))
    counts = {p: sum(f.purpose == p for f in files) for p in ("photo", "signed_list", "handout")}
    if any(counts.values()):
        lines.append(
            "📎 "
            + _("Photos: {photos} · signed list: {signed} · handouts: {handouts}").format(
                photos=counts["photo"], signed=counts["signed_list"], handouts=counts["handout"]
            )
        )
    return lines


def files_screen(
    tr: Translator, seminar: Seminar, files: Sequence[SeminarFile], started: bool
) -> Screen:
    """Every file kept, a tap away; then what can be added now."""
    _ = tr._
    sid = seminar.id
    head = "📎 " + _("Files of «{title}»").format(title=text.title(tr, seminar))
    purposes = {
        "agenda": _("Agenda"),
        "handout": _("Handouts"),
        "photo": _("Photos"),
        "signed_list": _("Signed participants list"),
    }
    keyboard = [
        [button(f"{purposes[f.purpose]}: {clip(name_of(tr, f), FILE_LABEL)}",
                FileCb(seminar_id=sid, file_id=f.id))]
        for f in files
    ]  # fmt: skip
    lines = [head, "" if files else _("No files yet.")]
    if not seminar.cancelled:
        keyboard.append([_act("📄 " + _("Attach the agenda"), sid, "agenda")])
    if started and not seminar.cancelled:
        keyboard += [
            [_act("📤 " + _("Send handouts to attendees"), sid, "handouts")],
            [_act("📷 " + _("Upload photos"), sid, "photos"),
             _act("📝 " + _("Upload the list"), sid, "signed_list")],
        ]  # fmt: skip
    elif not seminar.cancelled:
        lines.append(_("Handouts, photos and the signed list can be added once it has started."))
    keyboard.append([button("« " + _("Back"), SeminarCb(seminar_id=sid, action="open"))])
    return Screen("\n".join(filter(None, lines)), InlineKeyboardMarkup(keyboard))


def upload_prompt(
    tr: Translator, seminar: Seminar, purpose: str, waiting: int, attendees: int
) -> Screen:
    """What to send now; for handouts, how many wait and to how many they will go."""
    _ = tr._
    sid, title = seminar.id, text.title(tr, seminar)
    asks = {
        "agenda": _("Send the agenda of «{title}» as a PDF or Word file. Invitations sent from"
                    " now on carry it; those already invited get it with a button."),
        "handout": _("Send the handouts for those who attended «{title}»: PDF, Word, Excel or"
                     " PowerPoint files, or photos. Then press «Send»."),
        "photo": _("Send the photos from «{title}». Press «Done» when all are in."),
        "signed_list": _("Send the participants list of «{title}» with their signatures: a"
                         " photo or a PDF file. Press «Done» when all pages are in."),
    }  # fmt: skip
    lines = [asks[purpose].format(title=title)]
    keyboard = []
    if purpose == "handout":
        lines.append(
            tr.ngettext("{count} file ready to send.", "{count} files ready to send.", waiting)
            .format(count=waiting)
        )  # fmt: skip
        if waiting:
            label = tr.ngettext(
                "📤 Send to {count} attendee", "📤 Send to {count} attendees", attendees
            ).format(count=attendees)
            keyboard.append([_act(label, sid, "send_handouts")])
    elif waiting:
        lines.append(tr.ngettext("{count} file kept.", "{count} files kept.", waiting).format(
            count=waiting))  # fmt: skip
    keyboard.append([_act("✅ " + _("Done"), sid, "done")])
    return Screen("\n\n".join(lines), InlineKeyboardMarkup(keyboard))


def agenda_saved(tr: Translator, seminar: Seminar) -> str:
    return "📄 " + tr._("The agenda is attached to «{title}». New invitations carry it.").format(
        title=text.title(tr, seminar)
    )


def handouts_sent(tr: Translator, files: int, people: int) -> str:
    many = tr.ngettext("{count} file", "{count} files", files).format(count=files)
    return "📤 " + tr.ngettext(
        "{files} going to {count} attendee.", "{files} going to {count} attendees.", people
    ).format(files=many, count=people)


def send_a_file(tr: Translator) -> str:
    return tr._("Please send a file here, or press «Done».")
