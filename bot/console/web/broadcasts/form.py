"""The compose form's fields, read from an address ("message these people" links) or a post, and
turned into what the broadcast wizard checks: an audience in the selector's shape and a time.
Nothing here decides who may be reached; `BroadcastWizard.ready_audience` does."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from bot.broadcasts.service.compose import Composition
from bot.core.audience.service import Audience

PLACES = ("regions", "districts", "municipalities", "clusters")
KINDS = ("all", *PLACES)
"""The selector's tabs; "positions" alone is every member of those positions."""
LONGEST = 20_000
"""More than any text Telegram takes: longer is cut here and refused by the wizard's check."""


@dataclass(frozen=True)
class Form:
    programme: int | None = None
    kind: str = "all"
    values: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    text_ky: str = ""
    text_ru: str = ""
    when: str = "now"
    day: str = ""
    hour: str = ""
    forged: bool = False
    """A kind no selector offers, or an id that is no number: refused before anything else."""

    @property
    def prefilled(self) -> bool:
        return bool(self.values or self.positions)

    def audience(self) -> Audience:
        """In the shape the chat's selector stores; every member of some positions is the
        "positions" kind, so it is named by them."""
        if self.kind == "all" and self.positions:
            found: Audience = {"kind": "positions", "values": list(self.positions)}
        else:
            found = {"kind": self.kind, "values": list(self.values)}
            if self.positions:
                found["positions"] = list(self.positions)
        if self.programme is not None:
            found["programme"] = self.programme
        return found

    def fields(self) -> list[tuple[str, str]]:
        """Every field, for the hidden inputs that carry the form from the preview on."""
        found = [("kind", self.kind), ("when", self.when), ("day", self.day)]
        found += [("hour", self.hour), ("text_ky", self.text_ky), ("text_ru", self.text_ru)]
        found += [("value", v) for v in self.values] + [("position", p) for p in self.positions]
        return found + ([("programme", str(self.programme))] if self.programme else [])

    def link(self, **changed: Any) -> str:
        """The form's address with a tab changed (programme, kind): the places ticked stay
        while the kind does, and when the first programme is chosen (a "message these people"
        link names places before the programme)."""
        moved = replace(self, **changed)
        if moved.kind != self.kind or self.programme not in (None, moved.programme):
            moved = replace(moved, values=())
        kept = ("programme", "kind", "value", "position")
        return "/console/broadcasts/new?" + urlencode([f for f in moved.fields() if f[0] in kept])


def read(given: Mapping[str, Any]) -> Form:
    """From `request.query` or `await request.post()` (both multidicts)."""
    many = getattr(given, "getall", None)

    def every(name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(str(v) for v in (many(name, []) if many else [])))

    def one(name: str) -> str:
        return str(given.get(name) or "")[:LONGEST]

    kind, values, positions = one("kind") or "all", every("value"), every("position")
    if kind == "positions":
        kind, values, positions = "all", (), tuple(dict.fromkeys(positions + values))
    programme = one("programme")
    forged = kind not in KINDS or not all(v.isdigit() for v in values)
    forged = (
        forged or (kind == "all" and bool(values)) or not (programme.isdigit() or not programme)
    )
    return Form(
        programme=int(programme) if programme.isdigit() else None, kind=kind,
        values=values, positions=positions, text_ky=one("text_ky"), text_ru=one("text_ru"),
        when="at" if one("when") == "at" else "now", day=one("day")[:10], hour=one("hour")[:5],
        forged=forged,
    )  # fmt: skip


def send_at(form: Form, zone: ZoneInfo) -> datetime | None:
    """None for now; the Bishkek date and time given, or ValueError when they can't be read."""
    if form.when != "at":
        return None
    return datetime.combine(date.fromisoformat(form.day), time.fromisoformat(form.hour), zone)


def composition(form: Form, zone: ZoneInfo) -> Composition:
    """ValueError for a time that can't be read."""
    return Composition(form.audience(), form.text_ky, form.text_ru, send_at(form, zone))
