"""Account pushes: a registration card for the reviewers, the decision for the member, a
changed role. The card's details travel in the row, in every language, since a reviewer reads
them as they were sent for approval. Two edits change a card already delivered: a newer card
replaced it, or the person erased their data (the row carries only the message id)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from html import escape
from typing import Any, cast

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.accounts.callbacks import AgainCb, ApprovalCb, MenuCb, MenuKey
from bot.accounts.repo import cards
from bot.accounts.service.approvals import RegistrationCard
from bot.accounts.views import menu
from bot.core import labels
from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.db import Database
from bot.delivery.kinds import Drop, Rendered
from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator

KINDS = ("approval", "account")


def registration_card_text(tr: Translator, card: RegistrationCard) -> str:
    _ = tr._
    position = labels.position(tr, card.get("position"), card.get("position_detail"))
    places = {"ky": card.get("place_ky"), "ru": card.get("place_ru"), "en": card.get("place_en")}
    place = places.get(tr.lang) or "—"
    return "\n".join(
        [
            "<b>" + _("New registration") + "</b>",
            _("Name: {name}").format(name=escape(card.get("full_name") or "—")),
            _("Phone: {phone}").format(phone=escape(card.get("phone") or "—")),
            _("Municipality: {place}").format(place=escape(place)),
            _("Position: {position}").format(position=escape(position)),
            _("Telegram: {name} (id {id})").format(
                name=escape(card.get("tg_name") or "—"), id=card.get("telegram_id")
            ),
        ]
    )


def approval_card(tr: Translator, card: RegistrationCard) -> Screen:
    """The card as pushed to reviewers, and as /pending shows it again."""
    uid, n = card["user_id"], card.get("submission", 0)
    approve = ApprovalCb(user_id=uid, submission=n, decision="approve")
    reject = ApprovalCb(user_id=uid, submission=n, decision="reject")
    keyboard = InlineKeyboardMarkup(
        [[button("✅ " + tr._("Approve"), approve), button("❌ " + tr._("Reject"), reject)]]
    )
    return Screen(registration_card_text(tr, card), keyboard)


def _approval_request(tr: Translator, params: dict[str, Any]) -> Rendered:
    card = approval_card(tr, cast(RegistrationCard, params))
    markup = card.markup if isinstance(card.markup, InlineKeyboardMarkup) else None
    return Rendered(card.text, markup)


def _approved(tr: Translator, params: dict[str, Any]) -> Rendered:
    """The approval, with the home menu (a reply keyboard, which only a message of its own
    can carry); the welcome with its buttons follows."""
    text = "✅ " + tr._("Your registration is approved. Welcome!")
    return Rendered(text, menu.keyboard(tr, staff=False))


def welcome(tr: Translator) -> Rendered:
    """After the approval: the first things to open, as buttons."""

    def go(key: MenuKey) -> InlineKeyboardButton:
        return button(tr._(menu.LABELS[key]), MenuCb(key=key))

    text = tr._("Seminar invitations and competition calls will come here. Where to start:")
    keyboard = [[go("seminars"), go("competitions")], [go("status")]]
    return Rendered(text, InlineKeyboardMarkup(keyboard))


def _welcome(tr: Translator, params: dict[str, Any]) -> Rendered:
    return welcome(tr)


def reason_text(tr: Translator, params: Mapping[str, Any]) -> str | None:
    """The reason as the person reads it: a preset in their language, or the coordinator's
    own words as written."""
    code = params.get("reason_code")
    if code == "not_staff":
        return tr._("You are not listed as staff of this municipality.")
    if code == "wrong_details":
        return tr._("Some of your details look wrong. Please check your name, phone and position.")
    if code == "twice":
        return tr._("You are already registered from another Telegram account.")
    typed = params.get("reason")
    return escape(str(typed)) if typed else None


def _contact(tr: Translator, params: Mapping[str, Any]) -> str | None:
    """Who decided, and how to write to them: their @username, else a link to their chat."""
    name = escape(str(params.get("by") or ""))
    if not name:
        return None
    if params.get("by_org"):
        name += ", " + escape(str(params["by_org"]))
    username = params.get("by_username")
    if username:
        return tr._("Decided by {name}. To ask about it, write to {contact}.").format(
            name=name, contact="@" + escape(str(username))
        )
    if params.get("by_telegram_id"):
        link = f'<a href="tg://user?id={int(params["by_telegram_id"])}">{name}</a>'
        return tr._("Decided by {name}. To ask about it, tap the name and write to them.").format(
            name=link
        )
    return tr._("Decided by {name}.").format(name=name)


def rejection(tr: Translator, params: Mapping[str, Any]) -> Rendered:
    """The reason, who decided and how to reach them, and [Register again]."""
    again = InlineKeyboardMarkup([[button("↩️ " + tr._("Register again"), AgainCb())]])
    reason, contact = reason_text(tr, params), _contact(tr, params)
    if reason is None and contact is None:  # queued before reasons were asked
        text = tr._(
            "Your registration was not approved. If you think this is a mistake, please contact "
            "your project coordinator. You can send /start to register again."
        )
        return Rendered("❌ " + text, again)
    lines = ["❌ " + tr._("Your registration was not approved.")]
    if reason is not None:
        lines.append(tr._("Reason: {reason}").format(reason=reason))
    if contact is not None:
        lines.append(contact)
    lines += ["", tr._("Your answers are kept: tap «Register again» to check them, change what is "
                       "needed and send them again.")]  # fmt: skip
    return Rendered("\n".join(lines), again)


def _rejected(tr: Translator, params: dict[str, Any]) -> Rendered:
    return rejection(tr, params)


def _card_replaced(tr: Translator, params: dict[str, Any]) -> Rendered:
    text = tr._(
        "This registration card was replaced: the person changed their details, and a newer "
        "card was sent for approval."
    )
    return Rendered("🔄 " + text, edit=int(params["message_id"]))


def _card_erased(tr: Translator, params: dict[str, Any]) -> Rendered:
    text = tr._("Erased member: this person deleted their personal data from the bot.")
    return Rendered("🗑 " + text, edit=int(params["message_id"]))


def _reactivated(tr: Translator, params: dict[str, Any]) -> Rendered:
    """A deactivated member brought back by staff, with the home menu again."""
    text = "✅ " + tr._(
        "Your account is active again: seminar invitations, competition calls and "
        "announcements will come here as before."
    )
    return Rendered(text, menu.keyboard(tr, staff=False))


def _role_changed(tr: Translator, params: dict[str, Any]) -> Rendered:
    role = str(params["role"])
    text = tr._("Your role is now: {role}.").format(role=labels.role(tr, role))
    keyboard = menu.keyboard(tr, staff=role != "member")
    return Rendered(text + "\n" + tr._("Send /help to see your commands."), keyboard)


TEMPLATES: dict[str, Callable[[Translator, dict[str, Any]], Rendered]] = {
    "approval_request": _approval_request,
    "registration_approved": _approved,
    "registration_welcome": _welcome,
    "registration_rejected": _rejected,
    "role_changed": _role_changed,
    "member_reactivated": _reactivated,
    "approval_replaced": _card_replaced,
    "approval_erased": _card_erased,
}


class AccountPushes:
    """Rows carry all they show; an erased member's cards were already emptied by erase."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def prepare(self, row: OutboxRow, now: datetime) -> dict[str, Any] | Drop:
        if "card" in row.params:  # an edit of a card that was in flight at the erasure
            message_id = await cards.message_of(self.db, str(row.params["card"]))
            if message_id is None:
                return Drop("the card never reached the chat")
            return {"message_id": message_id}
        if row.template == "approval_request" and "user_id" not in row.params:
            return Drop("the person erased their data")
        return row.params

    def render(self, row: OutboxRow, tr: Translator, prepared: dict[str, Any]) -> Rendered:
        return TEMPLATES[row.template](tr, prepared)
