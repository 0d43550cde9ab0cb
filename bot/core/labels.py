"""Words for the codes services use (positions, genders, statuses), marked for translation."""

from __future__ import annotations

from typing import Literal

from bot.i18n import N_, Translator

Lang = Literal["ky", "ru", "en"]
LANGUAGE_NAMES: dict[Lang, str] = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


def language_name(code: str | None) -> str:
    """A language as its own speakers write it; "—" when none was chosen."""
    for lang, name in LANGUAGE_NAMES.items():
        if lang == code:
            return name
    return "—"


POSITION_LABELS = {
    "head": N_("Head of the aiyl okmotu"),
    "deputy_head": N_("Deputy head of the aiyl okmotu"),
    "council_chair": N_("Chair of the aiyl kenesh"),
    "council_deputy": N_("Deputy of the aiyl kenesh"),
    "specialist": N_("Specialist"),
    "mayor_office": N_("Mayor's office"),
    "other": N_("Other"),
}

GENDER_LABELS = {
    "female": N_("Female"),
    "male": N_("Male"),
    "undisclosed": N_("Prefer not to say"),
}

STATUS_LABELS = {
    "new": N_("not registered yet"),
    "pending": N_("waiting for approval"),
    "approved": N_("approved"),
    "rejected": N_("not approved"),
    "deleted": N_("deleted"),
    "inactive": N_("deactivated"),
}

DELIVERY_LABELS = {
    "pending": N_("waiting"),
    "sending": N_("being sent"),
    "sent": N_("delivered"),
    "failed": N_("failed"),
    "blocked": N_("blocked the bot"),
    "unreached": N_("has not started the bot yet"),
    "cancelled": N_("not sent (stopped or muted)"),
}

ROLE_LABELS = {
    "member": N_("member"),
    "coordinator": N_("coordinator"),
    "admin": N_("administrator"),
}


def position(tr: Translator, code: str | None, detail: str | None = None) -> str:
    label = tr._(POSITION_LABELS[code]) if code in POSITION_LABELS else "—"
    if not detail:
        return label
    return tr._("{position} ({detail})").format(position=label, detail=detail)


def gender(tr: Translator, code: str | None) -> str:
    return tr._(GENDER_LABELS[code]) if code in GENDER_LABELS else "—"


def gender_heading(tr: Translator, code: str | None) -> str:
    """A gender as a chart's legend or a column names it: "Not known" rather than a dash."""
    return gender(tr, code) if code in GENDER_LABELS else tr._("Not known")


def status(tr: Translator, code: str) -> str:
    return tr._(STATUS_LABELS.get(code, code))


def role(tr: Translator, code: str) -> str:
    return tr._(ROLE_LABELS.get(code, code))


def delivery(tr: Translator, code: str) -> str:
    return tr._(DELIVERY_LABELS[code]) if code in DELIVERY_LABELS else code
