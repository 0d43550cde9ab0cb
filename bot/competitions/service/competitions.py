"""A competition's life as staff see it: created with its call and reminders, its deadline
moved, one entrant given more time, newcomers brought in.

Each change is written in the same transaction as the outbox rows that announce it, so the
database is the only place a reminder's time lives.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.competitions.repo import competitions as repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.competitions import Competition, CompetitionContent, Content, Entrant
from bot.competitions.repo.submissions import Submission
from bot.competitions.service import notices as pushes
from bot.core import audit
from bot.core import users as users_repo
from bot.core.audience.service import Audience, Audiences, _values, with_programme
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.people import Actor, People
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.core.reminders import repo as settings_repo
from bot.core.reminders.plan import planned
from bot.core.reminders.settings import Settings
from bot.db import utcnow_iso
from bot.delivery.outbox import Outbox, Push

CODE_RE = re.compile(r"^[A-Z]{2,6}$")
LIMITS = {"title": 200, "description": 1500, "rules": 1000, "prizes": 600}
"""Together with the headings, one language's call stays inside one 4096-character message."""


def check_content(values: Content, now: datetime, moved: bool = True) -> None:
    """What every competition needs, wherever it comes from (the wizard or a later edit)."""
    if not values.get("title_ky") and not values.get("title_ru"):
        raise Refusal("no_text")
    if not CODE_RE.match(values.get("code") or ""):
        raise Refusal("bad_code")
    if values.get("entrant_kind") not in ("municipality", "cluster"):
        raise Refusal("stale")
    opens, deadline = _time(values["opens_at"]), _time(values["deadline"])
    if moved and deadline <= now:
        raise Refusal("time_in_past")
    if deadline <= opens:
        raise Refusal("deadline_before_opening")
    if not 0 <= int(values.get("max_files", 0)) <= 30:
        raise Refusal("max_files_range")


def _time(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def deadline_for(
    competition: Competition, entrant: Entrant | None, submission: Submission | None = None
) -> datetime:
    """The latest moment this entrant may still send: an extension or a revision request can
    only give more time, never less."""
    found = competition.deadline
    if entrant is not None and entrant.extended_until and entrant.extended_until > found:
        found = entrant.extended_until
    if submission is not None and submission.status == "needs_revision":
        revision = submission.revision_deadline
        if revision and revision > found:
            found = revision
    return found


def may_manage(actor: Actor, competition: Competition) -> bool:
    """Staff of the competition's programme only; within it, as for seminars: admins, the
    author, and coordinators without a region limit in that programme."""
    return actor.manages(competition.programme_id, competition.created_by)


class Competitions:
    def __init__(self, outbox: Outbox, people: People) -> None:
        self.outbox = outbox
        self.people = people
        self.db = outbox.db
        self.clock = outbox.clock
        self.audiences = Audiences(self.db)
        self.programmes = Programmes(self.db, people)

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def get(self, competition_id: int) -> Competition:
        found = await repo.get(self.db, competition_id)
        if found is None:
            raise NotFound(str(competition_id))
        return found

    async def manage(self, telegram_id: int, competition_id: int) -> tuple[Actor, Competition]:
        actor = await self.people.require_staff(telegram_id)
        competition = await self.get(competition_id)
        if not may_manage(actor, competition):
            raise NotAllowed
        return actor, competition

    async def listing(
        self, telegram_id: int, scope: list[int] | None = None
    ) -> list[tuple[Competition, dict[str, int]]]:
        """What this person may manage (in `scope`'s programmes, when given), at most 20."""
        actor = await self.people.require_staff(telegram_id)
        found: list[tuple[Competition, dict[str, int]]] = []
        for competition in await repo.listing(self.db, programme_ids=actor.programme_ids()):
            if scope is not None and competition.programme_id not in scope:
                continue
            if may_manage(actor, competition) and len(found) < 20:
                found.append((competition, await subs_repo.counts(self.db, competition.id)))
        return found

    async def programme_names(self, telegram_id: int) -> dict[int, Programme]:
        """The programmes to name on staff lists: none when this person sees only one."""
        actor = await self.people.require_staff(telegram_id)
        visible = await self.programmes.visible_to(actor)
        return {p.id: p for p in visible} if len(visible) > 1 else {}

    async def entrant_ids(
        self, actor: Actor | None, kind: str, audience: Audience, programme_id: int | None = None
    ) -> list[int]:
        """Municipalities (with or without members yet) or clusters the selector names; with
        `programme_id`, only municipalities it reaches and only its own clusters."""
        named = _values(audience)
        if audience["kind"] == "clusters" and programme_id is not None:
            own = {str(c) for c in await repo.cluster_ids(self.db, [], [], programme_id)}
            if any(str(v) not in own for v in named):
                raise Refusal("stale")
        regions = list(actor.region_ids) if actor and actor.region_ids else []
        if kind == "cluster":
            if audience["kind"] not in ("all", "clusters"):
                raise Refusal("clusters_only")
            return await repo.cluster_ids(self.db, named, regions, programme_id)
        if audience["kind"] == "positions":
            raise Refusal("stale")
        return await repo.municipalities_in(self.db, audience["kind"], named, regions, programme_id)

    async def create(
        self,
        telegram_id: int,
        values: Content,
        audience: Audience,
        programme_id: int | None = None,
        reminders: Settings | None = None,
    ) -> tuple[Competition, int]:
        """Returns the competition and how many entrants may take part. It goes into the
        programme named (which must be open to this person), or the only one open to them.
        `reminders`: as set in the wizard (None: the defaults)."""
        actor = await self.people.require_staff(telegram_id)
        programme = await self.programmes.pick(actor, programme_id)
        scoped = actor.within(programme.id)
        author = actor.user or await users_repo.ensure(
            self.db, telegram_id, str(telegram_id), self.now()
        )
        check_content(values, self.clock.now())
        entrants = await self.entrant_ids(scoped, values["entrant_kind"], audience, programme.id)
        if not entrants:
            raise Refusal("no_entrants")
        stored = with_programme(audience, programme.id)
        async with self.db.transaction():
            competition_id = await repo.create(
                self.db, stored, author.id, self.now(), programme.id, **values
            )
            await repo.add_entrants(self.db, competition_id, entrants)
            if reminders is not None:
                await settings_repo.save(
                    self.db, "competition", competition_id, reminders, self.now()
                )
            competition = await self.get(competition_id)
            calls = await self._calls(competition, entrants)
            await self.outbox.enqueue_many(calls, programme_id=programme.id)
        return competition, len(entrants)

    async def _calls(
        self, competition: Competition, entrant_ids: list[int], user_id: int | None = None
    ) -> list[Push]:
        """The call (when it opens) and the reminders, to every member of these entrants; an
        entrant with an extension counts down to its own date."""
        now = self.clock.now()
        if competition.cancelled:
            return []
        extended = {e.id: e for e in await repo.entrants(self.db, competition) if e.extended_until}
        staff = await repo.staff_of(
            self.db, competition.entrant_kind, entrant_ids, called_by=competition.programme_id
        )
        found: list[Push] = []
        seen: set[int] = set()
        opens = max(competition.opens_at, now)
        settings = await settings_repo.get(self.db, "competition", competition.id)
        for entrant_id, uid, chat in staff:
            deadline = deadline_for(competition, extended.get(entrant_id))
            if (user_id is not None and uid != user_id) or deadline <= now:
                continue
            if uid not in seen:
                found.append(pushes.announce(competition.id, uid, chat, opens))
                seen.add(uid)
            plan = planned(settings, deadline, now, self.people.config)
            found += pushes.reminders(competition.id, competition.version, entrant_id, uid, chat,
                                      deadline, plan)  # fmt: skip
        return found

    async def welcome(self, user_id: int, telegram_id: int) -> int:
        """A member approved after the call went out hears of every competition still open."""
        count = 0
        async with self.db.transaction():
            for competition in await repo.active(self.db):
                entrants = await repo.entrants_of_member(self.db, competition, user_id)
                done = await subs_repo.submitted_entrants(self.db, competition.id)
                todo = [e for e in entrants if e not in done]
                calls = await self._calls(competition, todo, user_id) if todo else []
                if calls:
                    await self.outbox.enqueue_many(calls, programme_id=competition.programme_id)
                    count += 1
        return count

    async def move_deadline(
        self, telegram_id: int, competition_id: int, deadline: datetime
    ) -> tuple[Competition, int]:
        """Unsent reminders are dropped and planned again for the new date; everyone told."""
        actor, competition = await self.manage(telegram_id, competition_id)
        if competition.cancelled:
            raise Refusal("competition_cancelled")
        moving: CompetitionContent = {**competition.content(), "deadline": deadline}
        check_content(moving, self.clock.now())
        async with self.db.transaction():
            await repo.update(self.db, competition_id, self.now(), deadline=deadline)
            await repo.bump_version(self.db, competition_id)
            moved = await self.get(competition_id)
            await self.outbox.cancel_keyed(pushes.remind_prefix(competition_id))
            done = await subs_repo.submitted_entrants(self.db, competition_id)
            entrants = await repo.entrants(self.db, moved)
            waiting = [e.id for e in entrants if e.id not in done]
            pid = moved.programme_id
            await self.outbox.enqueue_many(
                [p for p in await self._calls(moved, waiting) if p.template != "competition_open"],
                programme_id=pid,
            )
            staff = await repo.staff_of(self.db, moved.entrant_kind, [e.id for e in entrants])
            told = {uid: chat for _, uid, chat in staff}
            await self.outbox.enqueue_many(
                (pushes.deadline_moved(competition_id, moved.version, uid, chat)
                 for uid, chat in told.items()),
                programme_id=pid,
            )  # fmt: skip
            await subs_repo.log(self.db, competition_id, "deadline_moved", self.now(),
                                comment=utcnow_iso(deadline), actor_id=_uid(actor),
                                actor_telegram_id=telegram_id)  # fmt: skip
            await audit.record(
                self.db,
                _uid(actor),
                "deadline_moved",
                "competition",
                competition_id,
                utcnow_iso(deadline),
            )
        return moved, len(told)

    async def extend(
        self, telegram_id: int, competition_id: int, entrant_id: int, until: datetime
    ) -> Entrant:
        """One entrant may send until `until`; its reminders follow the new date."""
        actor, competition = await self.manage(telegram_id, competition_id)
        entrant = await repo.entrant(self.db, competition, entrant_id)
        if entrant is None:
            raise NotFound(str(entrant_id))
        if until <= self.clock.now() or until <= competition.deadline:
            raise Refusal("extension_too_early")
        async with self.db.transaction():
            await repo.set_extension(self.db, competition_id, entrant_id, until)
            await self.outbox.cancel_keyed(pushes.remind_prefix(competition_id, entrant_id))
            staff = await repo.staff_of(self.db, competition.entrant_kind, [entrant_id])
            settings = await settings_repo.get(self.db, "competition", competition_id)
            plan = planned(settings, until, self.clock.now(), self.people.config)
            found: list[Push] = []
            for _, uid, chat in staff:
                found.append(pushes.extended(competition_id, entrant_id, until, uid, chat))
                found += pushes.reminders(competition_id, competition.version, entrant_id, uid,
                                          chat, until, plan)  # fmt: skip
            await self.outbox.enqueue_many(
                found, revive=True, programme_id=competition.programme_id
            )
            await subs_repo.log(self.db, competition_id, "extension", self.now(),
                                entrant_id=entrant_id, comment=utcnow_iso(until),
                                actor_id=_uid(actor), actor_telegram_id=telegram_id)  # fmt: skip
            await audit.record(
                self.db,
                _uid(actor),
                "deadline_extended",
                "competition",
                competition_id,
                f"#{entrant_id} {utcnow_iso(until)}",
            )
        updated = await repo.entrant(self.db, competition, entrant_id)
        assert updated is not None
        return updated

    async def entrants(self, telegram_id: int, competition_id: int) -> list[Entrant]:
        _, competition = await self.manage(telegram_id, competition_id)
        return await repo.entrants(self.db, competition)

    async def open_for(self, telegram_id: int) -> list[tuple[Competition, list[Entrant]]]:
        """The competitions this member may enter now (opened, not cancelled), with the
        entrants they speak for in each."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None or user.status != "approved":
            raise NotAllowed
        now = self.clock.now()
        found: list[tuple[Competition, list[Entrant]]] = []
        for competition in await repo.active(self.db):
            if competition.opens_at > now:
                continue
            ids = await repo.entrants_of_member(self.db, competition, user.id)
            entrants = [e for e in [await repo.entrant(self.db, competition, i) for i in ids] if e]
            if entrants:
                found.append((competition, entrants))
        return found


def _uid(actor: Actor) -> int | None:
    return actor.user.id if actor.user else None
