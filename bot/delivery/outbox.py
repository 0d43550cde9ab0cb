"""The durable queue of pushes.

A row is written before anything is sent, under a unique dedupe key, so the same notice can never
be queued twice and a restart loses nothing. Rows hold a template key and parameters, not text:
they are rendered in the recipient's language when they are sent. A claimed row carries a lease;
only rows caught in flight by a crash can go out twice.

Leases are what let two bot processes share one PostgreSQL database: rows are claimed with
SKIP LOCKED, so two senders never take the same row; the sender renews the lease of the rows it
still holds; a row whose lease ran out (its sender died) goes back to pending and is sent by
whoever runs next.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.clock import Clock
from bot.db import Database, Row, utcnow_iso

LEASE = timedelta(seconds=30)
"""Long enough for a send and its written outcome, renewed every RENEW_EVERY while held: the
time a dead sender's rows wait before another process sends them."""
RENEW_EVERY = timedelta(seconds=10)
STOPPED = "cancelled by staff"
"""`last_error` of a row whose broadcast staff stopped, and of a send withdrawn for it."""
LIFETIME = timedelta(days=30)
"""A push given no last moment of its own is dropped a month after it was due."""
FOREVER = datetime.max.replace(tzinfo=UTC)
"""`expires_at` for what waits however long it takes (broadcasts, results)."""
PARKED = ("chat not found", "bot can't initiate conversation", "user is deactivated")
"""400 answers about a person who has not (or no longer) started the bot: the row waits for
them as for a block (status 'blocked'), and goes when they write."""
_INSERT = (
    "INSERT INTO outbox (dedupe_key, chat_id, kind, template, params, not_before, created_at,"
    " broadcast_id, expires_at, programme_id, fold) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (dedupe_key) DO NOTHING"
)
REPLACED = "replaced by a newer message"
"""Why a folded row was cancelled (its `last_error`)."""


def unreached(error: str | None) -> bool:
    """A parked row that waits for someone who never started the bot, not for a block."""
    return bool(error) and any(reason in (error or "").lower() for reason in PARKED)


def _expiry(not_before: datetime, expires_at: datetime | None) -> str | None:
    if expires_at is FOREVER:
        return None
    return utcnow_iso(expires_at or not_before + LIFETIME)


@dataclass(frozen=True)
class Push:
    """One message to queue; keys that share a prefix can be moved or dropped together."""

    dedupe_key: str
    chat_id: int
    template: str
    params: Mapping[str, Any]
    not_before: datetime | None = None
    kind: str = "notice"
    expires_at: datetime | None = None
    """The last moment it still makes sense (FOREVER: however long it takes; None: LIFETIME
    after it is due)."""
    programme_id: int | None = None
    """The programme it comes from (its label; closing the programme drops it)."""
    fold: str | None = None
    """What the push is about, for its reader ("submission-status:12"): queuing it cancels
    the rows of the same chat under this key that are still unsent, so a burst about one
    thing reaches the reader as its latest state."""
    merge: tuple[str, ...] = ()
    """List params that keep the values of the rows it replaces (a seminar's changed fields:
    a title change and then a time change, unsent, go as one notice naming both)."""


@dataclass(frozen=True)
class OutboxRow:
    id: int
    chat_id: int
    kind: str
    template: str
    params: dict[str, Any]
    attempts: int
    broadcast_id: int | None
    lang: str | None
    tg_lang: str | None
    muted: bool
    expires_at: datetime | None = None
    deactivated: bool = False
    """The recipient is a member staff deactivated (they left office)."""
    maybe_twice: bool = False
    programme_id: int | None = None


@dataclass(frozen=True)
class Outcome:
    """How one send ended; `not_before` set means 'try again then'."""

    row_id: int
    status: str
    message_id: int | None = None
    error: str | None = None
    not_before: datetime | None = None
    tried: bool = False
    """True when Telegram was really asked (the attempts column counts these)."""
    maybe_twice: bool = False
    """The send before this one timed out: Telegram may have delivered it already."""


class Outbox:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.wakeup = asyncio.Event()
        self.stopped_broadcasts: set[int] = set()
        """Stopped in this process: rows already leased are dropped instead of sent."""
        self.outage_since: datetime | None = None
        """Set by the dispatcher while the Bot API does not answer (shown to staff)."""
        self.last_outage: tuple[datetime, datetime] | None = None
        """The last outage that ended in this process: from, to."""
        self.owner = uuid.uuid4().hex
        """This process's name on the leases it takes (`lease_owner`)."""

    def _now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def enqueue(
        self,
        dedupe_key: str,
        chat_id: int,
        kind: str,
        template: str,
        params: Mapping[str, Any] | None = None,
        not_before: datetime | None = None,
        expires_at: datetime | None = None,
        programme_id: int | None = None,
        fold: str | None = None,
    ) -> bool:
        """Queue one push; False when a push with this key was already queued. With `fold`,
        the chat's unsent rows under that key are replaced by this one (see `Push.fold`)."""
        now = self._now()
        due = not_before or self.clock.now()
        payload = json.dumps(params or {}, ensure_ascii=False)
        row = (dedupe_key, chat_id, kind, template, payload, utcnow_iso(due), now, None,
               _expiry(due, expires_at), programme_id, fold)  # fmt: skip
        if fold is None:
            cur = await self.db.execute(_INSERT, row)
        else:
            async with self.db.transaction():
                await self._fold(dedupe_key, chat_id, fold, {}, ())
                cur = await self.db.execute(_INSERT, row)
        self.wakeup.set()
        return cur.rowcount == 1

    async def enqueue_many(
        self, pushes: Iterable[Push], revive: bool = False, programme_id: int | None = None
    ) -> None:
        """With `revive`, a row cancelled earlier under the same key is queued again (a member
        who declined and then said yes again); a row that was sent is never sent twice.
        `programme_id` is for pushes that don't name one themselves. A push with a `fold`
        replaces the unsent rows it folds, and any earlier push of this call it folds."""
        now = self._now()
        sql = _INSERT
        if revive:
            sql = sql.replace(
                "DO NOTHING",
                "DO UPDATE SET status = 'pending', not_before = excluded.not_before,"
                " params = excluded.params, attempts = 0, last_error = NULL"
                " WHERE outbox.status = 'cancelled'",
            )
        at = self.clock.now()

        def row(p: Push, params: Mapping[str, Any]) -> tuple[Any, ...]:
            due = p.not_before or at
            return (p.dedupe_key, p.chat_id, p.kind, p.template,
                    json.dumps(params, ensure_ascii=False), utcnow_iso(due), now, None,
                    _expiry(due, p.expires_at), p.programme_id or programme_id, p.fold)  # fmt: skip

        pushes = list(pushes)
        if not any(p.fold is not None for p in pushes):
            if pushes:
                await self.db.executemany(sql, [row(p, p.params) for p in pushes])
                self.wakeup.set()
            return
        async with self.db.transaction():
            rows: dict[object, tuple[Any, ...]] = {}
            for n, p in enumerate(pushes):
                params = dict(p.params)
                if p.fold is not None:
                    params = await self._fold(p.dedupe_key, p.chat_id, p.fold, params, p.merge)
                    earlier = rows.pop((p.fold, p.chat_id), None)
                    if earlier is not None:
                        params = _merged(json.loads(earlier[4]), params, p.merge)
                rows[(p.fold, p.chat_id) if p.fold is not None else n] = row(p, params)
            await self.db.executemany(sql, rows.values())
        self.wakeup.set()

    async def _fold(
        self,
        dedupe_key: str,
        chat_id: int,
        fold: str,
        params: dict[str, Any],
        merge: tuple[str, ...],
    ) -> dict[str, Any]:
        """Cancels the chat's unsent rows under `fold` (a row in flight goes as it is); returns
        `params` with the `merge` lists of the replaced rows added, oldest values first. Called
        inside the transaction that queues the new row."""
        found = await self.db.fetchall(
            "SELECT id, params FROM outbox WHERE fold = ? AND chat_id = ? AND dedupe_key != ?"
            " AND status IN ('pending', 'blocked') ORDER BY id",
            (fold, chat_id, dedupe_key),
        )
        if not found:
            return params
        for row in reversed(found):
            params = _merged(json.loads(row["params"]), params, merge)
        marks = ",".join("?" * len(found))
        await self.db.execute(
            f"UPDATE outbox SET status = 'cancelled', last_error = ? WHERE id IN ({marks})",
            (REPLACED, *(row["id"] for row in found)),
        )
        return params

    async def cancel_keyed(self, prefix: str) -> int:
        """Drops unsent rows whose dedupe key starts with `prefix` (reminders of a seminar)."""
        cur = await self.db.execute(
            "UPDATE outbox SET status = 'cancelled' WHERE dedupe_key >= ? AND dedupe_key < ?"
            " AND status IN ('pending', 'blocked')",
            _key_range(prefix),
        )
        return cur.rowcount

    async def sent_chats(self, prefix: str) -> set[int]:
        rows = await self.db.fetchall(
            "SELECT chat_id FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ?"
            " AND status = 'sent'",
            _key_range(prefix),
        )
        return {r[0] for r in rows}

    async def move_keyed(self, prefix: str, not_before: datetime) -> int:
        """Unsent rows under `prefix` wait until the new time instead."""
        cur = await self.db.execute(
            "UPDATE outbox SET not_before = ? WHERE dedupe_key >= ? AND dedupe_key < ?"
            " AND status IN ('pending', 'blocked')",
            (utcnow_iso(not_before), *_key_range(prefix)),
        )
        self.wakeup.set()
        return cur.rowcount

    async def enqueue_broadcast(
        self,
        broadcast_id: int,
        chat_ids: Iterable[int],
        not_before: datetime,
        programme_id: int | None = None,
    ) -> None:
        """One row per recipient in one transaction: a broadcast is queued whole or not at all."""
        now, when = self._now(), utcnow_iso(not_before)
        params = json.dumps({"broadcast_id": broadcast_id})
        rows = [
            (f"broadcast:{broadcast_id}:{chat}", chat, "broadcast", "broadcast", params, when, now,
             broadcast_id, None, programme_id, None)
            for chat in chat_ids
        ]  # fmt: skip
        async with self.db.transaction():
            await self.db.executemany(_INSERT, rows)
            await self.db.execute(
                "UPDATE outbox SET status = 'blocked', last_error = 'blocked the bot earlier'"
                " WHERE broadcast_id = ? AND status = 'pending' AND chat_id IN"
                " (SELECT telegram_id FROM users WHERE unreachable = 1)",
                (broadcast_id,),
            )
        self.wakeup.set()

    async def claim_due(self, limit: int) -> list[OutboxRow]:
        """Lease up to `limit` due rows, oldest first."""
        now = self.clock.now()
        rows = await self.db.write_returning(
            "UPDATE outbox SET status = 'sending', lease_until = ?, lease_owner = ?"
            " WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND not_before <= ?"
            " AND (broadcast_id IS NULL OR broadcast_id NOT IN"
            " (SELECT id FROM broadcasts WHERE status = 'cancelled'))"
            f" ORDER BY not_before, id LIMIT ?{self.db.skip_locked}) RETURNING id, chat_id, kind,"
            " template, params, attempts, broadcast_id, expires_at, maybe_twice, not_before,"
            " programme_id",
            (utcnow_iso(now + LEASE), self.owner, utcnow_iso(now), limit),
        )
        if not rows:
            return []
        people = await self._recipients([r["chat_id"] for r in rows])
        ordered = sorted(rows, key=lambda r: (r["not_before"], r["id"]))  # RETURNING has no order
        return [_row(r, people.get(r["chat_id"])) for r in ordered]

    async def languages_of(
        self, chat_id: int, saved: str | None, telegram: str | None
    ) -> tuple[str | None, str | None]:
        """The recipient's languages now (the ones given when they have no row)."""
        found = (await self._recipients([chat_id])).get(chat_id)
        return (found["lang"], found["tg_lang"]) if found is not None else (saved, telegram)

    async def _recipients(self, chat_ids: list[int]) -> dict[int, Row]:
        """Language, mute setting and standing of each recipient, for a batch of pushes."""
        unique = list(set(chat_ids))
        rows = await self.db.fetchall(
            "SELECT telegram_id, lang, tg_lang, muted, status = 'inactive' AND role = 'member'"
            " AS deactivated FROM users"
            f" WHERE telegram_id IN ({','.join('?' * len(unique))})",
            unique,
        )
        return {r["telegram_id"]: r for r in rows}

    async def finish_many(self, outcomes: list[Outcome]) -> None:
        now = self._now()
        await self.db.executemany(
            # A row stopped while in flight stays cancelled unless it did go out.
            "UPDATE outbox SET status = CASE WHEN status = 'cancelled' AND ? != 'sent'"
            " THEN 'cancelled' ELSE ? END, message_id = COALESCE(?, message_id),"
            " last_error = ?, attempts = attempts + ?,"
            " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,"
            " not_before = COALESCE(?, not_before), lease_until = NULL, lease_owner = NULL,"
            " maybe_twice = MAX(maybe_twice, ?)"
            " WHERE id = ? AND (lease_owner = ? OR lease_owner IS NULL)",
            [
                (o.status, o.status, o.message_id, o.error, int(o.tried), o.status, now,
                 utcnow_iso(o.not_before) if o.not_before else None, int(o.maybe_twice),
                 o.row_id, self.owner)
                for o in outcomes
            ],
        )  # fmt: skip

    async def next_keyed(self, prefix: str) -> datetime | None:
        """When the next unsent row under `prefix` is due (a member's next reminder)."""
        row = await self.db.fetchone(
            "SELECT MIN(not_before) FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ?"
            " AND status IN ('pending', 'blocked')",
            _key_range(prefix),
        )
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    async def waiting(self) -> int:
        """Rows due or in flight, of every kind: what an outage holds back."""
        return await self.db.count(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
            " AND not_before <= ?",
            (self._now(),),
        )

    async def next_due_at(self) -> str | None:
        row = await self.db.fetchone("SELECT MIN(not_before) FROM outbox WHERE status = 'pending'")
        return row[0] if row else None

    async def renew(self, row_ids: Iterable[int]) -> set[int]:
        """Rows still held (being sent, or their outcome not yet written) keep their lease;
        the ids renewed. A row missing from them was taken over by another process after
        this one's lease ran out (an outage longer than LEASE): it is no longer this one's."""
        ids = list(row_ids)
        if not ids:
            return set()
        rows = await self.db.write_returning(
            "UPDATE outbox SET lease_until = ? WHERE status = 'sending' AND lease_owner = ?"
            f" AND id IN ({','.join('?' * len(ids))}) RETURNING id",
            (utcnow_iso(self.clock.now() + LEASE), self.owner, *ids),
        )
        return {r[0] for r in rows}

    async def release(self, row_ids: Iterable[int]) -> None:
        """Rows this process leased and will not send after all (it is stopping)."""
        ids = list(row_ids)
        if ids:
            await self.db.execute(
                "UPDATE outbox SET status = 'pending', lease_until = NULL, lease_owner = NULL"
                " WHERE status = 'sending' AND lease_owner = ?"
                f" AND id IN ({','.join('?' * len(ids))})",
                (self.owner, *ids),
            )

    async def recover_in_flight(self, only_expired: bool = False) -> int:
        """Rows whose sender died (or, with only_expired, whose lease ran out) go out again."""
        sql = (
            "UPDATE outbox SET status = 'pending', lease_until = NULL, lease_owner = NULL"
            " WHERE status = 'sending'"
        )
        params: tuple[str, ...] = ()
        if only_expired:
            sql += " AND lease_until < ?"
            params = (self._now(),)
        cur = await self.db.execute(sql, params)
        return cur.rowcount

    async def set_reachable(self, chat_id: int, reachable: bool) -> None:
        """A 403 parks the chat's pending rows; a new /start sends them after all."""
        before, after = ("blocked", "pending") if reachable else ("pending", "blocked")
        async with self.db.transaction():
            await self.db.execute(
                "UPDATE users SET unreachable = ? WHERE telegram_id = ?",
                (int(not reachable), chat_id),
            )
            await self.db.execute(
                "UPDATE outbox SET status = ? WHERE chat_id = ? AND status = ?",
                (after, chat_id, before),
            )
        if reachable:
            self.wakeup.set()

    async def cancel_for_chat(self, chat_id: int) -> int:
        cur = await self.db.execute(
            "UPDATE outbox SET status = 'cancelled' WHERE chat_id = ? AND status IN"
            " ('pending', 'blocked')",
            (chat_id,),
        )
        return cur.rowcount

    async def forget_person(self, user_id: int) -> None:
        """Approval cards about someone who erased their data: unsent ones go, none keep details."""
        await self.db.execute(
            "UPDATE outbox SET params = '{}', status = CASE WHEN status IN ('pending', 'blocked')"
            " THEN 'cancelled' ELSE status END WHERE dedupe_key LIKE ?",
            (f"approval-request:{user_id}:%",),
        )

    async def cancel_broadcast(self, broadcast_id: int) -> int:
        """Rows in flight are marked too; a send already under way is recorded as sent."""
        self.stopped_broadcasts.add(broadcast_id)
        cur = await self.db.execute(
            "UPDATE outbox SET status = 'cancelled', last_error = ?"
            " WHERE broadcast_id = ? AND status IN ('pending', 'blocked', 'sending')",
            (STOPPED, broadcast_id),
        )
        return cur.rowcount


def _merged(older: dict[str, Any], newer: dict[str, Any], merge: tuple[str, ...]) -> dict[str, Any]:
    """`newer`, with each `merge` list holding the older values first, each value once."""
    merged = dict(newer)
    for name in merge:
        values = [*(older.get(name) or []), *(newer.get(name) or [])]
        merged[name] = list(dict.fromkeys(values))
    return merged


def _key_range(prefix: str) -> tuple[str, str]:
    """The keys starting with `prefix` as a range, so the unique index on keys finds them."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _row(r: Row, person: Row | None) -> OutboxRow:
    return OutboxRow(
        id=r["id"],
        chat_id=r["chat_id"],
        kind=r["kind"],
        template=r["template"],
        params=json.loads(r["params"]),
        attempts=r["attempts"],
        broadcast_id=r["broadcast_id"],
        lang=person["lang"] if person else None,
        tg_lang=person["tg_lang"] if person else None,
        muted=bool(person["muted"]) if person else False,
        deactivated=bool(person["deactivated"]) if person else False,
        expires_at=datetime.fromisoformat(r["expires_at"]) if r["expires_at"] else None,
        maybe_twice=bool(r["maybe_twice"]),
        programme_id=r["programme_id"],
    )
