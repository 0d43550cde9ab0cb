"""People who talk to the bot: members, coordinators and admins."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db import Database, Row, utcnow_iso

PROFILE_FIELDS = (
    "lang",
    "phone",
    "full_name",
    "tg_name",
    "gender",
    "municipality_id",
    "position",
    "position_detail",
    "organisation",
)


@dataclass(frozen=True)
class User:
    id: int
    telegram_id: int | None
    lang: str | None
    tg_lang: str | None
    phone: str | None
    full_name: str | None
    tg_name: str | None
    gender: str | None
    municipality_id: int | None
    position: str | None
    position_detail: str | None
    role: str
    status: str
    submissions: int
    reviewed_by: int | None
    created_at: str
    unreachable: int = 0
    muted: int = 0
    organisation: str | None = None
    """A staff member's organisation, shown with their name on their decisions."""
    last_active_at: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in ("coordinator", "admin")

    @property
    def display_name(self) -> str:
        return self.full_name or self.tg_name or str(self.telegram_id)

    @property
    def is_inactive(self) -> bool:
        """A member staff deactivated (they left office): kept for the records, sent nothing."""
        return self.status == "inactive" and self.role == "member"


_COLUMNS = (
    "id, telegram_id, lang, tg_lang, phone, full_name, tg_name, gender, municipality_id, position,"
    " position_detail, role, status, submissions, reviewed_by, created_at, unreachable, muted,"
    " organisation, last_active_at"
)


def _user(row: Row) -> User:
    return User(**dict(row))


_SEEN: ContextVar[dict[int, User | None] | None] = ContextVar("users_seen", default=None)
"""The rows read during one update, by Telegram id: the translator, the rights and the services
all ask for the same person, and each read is a database trip. Any write to users forgets them."""


def remember_during_this_update() -> None:
    """Called as an update starts being handled (bot.updates); other tasks never cache."""
    _SEEN.set({})


def _forget() -> None:
    seen = _SEEN.get()
    if seen:
        seen.clear()


async def by_telegram_id(db: Database, telegram_id: int) -> User | None:
    seen = _SEEN.get()
    if seen is not None and telegram_id in seen:
        return seen[telegram_id]
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM users WHERE telegram_id = ?", (telegram_id,))
    user = _user(row) if row else None
    if seen is not None and not db.in_transaction:
        seen[telegram_id] = user
    return user


async def by_id(db: Database, user_id: int) -> User | None:
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM users WHERE id = ?", (user_id,))
    return _user(row) if row else None


async def ensure(
    db: Database, telegram_id: int, tg_name: str, now: str, tg_lang: str | None = None
) -> User:
    """The row a person gets on first contact; Telegram's language serves pushes until they pick."""
    _forget()
    await db.execute(
        "INSERT INTO users (telegram_id, tg_name, tg_lang, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (telegram_id) DO UPDATE SET"
        " tg_name = excluded.tg_name, tg_lang = COALESCE(excluded.tg_lang, users.tg_lang)",
        (telegram_id, tg_name, tg_lang, now, now),
    )
    user = await by_telegram_id(db, telegram_id)
    assert user is not None
    return user


async def update_fields(db: Database, user_id: int, now: str, **fields: object) -> None:
    _forget()
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    assignments = ", ".join(f"{name} = ?" for name in fields)
    await db.execute(
        f"UPDATE users SET {assignments}, updated_at = ? WHERE id = ?",
        (*fields.values(), now, user_id),
    )


async def submit(db: Database, user_id: int, now: str) -> None:
    """Back to the approval queue; the counter tells one submission's notices from the next."""
    _forget()
    await db.execute(
        "UPDATE users SET status = 'pending', submissions = submissions + 1,"
        " reviewed_by = NULL, reviewed_at = NULL, updated_at = ? WHERE id = ?",
        (now, user_id),
    )


async def decide_pending(
    db: Database, user_id: int, submission: int, status: str, reviewer_id: int, now: str
) -> bool:
    """Only the pending submission on the card can be decided; False means someone was first."""
    _forget()
    cur = await db.execute(
        "UPDATE users SET status = ?, reviewed_by = ?, reviewed_at = ?, updated_at = ?"
        " WHERE id = ? AND status = 'pending' AND submissions = ?",
        (status, reviewer_id, now, now, user_id, submission),
    )
    return cur.rowcount == 1


async def set_active(db: Database, user_id: int, active: bool, now: str) -> bool:
    """Deactivates an approved member, or brings a deactivated one back; False when the row
    was not in the state to change (someone else was first, or it changed since)."""
    _forget()
    before, after = ("inactive", "approved") if active else ("approved", "inactive")
    cur = await db.execute(
        "UPDATE users SET status = ?, updated_at = ? WHERE id = ? AND status = ?"
        " AND role = 'member'",
        (after, now, user_id, before),
    )
    return cur.rowcount == 1


async def seen(db: Database, when: dict[int, str], window: timedelta) -> None:
    """People who wrote to the bot, by Telegram id with the time: their last-active time, in
    one statement each and one transaction, unless it was written less than `window` before
    (by another process, or before a restart)."""
    _forget()
    await db.executemany(
        "UPDATE users SET last_active_at = ? WHERE telegram_id = ?"
        " AND (last_active_at IS NULL OR last_active_at < ?)",
        [(at, tid, utcnow_iso(datetime.fromisoformat(at) - window)) for tid, at in when.items()],
    )


async def set_role(db: Database, user_id: int, role: str, now: str) -> None:
    _forget()
    await db.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", (role, now, user_id))


async def staff(db: Database) -> list[User]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM users WHERE role IN ('coordinator', 'admin')"
        " AND telegram_id IS NOT NULL ORDER BY id"
    )
    return [_user(r) for r in rows]


async def pending(db: Database, region_ids: list[int], limit: int) -> tuple[list[User], int]:
    """The oldest waiting registrations in those regions (all regions when none), and how many."""
    where = " WHERE status = 'pending'"
    params: list[int] = []
    if region_ids:
        where += (
            " AND municipality_id IN (SELECT m.id FROM municipalities m JOIN districts d"
            f" ON d.id = m.district_id WHERE d.region_id IN ({','.join('?' * len(region_ids))}))"
        )
        params = list(region_ids)
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM users{where} ORDER BY updated_at LIMIT ?", (*params, limit)
    )
    total = await db.count(f"SELECT COUNT(*) FROM users{where}", params)
    return [_user(r) for r in rows], total


async def erase_personal_data(db: Database, user_id: int, now: str) -> None:
    """Keeps municipality, position and gender for anonymous counts; drops who the person was."""
    _forget()
    await db.execute(
        "UPDATE users SET telegram_id = NULL, phone = NULL, full_name = NULL, tg_name = NULL,"
        " position_detail = NULL, lang = NULL, tg_lang = NULL, role = 'member', status = 'deleted',"
        " organisation = NULL, last_active_at = NULL, updated_at = ? WHERE id = ?",
        (now, user_id),
    )
    await db.execute("DELETE FROM programme_staff WHERE user_id = ?", (user_id,))
    await db.execute("DELETE FROM programme_mutes WHERE user_id = ?", (user_id,))


async def delete(db: Database, user_id: int) -> None:
    """Only for a row nothing points at (see bot.accounts.repo.erasure.referenced)."""
    _forget()
    await db.execute("DELETE FROM users WHERE id = ?", (user_id,))


async def set_muted(db: Database, telegram_id: int, muted: bool, now: str) -> None:
    _forget()
    await db.execute(
        "UPDATE users SET muted = ?, updated_at = ? WHERE telegram_id = ?",
        (int(muted), now, telegram_id),
    )


async def set_lang(db: Database, telegram_id: int, lang: str, now: str) -> None:
    _forget()
    await db.execute(
        "UPDATE users SET lang = ?, updated_at = ? WHERE telegram_id = ?", (lang, now, telegram_id)
    )
