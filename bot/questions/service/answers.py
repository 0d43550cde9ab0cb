"""A typed question answered from the reader's own data.

Composes the features from above, as /status does: each answer is read from the service that
already answers for it (a member's seminars from `Rsvp.mine`, competitions and submissions from
`Submissions.mine`), so a member's answer holds only what those give them: their own
municipality's. A question that names another municipality is answered only for staff, and only
within the regions they cover; a member gets their own data, or the pointer to the menu.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.submissions import Submission
from bot.competitions.service.competitions import deadline_for
from bot.competitions.service.submissions import Standing, Submissions
from bot.core.errors import NotAllowed
from bot.core.people import Actor, People
from bot.core.places import repo as places
from bot.core.places.repo import Place, PlacePath
from bot.questions import repo
from bot.questions.repo import Contact, FaqEntry
from bot.questions.service.faq import Faq
from bot.questions.service.matcher import Found, Kind, PlaceNames, match, place_names
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.rsvp import MySeminar, Rsvp
from bot.seminars.service.seminars import Seminars

PLACE_KINDS: tuple[Kind, ...] = ("submission", "competition", "none")
"""A staff question naming a municipality about these is about that municipality's entries."""


@dataclass(frozen=True)
class Entry:
    """One competition a named municipality takes part in, as its staff see it."""

    competition: Competition
    entrant: Entrant
    submission: Submission | None
    deadline: datetime


@dataclass(frozen=True)
class Answer:
    kind: Kind
    actor: Actor
    now: datetime
    seminars: list[MySeminar] = field(default_factory=list)
    """A member's upcoming seminars, the next first."""
    standings: list[Standing] = field(default_factory=list)
    """A member's competitions: the open ones, and any with a submission."""
    entry: FaqEntry | None = None
    contact: Contact | None = None
    own: PlacePath | None = None
    """The reader's own municipality."""
    asked: Place | None = None
    """Another municipality the question names (for a member: only noted, never answered)."""
    about_place: bool = False
    """Staff: the answer is about the municipality named (`asked`), not about the reader."""
    outside: bool = False
    """Staff: the municipality named lies outside the regions they cover."""
    entries: list[Entry] = field(default_factory=list)
    """Staff: the named municipality's place in each competition they run."""
    staff_seminars: list[Seminar] = field(default_factory=list)
    staff_competitions: list[Competition] = field(default_factory=list)

    @property
    def for_staff(self) -> bool:
        """Answered with what staff run, not with a member's own data."""
        return self.actor.is_staff and not (
            self.actor.is_approved and self.actor.user and self.actor.user.municipality_id
        )


class Questions:
    def __init__(
        self,
        people: People,
        rsvp: Rsvp,
        seminars: Seminars,
        submissions: Submissions,
        faq: Faq,
    ) -> None:
        self.people = people
        self.rsvp = rsvp
        self.seminars = seminars
        self.submissions = submissions
        self.competitions = submissions.competitions
        self.faq = faq
        self.db = people.db
        self.clock = people.clock
        self._places: tuple[tuple[int, int], list[PlaceNames]] | None = None

    async def place_index(self) -> list[PlaceNames]:
        """Every municipality's names, folded once; read again after an import."""
        stamp = await places.municipalities_stamp(self.db)
        if self._places is None or self._places[0] != stamp:
            found = [place_names(m.id, m.name_ky, m.name_ru, m.name_en)
                     for m in await places.all_municipalities(self.db)]  # fmt: skip
            self._places = (stamp, found)
        return self._places[1]

    async def understand(self, text: str) -> Found:
        return match(text, await self.faq.phrasebook(), await self.place_index())

    async def ask(self, telegram_id: int, text: str) -> Answer:
        """For approved members and staff; anyone else is NotAllowed (and told where their
        registration stands instead)."""
        actor = await self.people.actor(telegram_id)
        if not (actor.is_approved or actor.is_staff):
            raise NotAllowed
        found = await self.understand(text)
        now = self.clock.now()
        own_id = actor.user.municipality_id if actor.user is not None else None
        own = await places.path(self.db, own_id) if own_id else None
        asked = None
        if found.place_id is not None and found.place_id != own_id:
            asked = await places.municipality(self.db, found.place_id)
        base = Answer(found.kind, actor, now, own=own, asked=asked)
        if asked is not None and actor.is_staff and found.kind in PLACE_KINDS:
            return await self._about_place(telegram_id, base, asked)
        if found.kind == "faq" and found.faq_id is not None:
            return _with(base, entry=await self.faq.entry(found.faq_id))
        if base.for_staff:
            return await self._staff(telegram_id, base)
        return await self._member(telegram_id, base)

    async def _member(self, telegram_id: int, base: Answer) -> Answer:
        kind, now = base.kind, base.now
        if kind == "seminar":
            upcoming = [i for i in await self.rsvp.mine(telegram_id)
                        if not i.seminar.cancelled and i.seminar.ends_at >= now]  # fmt: skip
            return _with(base, seminars=sorted(upcoming, key=lambda i: i.seminar.starts_at))
        if kind in ("competition", "submission"):
            mine = await self.submissions.mine(telegram_id)
            shown = [s for s in mine if s.open or (kind == "submission" and s.submission)]
            return _with(base, standings=sorted(shown, key=lambda s: s.deadline))
        if kind == "none":
            return _with(base, contact=await self.contact(base.actor))
        return base

    async def _staff(self, telegram_id: int, base: Answer) -> Answer:
        """Staff who are no member of a municipality: what they run."""
        now = base.now
        if base.kind == "seminar":
            found = [s for s, _ in await self.seminars.listing(telegram_id)
                     if not s.cancelled and s.ends_at >= now]  # fmt: skip
            return _with(base, staff_seminars=sorted(found, key=lambda s: s.starts_at))
        if base.kind in ("competition", "submission"):
            running = [c for c, _ in await self.competitions.listing(telegram_id)
                       if not c.cancelled and c.deadline >= now]  # fmt: skip
            return _with(base, staff_competitions=sorted(running, key=lambda c: c.deadline))
        return base

    async def _about_place(self, telegram_id: int, base: Answer, place: Place) -> Answer:
        """The named municipality in each competition this person runs, where their programme
        lets them see its region."""
        actor = base.actor
        region = await places.region_id_of(self.db, place.id)
        if not actor.covers_region(region):
            return _with(base, kind="submission", about_place=True, outside=True)
        clusters = await repo.clusters_of(self.db, place.id)
        found: list[Entry] = []
        for competition, _ in await self.competitions.listing(telegram_id):
            if competition.cancelled:
                continue
            try:
                limit = actor.within(competition.programme_id)
            except NotAllowed:
                continue
            if not limit.covers_region(region):
                continue
            ids = clusters if competition.for_clusters else [place.id]
            for entrant_id in ids:
                entrant = await comp_repo.entrant(self.db, competition, entrant_id)
                if entrant is None:
                    continue
                sub = await subs_repo.of_entrant(self.db, competition.id, entrant.id)
                deadline = deadline_for(competition, entrant, sub)
                found.append(Entry(competition, entrant, sub, deadline))
        found.sort(key=lambda e: e.deadline, reverse=True)
        return _with(base, kind="submission", about_place=True, entries=found)

    async def contact(self, actor: Actor) -> Contact | None:
        """A coordinator of the member's region, for text the bot does not understand."""
        user = actor.user
        if actor.is_staff or user is None or user.municipality_id is None:
            return None
        region = await places.region_id_of(self.db, user.municipality_id)
        return await repo.coordinator_for(self.db, user.municipality_id, region)


def _with(base: Answer, **changes: Any) -> Answer:
    return replace(base, **changes)
