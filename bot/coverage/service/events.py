"""Which seminars and competitions a staff member may count coverage for.

Whether someone may manage a seminar or a competition is decided by those features (their own
`listing` and `manage`: the programme's staff, and of region-limited coordinators only the
author). Coverage must not import them, so `bot.wiring` hands their services in, and this
module names only the little it uses of them (`Desk`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.people import Actor
from bot.coverage.repo.events import Event, EventKind

SHOWN = 10
"""Of each kind, the first this many that the feature's own list gives (upcoming first)."""


class Titled(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def title_ky(self) -> str | None: ...
    @property
    def title_ru(self) -> str | None: ...
    @property
    def programme_id(self) -> int | None: ...
    @property
    def status(self) -> str: ...


class SeminarLike(Titled, Protocol):
    @property
    def starts_at(self) -> datetime: ...


class CompetitionLike(Titled, Protocol):
    @property
    def deadline(self) -> datetime: ...
    @property
    def entrant_kind(self) -> str: ...


E = TypeVar("E", covariant=True)


class Desk(Protocol[E]):
    """What coverage asks of the seminars' or the competitions' service."""

    async def listing(self, telegram_id: int, /) -> Sequence[tuple[E, Mapping[str, int]]]: ...
    async def manage(self, telegram_id: int, event_id: int, /) -> tuple[Actor, E]: ...


def seminar_event(s: SeminarLike) -> Event:
    return Event("seminar", s.id, s.title_ky, s.title_ru, s.starts_at, s.programme_id,
                 cancelled=s.status == "cancelled")  # fmt: skip


def competition_event(c: CompetitionLike) -> Event:
    return Event("competition", c.id, c.title_ky, c.title_ru, c.deadline, c.programme_id,
                 c.entrant_kind == "cluster", c.status == "cancelled")  # fmt: skip


class Events:
    def __init__(self, seminars: Desk[SeminarLike], competitions: Desk[CompetitionLike]) -> None:
        self.seminars = seminars
        self.competitions = competitions

    async def choices(self, telegram_id: int, programme_id: int = 0) -> list[Event]:
        """The seminars, then the competitions, this person may manage; in one programme when
        `programme_id` is given."""
        seminars = [seminar_event(s) for s, _ in await self.seminars.listing(telegram_id)]
        competitions = await self.competitions.listing(telegram_id)
        found = []
        for events in (seminars, [competition_event(c) for c, _ in competitions]):
            found += [e for e in events if not programme_id or e.programme_id == programme_id][
                :SHOWN
            ]
        return found

    async def managed(self, telegram_id: int, kind: EventKind, event_id: int) -> Event:
        """The event, if this person may manage it: a forged button gets a refusal that says
        so, not a count."""
        try:
            if kind == "seminar":
                return seminar_event((await self.seminars.manage(telegram_id, event_id))[1])
            return competition_event((await self.competitions.manage(telegram_id, event_id))[1])
        except (NotAllowed, NotFound):
            raise Refusal("coverage_not_yours") from None
