"""Files kept with a seminar: the agenda its invitations carry, handouts sent to those who came,
and the photos and signed participants list its organisers upload afterwards.

Staff open an upload from the seminar's card (or the follow-up) and send files one by one; each
is checked for its purpose and kept by its Telegram file_id. Handouts wait until staff send
them: each send is one batch, and each attendee gets one push per batch.
"""

from __future__ import annotations

import logging

from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.flows import Flow
from bot.db import utcnow_iso
from bot.seminars.repo import files as repo
from bot.seminars.repo import seminars as seminars_repo
from bot.seminars.repo.files import NewFile, Purpose, SeminarFile
from bot.seminars.repo.seminars import Invitation, Seminar
from bot.seminars.service.cycle_notices import handout
from bot.seminars.service.file_types import check_type
from bot.seminars.service.seminars import Seminars

__all__ = ["FILES_FLOW", "NewFile", "Purpose", "SeminarFile", "SeminarFiles"]

log = logging.getLogger(__name__)
FILES_FLOW = "seminar_files"
OURS = (FILES_FLOW, "seminar_walkin")
"""Flows a new upload may replace: the seminar's own small ones, never a wizard."""
AFTER_START = ("handout", "photo", "signed_list")


class SeminarFiles:
    def __init__(self, seminars: Seminars) -> None:
        self.seminars = seminars
        self.db = seminars.db
        self.outbox = seminars.outbox
        self.clock = seminars.clock

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def begin(self, telegram_id: int, seminar_id: int, purpose: Purpose) -> Seminar:
        """The next files this person sends go to the seminar, for `purpose`."""
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        if purpose in AFTER_START and self.clock.now() < seminar.starts_at:
            raise Refusal("seminar_not_started", starts=seminar.starts_at)
        current = await flows.get(self.db, telegram_id)
        if current is not None and current.flow not in OURS:
            raise Refusal("other_flow_open")
        flow = Flow(telegram_id, FILES_FLOW, purpose, {"seminar_id": seminar_id})
        await flows.save(self.db, flow, self.now())
        return seminar

    async def open_upload(self, telegram_id: int) -> tuple[int, str]:
        """The seminar and purpose of the upload this person has open; stale when none."""
        flow = await flows.get(self.db, telegram_id)
        if flow is None or flow.flow != FILES_FLOW:
            raise Refusal("stale")
        return int(flow.data["seminar_id"]), flow.step

    async def add(self, telegram_id: int, new: NewFile) -> tuple[Seminar, str]:
        """Keeps one file; a new agenda replaces the old one and closes the upload. A file of
        the wrong type is refused and nothing is kept."""
        seminar_id, purpose = await self.open_upload(telegram_id)
        actor, seminar = await self.seminars.manage(telegram_id, seminar_id)
        check_type(purpose, new)
        by, now = (actor.user.id if actor.user else None), self.now()
        async with self.db.transaction():
            if purpose == "agenda":
                await repo.drop_purpose(self.db, seminar_id, "agenda")
                await flows.clear(self.db, telegram_id)
            await repo.add(self.db, seminar_id, purpose, new, by, now)
            await audit.record(
                self.db, by, "seminar_file_added", "seminar", seminar_id, purpose, now
            )
        log.info("seminar %s: a %s file added by user %s", seminar_id, purpose, by)
        return seminar, purpose

    async def state(
        self, telegram_id: int, seminar_id: int, purpose: str
    ) -> tuple[Seminar, int, int]:
        """For the upload's prompt: the seminar, the files kept for `purpose` (handouts: those
        not sent yet), and how many attendees a send would reach."""
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        files = await repo.of_seminar(self.db, seminar_id, purpose)
        kept = sum(f.batch is None for f in files) if purpose == "handout" else len(files)
        return seminar, kept, len(await self._attendees(seminar_id))

    async def _attendees(self, seminar_id: int) -> list[Invitation]:
        return [
            i for i in await seminars_repo.invitations(self.db, seminar_id)
            if i.attended_at and i.telegram_id is not None
        ]  # fmt: skip

    async def finish(self, telegram_id: int) -> None:
        flow = await flows.get(self.db, telegram_id)
        if flow is not None and flow.flow == FILES_FLOW:
            await flows.clear(self.db, telegram_id)

    async def agenda(self, seminar_id: int) -> SeminarFile | None:
        """Whether there is an agenda to offer (`fetch` decides who gets it)."""
        return await repo.agenda(self.db, seminar_id)

    async def kept(self, telegram_id: int, seminar_id: int) -> list[SeminarFile]:
        """Every file kept with the seminar, for its staff."""
        await self.seminars.manage(telegram_id, seminar_id)
        return await repo.of_seminar(self.db, seminar_id)

    async def send_handouts(self, telegram_id: int, seminar_id: int) -> tuple[int, int]:
        """The handouts not sent yet go to everyone marked as attended, one push each; returns
        how many files and people. Pressed twice, the second finds nothing new to send."""
        actor, seminar = await self.seminars.manage(telegram_id, seminar_id)
        attendees = await self._attendees(seminar_id)
        if not attendees:
            raise Refusal("handouts_no_attendees")
        by = actor.user.id if actor.user else None
        async with self.db.transaction():
            batch, count = await repo.seal_batch(self.db, seminar_id)
            if not count:
                raise Refusal("handouts_none")
            await self.outbox.enqueue_many(
                (handout(seminar_id, batch, i.user_id, int(i.telegram_id or 0)) for i in attendees),
                programme_id=seminar.programme_id,
            )
            detail = f"batch {batch}: {count} files, {len(attendees)} people"
            await audit.record(
                self.db, by, "handouts_sent", "seminar", seminar_id, detail, self.now()
            )
        await self.finish(telegram_id)
        log.info("seminar %s: handout batch %s sent by user %s", seminar_id, batch, by)
        return count, len(attendees)

    async def fetch(self, telegram_id: int, seminar_id: int, file_id: int) -> SeminarFile:
        """Staff get any file; a member the agenda of a seminar they are invited to, and the
        handouts sent for one they attended."""
        found = await repo.get(self.db, seminar_id, file_id)
        if found is None:
            raise NotFound(str(file_id))
        try:
            await self.seminars.manage(telegram_id, seminar_id)
            return found
        except NotAllowed:
            pass
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        invitation = await seminars_repo.invitation(self.db, seminar_id, user.id) if user else None
        if invitation is not None and user is not None and user.status == "approved":
            if found.purpose == "agenda":
                return found
            if found.purpose == "handout" and found.batch and invitation.attended_at:
                return found
        raise NotAllowed
