"""Admin screens: who is project staff, and for which regions."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from bot.accounts.service.accounts import StaffEntry
from bot.core import labels
from bot.core.places.order import places_by_name
from bot.core.refusals import Wording
from bot.core.users import User
from bot.i18n import N_, Translator


def give_an_id(tr: Translator) -> str:
    return tr._("Please give the person's Telegram id, for example: /promote 12345")


def role_set(tr: Translator, user: User, role: str) -> str:
    return tr._("{name} is now: {role}.").format(
        name=escape(user.display_name), role=labels.role(tr, role)
    )


def staff_list(tr: Translator, people: list[StaffEntry]) -> str:
    if not people:
        return tr._("No coordinators yet. Admins add them with /promote.")
    lines = []
    for entry in people:
        user = entry.user
        scopes = [
            tr._("{programme}: {regions}").format(
                programme=escape(programme.code),
                regions=", ".join(r.name(tr.lang) for r in places_by_name(regions, tr.lang))
                or tr._("all regions"),
            )
            for programme, regions in entry.programmes
        ]
        line = tr._("• {name} (id {id}): {role}, {regions}")
        lines.append(
            line.format(
                name=escape(user.display_name),
                id=user.telegram_id,
                role=labels.role(tr, user.role),
                regions="; ".join(scopes) if user.role == "coordinator" else tr._("all regions"),
            )
        )
        contact = [escape(part) for part in (user.organisation, user.phone) if part]
        if contact:
            lines.append("   " + " · ".join(contact))
    return "\n".join(lines)


def _name_the_programme(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "Please name the programme after the id, for example: /promote 12345 psi. "
        "Programmes: {codes}."
    ).format(codes=escape(str(info["codes"])))


def _person_unknown(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("Not found: {what}. The person must first send /start to the bot.").format(
        what=escape(str(info["what"]))
    )


WORDINGS: dict[str, Wording] = {
    "configured_admin": N_(
        "This person is an administrator in the bot's settings (MUNIBOT_ADMINS); change it there."
    ),
    "person_unknown": _person_unknown,
    "name_the_programme": _name_the_programme,
}
