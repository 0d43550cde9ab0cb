"""Admin screens: who is project staff, and for which regions."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from bot.core import labels
from bot.core.places.repo import Place
from bot.core.refusals import Wording
from bot.core.users import User
from bot.i18n import N_, Translator


def give_an_id(tr: Translator) -> str:
    return tr._("Please give the person's Telegram id, for example: /promote 12345")


def role_set(tr: Translator, user: User, role: str) -> str:
    return tr._("{name} is now: {role}.").format(
        name=escape(user.display_name), role=labels.role(tr, role)
    )


def staff_list(tr: Translator, people: list[tuple[User, list[Place]]]) -> str:
    if not people:
        return tr._("No coordinators yet. Admins add them with /promote.")
    lines = []
    for user, regions in people:
        scope = ", ".join(r.name(tr.lang) for r in regions) or tr._("all regions")
        line = tr._("• {name} (id {id}): {role}, {regions}")
        lines.append(
            line.format(
                name=escape(user.display_name),
                id=user.telegram_id,
                role=labels.role(tr, user.role),
                regions=scope,
            )
        )
    return "\n".join(lines)


def _unknown_region(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("Unknown region: {codes}. Known regions: {known}.").format(
        codes=escape(str(info["codes"])), known=info["known"]
    )


def _person_unknown(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("Not found: {what}. The person must first send /start to the bot.").format(
        what=escape(str(info["what"]))
    )


WORDINGS: dict[str, Wording] = {
    "configured_admin": N_(
        "This person is an administrator in the bot's settings (MUNIBOT_ADMINS); change it there."
    ),
    "unknown_region": _unknown_region,
    "person_unknown": _person_unknown,
}
