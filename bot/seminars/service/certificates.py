"""Certificates of attendance: who may have one, its code, and checking a code.

A certificate is issued the first time it is asked for (by its attendee, by staff for everyone,
or by the export) and keeps its code ever after, so every copy reads the same. It is given only
once the seminar has ended, and only to someone marked as attended; the code is checked against
the attendance as it is now, so taking a mark back makes the code unknown.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core import attempts, audit
from bot.core import users as users_repo
from bot.core.errors import NotFound, Refusal
from bot.core.programmes import repo as programmes_repo
from bot.core.programmes.repo import Programme
from bot.db import Database, utcnow_iso
from bot.delivery.outbox import FOREVER
from bot.seminars.repo import certificates as repo
from bot.seminars.repo import seminars as seminars_repo
from bot.seminars.repo.certificates import Attendee
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.seminars import Seminars

log = logging.getLogger(__name__)

ALPHABET = "ABCEHKMPTXY23456789"
"""Letters that look the same on a Latin and a Cyrillic keyboard, and digits that can't be
taken for letters: 19**8 codes, typed right from either keyboard."""
LENGTH = 8
LOOKALIKES = str.maketrans("АВСЕНКМРТХУ", "ABCEHKMPTXY")
WRONG_CODES = 5
WRONG_CODES_WINDOW = timedelta(minutes=10)
"""As for check-in codes: this many unknown codes per person in the window, then a wait."""
PUSH_PREFIX = "seminar-certificate:"


@dataclass(frozen=True)
class Certificate:
    """Everything a certificate shows; `organisations` may be empty (the view names the
    programme then)."""

    seminar: Seminar
    attendee: Attendee
    code: str
    issued_at: datetime
    organisations: str
    donor: str
    programme: Programme | None


@dataclass(frozen=True)
class Plan:
    """What "Send certificates" would do: to how many attendees, how many already have one."""

    seminar: Seminar
    attendees: int
    sent: int


def normalise(typed: str) -> str:
    """As typed from either keyboard, in either case, with spaces or a dash: the stored form."""
    kept = "".join(ch for ch in typed.upper() if not ch.isspace() and ch not in "-–—")
    return kept.translate(LOOKALIKES)


def shown(code: str) -> str:
    """Two groups of four, easier to read out and to type."""
    return f"{code[:4]}-{code[4:]}"


def push_key(seminar_id: int, user_id: int) -> str:
    return f"{PUSH_PREFIX}{seminar_id}:{user_id}"


class Certificates:
    def __init__(self, seminars: Seminars) -> None:
        self.seminars = seminars
        self.outbox = seminars.outbox
        self.db = seminars.db
        self.clock = seminars.clock

    async def mine(self, telegram_id: int, seminar_id: int) -> Certificate:
        """The member's own; refused to anyone not marked as attended."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None:
            raise Refusal("register_first")
        seminar = await seminars_repo.get(self.db, seminar_id)
        if seminar is None:
            raise NotFound(str(seminar_id))
        attendee = await repo.attendee(self.db, seminar_id, user.id)
        if attendee is None:
            raise Refusal("certificate_not_attended")
        self._ready(seminar)
        return await self._issue(seminar, attendee)

    async def plan(self, telegram_id: int, seminar_id: int) -> Plan:
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        self._ready(seminar)
        reachable = [a for a in await repo.attendees(self.db, seminar_id) if a.telegram_id]
        sent = await self.outbox.sent_chats(f"{PUSH_PREFIX}{seminar_id}:")
        return Plan(seminar, len(reachable), sum(a.telegram_id in sent for a in reachable))

    async def send_all(self, telegram_id: int, seminar_id: int, bot_username: str) -> int:
        """One push per attendee, under a key of its own: pressing again, or a restart, sends
        nobody a second one. Returns how many were queued now."""
        actor, seminar = await self.seminars.manage(telegram_id, seminar_id)
        self._ready(seminar)
        queued = 0
        async with self.db.transaction():
            for attendee in await repo.attendees(self.db, seminar_id):
                if attendee.telegram_id is None:
                    continue
                await self._issue(seminar, attendee)
                params = {"seminar_id": seminar_id, "user_id": attendee.user_id,
                          "bot": bot_username}  # fmt: skip
                queued += await self.outbox.enqueue(
                    push_key(seminar_id, attendee.user_id), attendee.telegram_id, "certificate",
                    "seminar_certificate", params, expires_at=FOREVER,
                    programme_id=seminar.programme_id,
                )  # fmt: skip
            author = actor.user.id if actor.user else None
            await audit.record(
                self.db, author, "certificates_sent", "seminar", seminar_id, str(queued)
            )
        log.info("seminar %s: %s certificates queued by user %s", seminar_id, queued, telegram_id)
        return queued

    async def for_push(self, seminar_id: int, user_id: int) -> Certificate | None:
        """As it is when the push goes out; None when it no longer applies."""
        seminar = await seminars_repo.get(self.db, seminar_id)
        attendee = await repo.attendee(self.db, seminar_id, user_id)
        if seminar is None or attendee is None or seminar.cancelled:
            return None
        return await self._issue(seminar, attendee)

    async def of_seminar(self, seminar_id: int) -> list[Certificate]:
        """Every attendee's, for the export, which runs with the database owner's rights: also
        before the end, so organisers can print them for the closing session."""
        seminar = await seminars_repo.get(self.db, seminar_id)
        if seminar is None:
            raise NotFound(str(seminar_id))
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        attendees = await repo.attendees(self.db, seminar_id)
        return [await self._issue(seminar, a) for a in attendees]

    async def verify(self, telegram_id: int, typed: str) -> Certificate | None:
        """The certificate with this code, or None (which counts as a wrong guess)."""
        key, now = f"certificate-code:{telegram_id}", self.clock.now()
        since = utcnow_iso(now - WRONG_CODES_WINDOW)
        if await attempts.count_since(self.db, key, since) >= WRONG_CODES:
            oldest = await attempts.oldest_since(self.db, key, since)
            until = datetime.fromisoformat(oldest) + WRONG_CODES_WINDOW if oldest else now
            raise Refusal("certificate_wait", until=until)
        found = await repo.by_code(self.db, normalise(typed))
        if found is not None:
            certificate = await self.for_push(found.seminar_id, found.user_id)
            if certificate is not None:
                return certificate
        await attempts.record(self.db, [key], utcnow_iso(now))
        return None

    def _ready(self, seminar: Seminar) -> None:
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        if self.clock.now() < seminar.ends_at:
            raise Refusal("certificate_not_yet", ends=seminar.ends_at)

    async def _issue(self, seminar: Seminar, attendee: Attendee) -> Certificate:
        code, issued = attendee.code, attendee.issued_at
        if code is None or issued is None:
            issued = utcnow_iso(self.clock.now())
            await repo.issue(self.db, seminar.id, attendee.user_id, await self._code(), issued)
            again = await repo.attendee(self.db, seminar.id, attendee.user_id)
            assert again is not None and again.code is not None and again.issued_at is not None
            attendee, code, issued = again, again.code, again.issued_at
        programme = None
        if seminar.programme_id is not None:
            programme = await programmes_repo.by_id(self.db, seminar.programme_id)
        organisations = programme.implementers if programme else ""
        if not organisations:
            organisations = await repo.organisation_of(self.db, seminar.created_by) or ""
        donor = programme.donor if programme else ""
        return Certificate(seminar, attendee, code, datetime.fromisoformat(issued),
                           organisations, donor, programme)  # fmt: skip

    async def _code(self) -> str:
        for _ in range(100):
            code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
            if not await repo.code_taken(self.db, code):
                return code
        raise RuntimeError("no free certificate code")


async def forget(db: Database, user_id: int, telegram_id: int) -> None:
    """An erased person's certificates go: their codes then check as unknown."""
    await repo.forget(db, user_id)
