"""/status: what concerns one person now, gathered from the features that own it.

Nothing here decides anything new: each part comes from the service that already answers
for it (seminars, submissions, results, approvals), so the one screen can't disagree with
the screens behind it. The next reminder is read from the outbox, where reminders live.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.accounts.service.approvals import Approvals
from bot.competitions.service.draft import FLOW as DRAFT_FLOW
from bot.competitions.service.panel_review import Scoring
from bot.competitions.service.results import MemberResults, Results
from bot.competitions.service.submissions import Standing, Submissions
from bot.core import flows
from bot.core.errors import NotAllowed
from bot.core.people import Actor, People
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.core.users import User
from bot.grants.service.projects import Grants
from bot.grants.service.records import Record
from bot.seminars.service import notices as seminar_pushes
from bot.seminars.service.rsvp import MySeminar, Rsvp
from bot.seminars.service.seminars import Seminars

LATEST_RESULTS = 2
WAITING_REVIEW = ("received", "under_review")


@dataclass(frozen=True)
class UpcomingSeminar:
    item: MySeminar
    next_reminder: datetime | None


@dataclass(frozen=True)
class StaffDesk:
    """A coordinator's own counts: what waits for them."""

    pending_registrations: int
    upcoming_seminars: int
    open_competitions: int
    waiting_review: int
    late_grants: int = 0
    """Grant projects with a milestone past its date or a report overdue."""
    to_score: int = 0
    """Submissions assigned to this person on a review panel, not fully scored yet."""


@dataclass(frozen=True)
class Overview:
    actor: Actor
    registering: bool
    """A registration draft is open (the person stopped halfway)."""
    seminars: list[UpcomingSeminar] = field(default_factory=list)
    competitions: list[Standing] = field(default_factory=list)
    results: list[MemberResults] = field(default_factory=list)
    desk: StaffDesk | None = None
    programmes: dict[int, Programme] = field(default_factory=dict)
    """The programmes the member hears from, when there are several: the screen groups by
    them."""
    draft: tuple[int, int] | None = None
    """(competition, entrant) of the submission draft this person has open, if any."""
    grants: list[Record] = field(default_factory=list)
    """The grant projects of the entrants this member speaks for."""

    @property
    def user(self) -> User | None:
        return self.actor.user


class Status:
    def __init__(
        self,
        people: People,
        rsvp: Rsvp,
        submissions: Submissions,
        results: Results,
        approvals: Approvals,
        seminars: Seminars,
        grants: Grants | None = None,
        scoring: Scoring | None = None,
    ) -> None:
        self.people = people
        self.rsvp = rsvp
        self.submissions = submissions
        self.results = results
        self.approvals = approvals
        self.seminars = seminars
        self.grants = grants
        self.scoring = scoring
        self.db = people.db
        self.clock = people.clock
        self.programmes = Programmes(self.db, people)

    async def overview(self, telegram_id: int) -> Overview:
        actor = await self.people.actor(telegram_id)
        flow = await flows.get(self.db, telegram_id)
        registering = flow is not None and flow.flow == "registration"
        draft = None
        if flow is not None and flow.flow == DRAFT_FLOW:
            draft = (int(flow.data["competition_id"]), int(flow.data["entrant_id"]))
        desk = await self.desk(telegram_id) if actor.is_staff else None
        if not actor.is_approved or actor.user is None:
            return Overview(actor, registering, desk=desk)
        try:
            return Overview(
                actor,
                registering,
                seminars=await self._seminars(telegram_id, actor.user.id),
                competitions=[s for s in await self.submissions.mine(telegram_id) if s.open],
                results=(await self.results.published_for(telegram_id))[:LATEST_RESULTS],
                desk=desk,
                programmes=await self._programmes(telegram_id),
                draft=draft,
                grants=await self.grants.mine(telegram_id) if self.grants else [],
            )
        except NotAllowed:
            return Overview(actor, registering, desk=desk)

    async def _programmes(self, telegram_id: int) -> dict[int, Programme]:
        found = {m.programme.id: m.programme for m in await self.programmes.of_member(telegram_id)}
        return found if len(found) > 1 else {}

    async def _seminars(self, telegram_id: int, user_id: int) -> list[UpcomingSeminar]:
        now = self.clock.now()
        found = []
        for item in reversed(await self.rsvp.mine(telegram_id)):
            seminar = item.seminar
            if seminar.cancelled or seminar.ends_at < now:
                continue
            prefix = seminar_pushes.remind_prefix(seminar.id, user_id)
            found.append(UpcomingSeminar(item, await self.people.outbox.next_keyed(prefix)))
        return found

    async def desk(self, telegram_id: int) -> StaffDesk:
        """What waits for a staff member: the chat's /status and the console's overview."""
        now = self.clock.now()
        _, pending = await self.approvals.pending(telegram_id, limit=0)
        seminars = [s for s, _ in await self.seminars.listing(telegram_id)]
        upcoming = [s for s in seminars if s.ends_at >= now and not s.cancelled]
        competitions = await self.submissions.competitions.listing(telegram_id)
        running = [(c, n) for c, n in competitions if not c.cancelled and c.deadline >= now]
        waiting = sum(n.get(code, 0) for _, n in competitions for code in WAITING_REVIEW)
        late = sum(r.late for r in await self.grants.listing(telegram_id)) if self.grants else 0
        return StaffDesk(pending, len(upcoming), len(running), waiting, late,
                         await self._to_score(telegram_id))  # fmt: skip

    async def _to_score(self, telegram_id: int) -> int:
        """A panel's open work: assigned, with criteria, not all scored, results not out."""
        if self.scoring is None:
            return 0
        return sum(
            1 for a in await self.scoring.queue(telegram_id)
            if a.criteria and a.scored < a.criteria and not a.competition.cancelled
            and not a.competition.results_published_at
        )  # fmt: skip
