"""Certificates of attendance in the chat: the file's caption, the staff's "send to everyone",
the answer to /verify, and what a refusal says."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile

from bot.core.keyboards import button
from bot.core.refusals import Wording
from bot.core.screens import Screen
from bot.core.texts import text_for
from bot.i18n import N_, Translator
from bot.seminars.callbacks import CertificateCb, SeminarCb
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.certificates import Certificate, Plan, shown
from bot.seminars.views.certificate_pdf import filename

EXAMPLE = "ABCE-HK23"
MAX_BUTTONS = 5
"""Certificate buttons under a member's list: their latest seminars attended."""


def _title(tr: Translator, s: Seminar) -> str:
    return escape(text_for(tr.lang, s.title_ky, s.title_ru))


def document(data: bytes, certificate: Certificate) -> InputFile:
    return InputFile(data, filename=filename(certificate))


def caption(tr: Translator, certificate: Certificate) -> str:
    """Says why the file comes: the seminar they attended."""
    head = tr._("📜 Your certificate of attendance for the seminar «{title}».")
    code = tr._("Verification code: {code}").format(code=f"<code>{shown(certificate.code)}</code>")
    return head.format(title=_title(tr, certificate.seminar)) + "\n" + code


def member_buttons(tr: Translator, attended: list[Seminar]) -> list[list[InlineKeyboardButton]]:
    """Under a member's own list, for the seminars they attended that have ended: one button,
    or one per seminar named by its date when there are several."""
    chosen = attended[:MAX_BUTTONS]
    if len(chosen) == 1:
        return [[mine_button(tr, chosen[0].id)]]
    return [
        [button("📜 " + tr._("Certificate · {date}").format(date=tr.date(s.starts_at)),
                CertificateCb(seminar_id=s.id, action="mine"))]
        for s in chosen
    ]  # fmt: skip


def mine_button(tr: Translator, seminar_id: int) -> InlineKeyboardButton:
    label = "📜 " + tr._("My certificate")
    return button(label, CertificateCb(seminar_id=seminar_id, action="mine"))


def staff_button(tr: Translator, seminar_id: int) -> InlineKeyboardButton:
    label = "📜 " + tr._("Send certificates")
    return button(label, CertificateCb(seminar_id=seminar_id, action="send"))


def _back(tr: Translator, seminar_id: int) -> InlineKeyboardButton:
    return button("« " + tr._("Back"), SeminarCb(seminar_id=seminar_id, action="open"))


def back(tr: Translator, seminar_id: int) -> InlineKeyboardMarkup:
    """To the seminar's card."""
    return InlineKeyboardMarkup([[_back(tr, seminar_id)]])


def confirm(tr: Translator, plan: Plan) -> Screen:
    """The consequence in numbers, before anything is sent."""
    title = _title(tr, plan.seminar)
    if plan.attendees == 0:
        text = tr._("Nobody is marked as attended at «{title}» yet.").format(title=title)
        return Screen(text, back(tr, plan.seminar.id))
    lines = [
        tr.ngettext(
            "Send a certificate of attendance for «{title}» to {count} attendee?",
            "Send certificates of attendance for «{title}» to {count} attendees?",
            plan.attendees,
        ).format(title=title, count=plan.attendees)
    ]
    if plan.sent:
        lines.append(
            tr.ngettext(
                "{count} of them already has theirs and will not get it again.",
                "{count} of them already have theirs and will not get them again.",
                plan.sent,
            ).format(count=plan.sent)
        )
    yes = button("📜 " + tr._("Yes, send"), CertificateCb(seminar_id=plan.seminar.id,
                                                          action="send_yes"))  # fmt: skip
    return Screen("\n".join(lines), InlineKeyboardMarkup([[yes], [_back(tr, plan.seminar.id)]]))


def queued(tr: Translator, count: int) -> str:
    if count == 0:
        return tr._("Everyone marked as attended already has their certificate.")
    return tr.ngettext(
        "The certificate is on its way to {count} attendee.",
        "Certificates are on their way to {count} attendees.",
        count,
    ).format(count=count)


def verified(tr: Translator, certificate: Certificate) -> str:
    s = certificate.seminar
    first, last = s.starts_at.astimezone(tr.tz).date(), s.ends_at.astimezone(tr.tz).date()
    head = "✅ " + tr._("Certificate {code} is genuine.").format(code=shown(certificate.code))
    body = tr._("{name} attended the seminar «{title}»: {dates}, {place}.").format(
        name=escape(certificate.attendee.full_name),
        title=_title(tr, s),
        dates=tr.days(first, last, year=True),
        place=escape(f"{s.city}, {s.address}"),
    )
    return head + "\n" + body


def unknown(tr: Translator, typed: str) -> str:
    return "❌ " + tr._(
        "There is no certificate with the code {code}. Please check it: 8 letters and digits, "
        "as printed at the bottom of the certificate."
    ).format(code=f"<code>{escape(typed.strip()[:20])}</code>")


def how_to_verify(tr: Translator) -> str:
    return tr._(
        "To check a certificate of attendance, send /verify and its code, for example: "
        "/verify {code}"
    ).format(code=EXAMPLE)


def _not_yet(tr: Translator, info: Mapping[str, Any]) -> str:
    ends: datetime = info["ends"]
    return tr._("Certificates are given once the seminar has ended ({time}).").format(
        time=tr.datetime(ends)
    )


def _wait(tr: Translator, info: Mapping[str, Any]) -> str:
    until: datetime = info["until"]
    return tr._("Too many unknown codes. Please try again after {time}.").format(
        time=tr.time(until)
    )


WORDINGS: dict[str, Wording] = {
    "certificate_not_attended": N_(
        "A certificate is given only to those marked as attended. If you were there, please "
        "ask the organiser to mark you."
    ),
    "certificate_not_yet": _not_yet,
    "certificate_wait": _wait,
}
