"""Sending a submission: who may send for an entrant, until when, and what a version holds.

Every send is a new version; older ones are kept and the latest counts. Two staff of one
municipality may build drafts at the same time: the last to send wins, and the sender is told
whose version theirs replaced, so nothing is lost without anyone knowing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as repo
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.submissions import StoredFile, Submission, Version
from bot.competitions.service import notices as pushes
from bot.competitions.service.competitions import Competitions, deadline_for
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.fields import whole_number
from bot.core.programmes.repo import Programme
from bot.db import utcnow_iso
from bot.delivery.outbox import Outbox

MAX_DESCRIPTION = 3000
"""With the heading and figures, the description still fits one 4096-character message."""
MAX_RESIDENTS = 10_000_000
FILE_KINDS = ("photo", "document", "video")
DOCUMENT_TYPES = {
    "application/pdf", "application/msword", "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint", "application/zip", "text/plain", "image/jpeg", "image/png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
    "video/mp4", "video/quicktime",
}  # fmt: skip
"""Documents staff can open and archive: office files, PDFs, pictures and videos sent as files."""
TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024


@dataclass(frozen=True)
class Standing:
    """Where one entrant stands in one competition, for the member's views."""

    competition: Competition
    entrant: Entrant
    submission: Submission | None
    deadline: datetime
    """The entrant's own last moment to send (extension and revision included)."""
    open: bool


@dataclass(frozen=True)
class Sent:
    submission: Submission
    version: int
    replaced: Version | None
    """Someone else's version that was the latest when this sender started their draft."""
    told: int


def check_file(kind: str, mime_type: str | None, count: int, limit: int) -> None:
    """Raises before a file is added to a draft: a kind we can't use, or one too many."""
    if kind not in FILE_KINDS or (kind == "document" and mime_type not in DOCUMENT_TYPES):
        raise Refusal("file_type")
    if count >= limit:
        raise Refusal("too_many_files", limit=limit)


def check_description(raw: str | None) -> str:
    text = (raw or "").strip()
    if not text:
        raise Refusal("description_empty")
    if len(text) > MAX_DESCRIPTION:
        raise Refusal("field_too_long", limit=MAX_DESCRIPTION, length=len(text))
    return text


def check_residents(raw: str) -> int:
    value = whole_number(raw)
    if value is None:
        raise Refusal("bad_number")
    if value > MAX_RESIDENTS:
        raise Refusal("residents_too_many", limit=MAX_RESIDENTS)
    return value


def receipt_prefix(competition: Competition, zone: ZoneInfo) -> str:
    """Receipts count on across competitions that share a code and a year (a second round of
    IC in 2026 goes on from the first), so a receipt number is never given twice."""
    return f"{competition.code}-{competition.opens_at.astimezone(zone).year}-"


class Submissions:
    def __init__(self, competitions: Competitions) -> None:
        self.competitions = competitions
        self.db = competitions.db
        self.clock = competitions.clock
        self.outbox: Outbox = competitions.outbox
        self.zone = competitions.people.config.zone

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def standing(self, telegram_id: int, competition_id: int, entrant_id: int) -> Standing:
        """The entrant's state, if this person speaks for it; anyone else is refused."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        competition = await self.competitions.get(competition_id)
        if user is None or user.status != "approved":
            raise NotAllowed
        if entrant_id not in await comp_repo.entrants_of_member(self.db, competition, user.id):
            raise NotAllowed
        entrant = await comp_repo.entrant(self.db, competition, entrant_id)
        if entrant is None:
            raise NotFound(str(entrant_id))
        submission = await repo.of_entrant(self.db, competition_id, entrant_id)
        deadline = deadline_for(competition, entrant, submission)
        now = self.clock.now()
        published = competition.results_published_at and not await self._condition_open(
            competition, entrant_id
        )
        is_open = (not competition.cancelled and competition.opens_at <= now <= deadline
                   and not (submission and submission.final) and not published)  # fmt: skip
        return Standing(competition, entrant, submission, deadline, is_open)

    async def _condition_open(self, competition: Competition, entrant_id: int) -> bool:
        """A conditional winner sends its revised plan after publication, until the condition
        is settled (service/conditions.py)."""
        found = await repo.result_of(self.db, competition.id, entrant_id)
        return found is not None and found.condition_state == "pending"

    async def may_send(self, telegram_id: int, competition_id: int, entrant_id: int) -> Standing:
        """Checked when a draft starts and again when it is sent."""
        found = await self.standing(telegram_id, competition_id, entrant_id)
        c, now = found.competition, self.clock.now()
        if c.cancelled:
            raise Refusal("competition_cancelled")
        if c.results_published_at and not await self._condition_open(c, entrant_id):
            raise Refusal("results_published")
        if c.opens_at > now:
            raise Refusal("not_open_yet", opens=c.opens_at)
        if found.submission is not None and found.submission.final:
            raise Refusal("final_decision", status=found.submission.status)
        if now > found.deadline:
            raise Refusal("closed", since=found.deadline)
        return found

    async def mine(self, telegram_id: int) -> list[Standing]:
        """Every entrant this member speaks for, in every competition that has opened."""
        found = []
        for competition, entrants in await self.competitions.open_for(telegram_id):
            for entrant in entrants:
                found.append(await self.standing(telegram_id, competition.id, entrant.id))
        return found

    async def programme_names(
        self, telegram_id: int, standings: list[Standing]
    ) -> dict[int, Programme]:
        """The programmes to group a member's list by: none unless more than one reaches
        them (then every programme on the list, in order)."""
        programmes = self.competitions.programmes
        reaching = await programmes.of_member(telegram_id)
        if len(reaching) < 2:
            return {}
        found = {m.programme.id: m.programme for m in reaching}
        for pid in sorted({s.competition.programme_id for s in standings} - set(found), key=str):
            if pid is not None:
                found[pid] = await programmes.get(pid)
        return found

    async def latest(
        self, telegram_id: int, competition_id: int, entrant_id: int
    ) -> tuple[Standing, Version | None]:
        """The latest version, for a member starting an edit from what was sent."""
        found = await self.standing(telegram_id, competition_id, entrant_id)
        if found.submission is None:
            return found, None
        return found, await repo.version(self.db, found.submission.id)

    async def submit(
        self,
        telegram_id: int,
        competition_id: int,
        entrant_id: int,
        description: str,
        residents: int | None,
        files: list[StoredFile],
        based_on: int | None,
    ) -> Sent:
        """A new version, the entrant's reminders dropped, and all its staff told."""
        found = await self.may_send(telegram_id, competition_id, entrant_id)
        c = found.competition
        description = check_description(description)
        if c.needs_residents and residents is None:
            raise Refusal("residents_missing")
        if len(files) > c.max_files:
            raise Refusal("too_many_files", limit=c.max_files)
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        assert user is not None
        now = self.now()
        async with self.db.transaction():
            submission = await repo.of_entrant(self.db, competition_id, entrant_id)
            if submission is not None and submission.final:
                raise Refusal("final_decision", status=submission.status)
            if submission is None:
                seq = await comp_repo.next_seq(self.db, competition_id)
                prefix = receipt_prefix(c, self.zone)
                last = await repo.last_receipt_number(self.db, prefix)
                sid = await repo.create(self.db, competition_id, entrant_id, seq,
                                        f"{prefix}{last + 1:03d}", now)  # fmt: skip
            else:
                sid = submission.id
            before = await repo.version(self.db, sid)
            number = await repo.add_version(
                self.db, sid, description, residents, [_fresh(f) for f in files], user.id, now
            )
            await self._record(c, sid, entrant_id, submission, (user.id, telegram_id), number)
            await self.outbox.cancel_keyed(pushes.remind_prefix(competition_id, entrant_id))
            told = await self._tell(c, entrant_id, sid, number, user.id)
            if number > 1:
                await self._tell_author(c, sid, number, user.id)
        saved = await repo.get(self.db, sid)
        assert saved is not None
        replaced = before if before and before.version != (based_on or 0) else None
        if replaced is not None and replaced.submitted_by == user.id:
            replaced = None
        return Sent(saved, number, replaced, told)

    async def _record(
        self,
        c: Competition,
        sid: int,
        entrant_id: int,
        before: Submission | None,
        who: tuple[int, int],
        number: int,
    ) -> None:
        """A resubmission after 'needs revision' goes back to the reviewers as received."""
        action = "submitted" if before is None else "resubmitted"
        old = before.status if before else None
        if before is not None and before.status != "received":
            await repo.set_review(self.db, sid, self.now(), status="received")
        await repo.log(self.db, c.id, action, self.now(), submission_id=sid,
                       entrant_id=entrant_id, from_status=old, to_status="received",
                       comment=f"v{number}", actor_id=who[0], actor_telegram_id=who[1])  # fmt: skip

    async def _tell(self, c: Competition, entrant_id: int, sid: int, number: int, by: int) -> int:
        staff = await comp_repo.staff_of(self.db, c.entrant_kind, [entrant_id])
        others = {uid: chat for _, uid, chat in staff if uid != by}
        await self.outbox.enqueue_many(
            (pushes.received(sid, number, uid, chat, by) for uid, chat in others.items()),
            programme_id=c.programme_id,
        )
        return len(others)

    async def _tell_author(self, c: Competition, sid: int, number: int, by: int) -> None:
        """The competition's author hears of each new version after the first, with the way to
        open it (a revision asked for, or an entrant correcting itself); one still unsent
        gives way to the next."""
        if c.created_by is None or c.created_by == by:
            return
        author = await users_repo.by_id(self.db, c.created_by)
        if author is None or author.telegram_id is None:
            return
        actor = await self.competitions.people.actor_of(author.telegram_id, author)
        if not actor.staff_of(c.programme_id):
            return
        await self.outbox.enqueue_many(
            [pushes.revised(sid, number, author.id, author.telegram_id)],
            programme_id=c.programme_id,
        )


def _fresh(f: StoredFile) -> StoredFile:
    """Files too big for Telegram's getFile are kept by file_id and never tried."""
    too_big = (f.file_size or 0) > TELEGRAM_DOWNLOAD_LIMIT
    status = f.archive_status if f.archive_status == "archived" else "pending"
    return StoredFile(f.position, f.kind, f.file_id, f.file_unique_id, f.file_name, f.mime_type,
                      f.file_size, f.local_path if status == "archived" else None,
                      "too_big" if too_big else status)  # fmt: skip
