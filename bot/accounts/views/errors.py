"""What a person reads when a registration or profile answer can't be used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core.refusals import Wording
from bot.i18n import N_, Translator


def _registration_limit(tr: Translator, info: Mapping[str, Any]) -> str:
    """Short: it is shown in a button's alert, which Telegram cuts at 200 characters."""
    return tr._(
        "Too many registration requests: at most {limit} a day. Please try again tomorrow."
    ).format(limit=info["limit"])


WORDINGS: dict[str, Wording] = {
    "need_contact": N_("Please press the «Share my phone number» button below."),
    "not_own_contact": N_(
        "This is someone else's contact. Please share your own number with the button below."
    ),
    "bad_phone": N_("This phone number doesn't look right. Please use the button below."),
    "name_empty": N_("The name can't be empty. Please write your full name."),
    "detail_empty": N_("This can't be empty. Please write a few words."),
    "organisation_empty": N_("Please write the name of your organisation."),
    "registration_gone": N_("This registration no longer exists."),
    "member_gone": N_("This member is no longer in the directory."),
    "registration_limit": _registration_limit,
}
