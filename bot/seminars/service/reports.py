"""How many were invited, said yes and came, in total and by gender, position and place.

Counts are of invitations, not of people: someone who attended two seminars counts twice, the
way donors count "108 trained" (trainings given, not distinct trainees).

A report covers one programme or several: staff get the programmes they work in, or the one
they name; an admin gets every programme unless they name one.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from bot.core.errors import NotAllowed
from bot.core.positions import GENDERS, POSITIONS
from bot.db import utcnow_iso
from bot.seminars.repo import report_rows as rows_repo
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.report_rows import Participant, Place
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.seminars import Seminars

__all__ = ["Participant", "SeminarReport", "SeminarReports", "Tally", "summarise"]

YES = ("going", "waitlist")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Tally:
    """`yes` counts the waitlist too: they wanted to come, whether or not a place freed up."""

    invited: int = 0
    yes: int = 0
    attended: int = 0


@dataclass(frozen=True)
class SeminarReport:
    """Groups keyed None (or an empty place dict) hold members who never said, or were erased."""

    seminars: list[Seminar]
    participants: list[Participant]
    total: Tally
    women: Tally
    by_gender: dict[str | None, Tally]
    by_position: dict[str | None, Tally]
    by_region: list[tuple[Place, Tally]]
    by_municipality: list[tuple[Place, Tally]]
    by_seminar: list[tuple[Seminar, Tally]] = field(default_factory=list)
    by_programme: list[tuple[int | None, Tally]] = field(default_factory=list)
    """Per programme, in the programmes' order (a seminar with no programme last)."""
    programme_ids: list[int] | None = None
    """The programmes the report was asked for (None: all of them)."""


class SeminarReports:
    def __init__(self, seminars: Seminars) -> None:
        self.seminars = seminars
        self.db = seminars.db
        self.people = seminars.people

    async def for_seminar(self, telegram_id: int, seminar_id: int) -> SeminarReport:
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        scope = [seminar.programme_id] if seminar.programme_id is not None else None
        return await self.build([seminar], scope)

    async def for_range(
        self, telegram_id: int, start: datetime, end: datetime, code: str | None = None
    ) -> SeminarReport:
        """Only the seminars of the programme named by `code` (else of every programme this
        person works in; an admin's: all) that this person may manage; a limited coordinator
        sees their own. A programme they are not staff of is not allowed."""
        await self.people.require_staff(telegram_id)
        scope = await self.seminars.programmes.scope(telegram_id, code)
        found = await repo.between(self.db, utcnow_iso(start), utcnow_iso(end), scope)
        return await self.build([s for s in found if await self._manages(telegram_id, s)], scope)

    async def operator_range(
        self, start: datetime, end: datetime, programme_ids: list[int] | None = None
    ) -> SeminarReport:
        """No permission check: the command line runs as whoever owns the database."""
        found = await repo.between(self.db, utcnow_iso(start), utcnow_iso(end), programme_ids)
        return await self.build(found, programme_ids)

    async def _manages(self, telegram_id: int, seminar: Seminar) -> bool:
        """Asks Seminars.manage itself, so the rule can never drift from the one for editing."""
        try:
            await self.seminars.manage(telegram_id, seminar.id)
        except NotAllowed:
            return False
        return True

    async def build(
        self, seminars: list[Seminar], programme_ids: list[int] | None = None
    ) -> SeminarReport:
        """No permission check: callers decide which seminars may be shown. The rows are read
        and counted in worker threads: a year's report holds tens of thousands of them."""
        found = await rows_repo.participants(self.db, [s.id for s in seminars])
        return await asyncio.to_thread(summarise, seminars, found, programme_ids)


def tally(rows: list[Participant]) -> Tally:
    return Tally(
        invited=len(rows),
        yes=sum(r.status in YES for r in rows),
        attended=sum(r.attended for r in rows),
    )


def _grouped(
    rows: list[Participant], key: Callable[[Participant], K]
) -> dict[K, list[Participant]]:
    groups: dict[K, list[Participant]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def _by_code(
    rows: list[Participant], code: Callable[[Participant], str | None], order: tuple[str, ...]
) -> dict[str | None, Tally]:
    """Known codes in their usual order, then anything else, then None (not said)."""
    groups = _grouped(rows, code)
    known: list[str | None] = [c for c in order if c in groups]
    rest = sorted(k for k in groups if k is not None and k not in order)
    keys = known + rest + ([None] if None in groups else [])
    return {k: tally(groups[k]) for k in keys}


def _by_place(
    rows: list[Participant], place: Callable[[Participant], Place]
) -> list[tuple[Place, Tally]]:
    groups = _grouped(rows, lambda r: place(r).get("id"))
    found = [(place(g[0]), tally(g)) for g in groups.values()]
    return sorted(found, key=lambda pair: (-pair[1].attended, pair[0].get("name_en") or ""))


def _by_programme(
    seminars: list[Seminar], per_seminar: dict[int, list[Participant]]
) -> list[tuple[int | None, Tally]]:
    groups: dict[int | None, list[Participant]] = {}
    for s in seminars:
        groups.setdefault(s.programme_id, []).extend(per_seminar.get(s.id, []))
    order = sorted(groups, key=lambda pid: (pid is None, pid or 0))
    return [(pid, tally(groups[pid])) for pid in order]


def summarise(
    seminars: list[Seminar], rows: list[Participant], programme_ids: list[int] | None = None
) -> SeminarReport:
    per_seminar = _grouped(rows, lambda r: r.seminar_id)
    return SeminarReport(
        seminars=list(seminars),
        participants=rows,
        total=tally(rows),
        women=tally([r for r in rows if r.gender == "female"]),
        by_gender=_by_code(rows, lambda r: r.gender, GENDERS),
        by_position=_by_code(rows, lambda r: r.position, POSITIONS),
        by_region=_by_place(rows, lambda r: r.region),
        by_municipality=_by_place(rows, lambda r: r.municipality),
        by_seminar=[(s, tally(per_seminar.get(s.id, []))) for s in seminars],
        by_programme=_by_programme(seminars, per_seminar),
        programme_ids=programme_ids,
    )
