"""Texts of a seminar's later pushes: the organisers' follow-up and its reminder, and the
handouts for those who came."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from telegram import InlineKeyboardMarkup

from bot.core.keyboards import button
from bot.core.texts import clip
from bot.delivery.kinds import Rendered
from bot.i18n import Translator
from bot.seminars.callbacks import CycleCb, FileCb, SeminarCb
from bot.seminars.pushes.templates import SeminarPush
from bot.seminars.repo.files import SeminarFile
from bot.seminars.views import text


def followup_buttons(tr: Translator, seminar_id: int) -> InlineKeyboardMarkup:
    _ = tr._
    roster = button("✅ " + _("Mark attendance"), SeminarCb(seminar_id=seminar_id, action="roster"))
    photos = button("📷 " + _("Upload photos"), CycleCb(seminar_id=seminar_id, action="photos"))
    signed = CycleCb(seminar_id=seminar_id, action="signed_list")
    return InlineKeyboardMarkup(
        [[roster], [photos], [button("📝 " + _("Upload the list"), signed)]]
    )


def seminar_followup(tr: Translator, push: SeminarPush) -> Rendered:
    s, days = push.seminar, int(push.params.get("days", 3))
    head = "📋 " + tr._("The seminar «{title}» has ended. You are its organiser.").format(
        title=text.title(tr, s)
    )
    ask = tr.ngettext(
        "Within {days} day, please: mark who attended, and upload the photos and the"
        " participants list with their signatures.",
        "Within {days} days, please: mark who attended, and upload the photos and the"
        " participants list with their signatures.",
        days,
    ).format(days=days)
    return Rendered(head + "\n\n" + ask, followup_buttons(tr, s.id))


def seminar_followup_late(tr: Translator, push: SeminarPush) -> Rendered:
    s = push.seminar
    head = "⏰ " + tr._(
        "No photos or signed participants list for «{title}» yet. Please upload them: they"
        " are kept with the seminar for the report."
    ).format(title=text.title(tr, s))
    return Rendered(head, followup_buttons(tr, s.id))


FILE_LABEL = 40
"""How much of a file's name a button carries."""


def file_label(tr: Translator, f: SeminarFile) -> str:
    return (
        clip(f.file_name, FILE_LABEL)
        if f.file_name
        else (tr._("Photo") if f.kind == "photo" else tr._("File"))
    )


def seminar_handout(tr: Translator, push: SeminarPush) -> Rendered:
    """One file comes itself; several come as one message with a button for each."""
    s, files = push.seminar, push.files
    head = "📎 " + tr._("Materials from the seminar «{title}», which you attended.").format(
        title=text.title(tr, s)
    )
    if len(files) == 1:
        only = files[0]
        if only.kind == "photo":
            return Rendered(head, photo=only.file_id)
        return Rendered(head, document=only.file_id)
    tail = tr.ngettext(
        "{count} file: tap one to get it.", "{count} files: tap one to get it.", len(files)
    ).format(count=len(files))
    keyboard = [
        [button("📄 " + file_label(tr, f), FileCb(seminar_id=s.id, file_id=f.id))] for f in files
    ]
    return Rendered(head + "\n" + escape(tail), InlineKeyboardMarkup(keyboard))


CYCLE_TEMPLATES: dict[str, Callable[[Translator, SeminarPush], Rendered]] = {
    "seminar_followup": seminar_followup,
    "seminar_followup_late": seminar_followup_late,
    "seminar_handout": seminar_handout,
}
