"""Staff changing a running competition's dates: the whole deadline, or one entrant's.

Each change is one typed date, so the flow is a single step kept in the flows table: the
button saves which competition (and entrant) the next message is about, and the date that
follows goes to `Competitions.move_deadline` or `Competitions.extend`, which decide who may.
The card's figures live here too, because they are what staff look at before moving a date.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.service.competitions import Competitions
from bot.core import flows
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.fields import when_value
from bot.core.flows import Flow
from bot.core.people import Actor

DEADLINE_FLOW = "competition_deadline"
EXTEND_FLOW = "competition_extend"
FLOWS = (DEADLINE_FLOW, EXTEND_FLOW)


@dataclass(frozen=True)
class Overview:
    """What the card counts: who may enter, who has sent, and who has more time."""

    competition: Competition
    entrants: int
    submitted: int
    by_status: dict[str, int]
    extended: int


@dataclass(frozen=True)
class EntrantRow:
    entrant: Entrant
    submitted: bool


@dataclass(frozen=True)
class Changed:
    """A finished change; `entrant` is set for an extension, `told` for a moved deadline."""

    competition: Competition
    told: int = 0
    entrant: Entrant | None = None


class CompetitionEdit:
    def __init__(self, competitions: Competitions) -> None:
        self.competitions = competitions
        self.db = competitions.db
        self.clock = competitions.clock
        self.zone = competitions.people.config.zone

    async def overview(self, telegram_id: int, competition_id: int) -> Overview:
        competition, rows = await self.entrant_rows(telegram_id, competition_id)
        by_status = await subs_repo.counts(self.db, competition_id)
        return Overview(competition, len(rows), sum(1 for r in rows if r.submitted), by_status,
                        sum(1 for r in rows if r.entrant.extended_until))  # fmt: skip

    async def entrant_rows(
        self, telegram_id: int, competition_id: int
    ) -> tuple[Competition, list[EntrantRow]]:
        _, competition = await self.competitions.manage(telegram_id, competition_id)
        entrants = await comp_repo.entrants(self.db, competition)
        done = await subs_repo.submitted_entrants(self.db, competition_id)
        return competition, [EntrantRow(e, e.id in done) for e in entrants]

    async def begin_move(self, telegram_id: int, competition_id: int) -> Competition:
        _, competition = await self._changeable(telegram_id, competition_id)
        await self._save(
            Flow(telegram_id, DEADLINE_FLOW, "date", {"competition_id": competition_id})
        )
        return competition

    async def begin_extend(
        self, telegram_id: int, competition_id: int, entrant_id: int
    ) -> tuple[Competition, Entrant]:
        _, competition = await self._changeable(telegram_id, competition_id)
        entrant = await comp_repo.entrant(self.db, competition, entrant_id)
        if entrant is None:
            raise NotFound(str(entrant_id))
        data = {"competition_id": competition_id, "entrant_id": entrant_id}
        await self._save(Flow(telegram_id, EXTEND_FLOW, "date", data))
        return competition, entrant

    async def text(self, telegram_id: int, raw: str) -> Changed:
        """The typed date. A date that can't be used leaves the question open; a refusal
        (rights taken away, competition gone) closes it."""
        flow = await self.current(telegram_id)
        if flow is None:
            raise Refusal("stale")
        when = when_value(raw, self.clock.now(), self.zone)
        cid = int(flow.data["competition_id"])
        try:
            if flow.flow == DEADLINE_FLOW:
                moved, told = await self.competitions.move_deadline(telegram_id, cid, when)
                changed = Changed(moved, told=told)
            else:
                eid = int(flow.data["entrant_id"])
                entrant = await self.competitions.extend(telegram_id, cid, eid, when)
                changed = Changed(await self.competitions.get(cid), entrant=entrant)
        except (NotAllowed, NotFound):
            await flows.clear(self.db, telegram_id)
            raise
        except Refusal as exc:
            if exc.code == "competition_cancelled":
                await flows.clear(self.db, telegram_id)
            raise
        await flows.clear(self.db, telegram_id)
        return changed

    async def current(self, telegram_id: int) -> Flow | None:
        flow = await flows.get(self.db, telegram_id)
        return flow if flow is not None and flow.flow in FLOWS else None

    async def leave(self, telegram_id: int) -> None:
        """Going back to the card drops an unanswered date question, and only that."""
        if await self.current(telegram_id) is not None:
            await flows.clear(self.db, telegram_id)

    async def _changeable(self, telegram_id: int, competition_id: int) -> tuple[Actor, Competition]:
        actor, competition = await self.competitions.manage(telegram_id, competition_id)
        if competition.cancelled:
            raise Refusal("competition_cancelled")
        return actor, competition

    async def _save(self, flow: Flow) -> None:
        await flows.save(self.db, flow, self.competitions.now())
