"""Push texts, rendered in the recipient's language when the dispatcher sends them.

An outbox row names a template and carries plain parameters, so a message queued today reads
right in whichever language its recipient has chosen by the time it goes out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, ReplyKeyboardMarkup

from bot.accounts.views import menu as home
from bot.core import labels
from bot.core.callback_data import ApprovalCb
from bot.core.keyboards import button
from bot.i18n import Translator


@dataclass(frozen=True)
class Rendered:
    """A message ready to send: a text (a caption when there is a photo or document)."""

    text: str
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None
    """Inline buttons, or the home menu on the pushes that change what someone may do."""
    photo: str | None = None
    document: str | InputFile | None = None


Template = Callable[[Translator, dict[str, Any]], Rendered]
_TEMPLATES: dict[str, Template] = {}


def template(name: str) -> Callable[[Template], Template]:
    def register(func: Template) -> Template:
        _TEMPLATES[name] = func
        return func

    return register


def render(name: str, tr: Translator, params: dict[str, Any]) -> Rendered:
    return _TEMPLATES[name](tr, params)


def registration_card_text(tr: Translator, p: dict[str, Any]) -> str:
    _ = tr._
    position = labels.position(tr, p.get("position"), p.get("position_detail"))
    return "\n".join(
        [
            "<b>" + _("New registration") + "</b>",
            _("Name: {name}").format(name=escape(p.get("full_name") or "—")),
            _("Phone: {phone}").format(phone=escape(p.get("phone") or "—")),
            _("Municipality: {place}").format(place=escape(p.get(f"place_{tr.lang}") or "—")),
            _("Position: {position}").format(position=escape(position)),
            _("Telegram: {name} (id {id})").format(
                name=escape(p.get("tg_name") or "—"), id=p.get("telegram_id")
            ),
        ]
    )


@template("approval_request")
def approval_request(tr: Translator, p: dict[str, Any]) -> Rendered:
    uid, n = p["user_id"], p.get("submission", 0)
    approve = ApprovalCb(user_id=uid, submission=n, decision="approve")
    reject = ApprovalCb(user_id=uid, submission=n, decision="reject")
    keyboard = InlineKeyboardMarkup(
        [[button("✅ " + tr._("Approve"), approve), button("❌ " + tr._("Reject"), reject)]]
    )
    return Rendered(registration_card_text(tr, p), keyboard)


@template("registration_approved")
def registration_approved(tr: Translator, p: dict[str, Any]) -> Rendered:
    text = tr._(
        "Your registration is approved. Welcome! You will receive seminar invitations and "
        "competition news here. Send /help to see what I can do."
    )
    return Rendered("✅ " + text, home.keyboard(tr, staff=False))


@template("registration_rejected")
def registration_rejected(tr: Translator, p: dict[str, Any]) -> Rendered:
    text = tr._(
        "Your registration was not approved. If you think this is a mistake, please contact "
        "your project coordinator. You can send /start to register again."
    )
    return Rendered(text)


@template("role_changed")
def role_changed(tr: Translator, p: dict[str, Any]) -> Rendered:
    text = tr._("Your role is now: {role}.").format(role=labels.role(tr, p["role"]))
    menu = home.keyboard(tr, staff=p["role"] != "member")
    return Rendered(text + "\n" + tr._("Send /help to see your commands."), menu)


def text_for(lang: str, text_ky: str | None, text_ru: str | None) -> str:
    """Staff write in ky and ru; a missing language falls back to the other (English reads ru)."""
    if lang == "ky":
        return text_ky or text_ru or ""
    return text_ru or text_ky or ""


@template("broadcast")
def broadcast(tr: Translator, p: dict[str, Any]) -> Rendered:
    """Staff text is kept as Telegram's HTML of what they typed, so it is already escaped."""
    text = text_for(tr.lang, p.get("text_ky"), p.get("text_ru"))
    kind, file_id = p.get("attachment_kind"), p.get("attachment_file_id")
    return Rendered(
        text,
        photo=file_id if kind == "photo" else None,
        document=file_id if kind == "document" else None,
    )
