"""What the accounts feature stores about one person, for the copy of their data: the users
row, their registration requests, the messages queued to them and their open flow."""

from __future__ import annotations

import json
from typing import Any, TypedDict

from bot.accounts.repo.cards import card_prefix
from bot.db import Database


class RequestRecord(TypedDict):
    """One registration request: when it went to reviewers, to how many, what they decided."""

    request: int
    sent_at: str
    reviewers: int
    decision: str | None
    decided_at: str | None


class MessageRecord(TypedDict):
    """A message the bot queued to them (what it was about, not its text: that is rendered
    when it is sent, in their language)."""

    kind: str
    template: str
    status: str
    due: str
    sent_at: str | None
    queued_at: str


class FlowRecord(TypedDict):
    flow: str
    step: str
    answers: dict[str, Any]
    updated_at: str


def _range(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


async def user_row(db: Database, user_id: int) -> dict[str, Any]:
    row = await db.fetchone("SELECT * FROM users WHERE id = ?", (user_id,))
    return dict(row) if row is not None else {}


async def staff_of(db: Database, user_id: int) -> list[dict[str, object]]:
    """The programmes a coordinator works in, with the regions they are limited to."""
    rows = await db.fetchall(
        "SELECT p.code, r.code AS region FROM programme_staff s"
        " JOIN programmes p ON p.id = s.programme_id"
        " LEFT JOIN programme_staff_regions sr"
        " ON sr.programme_id = s.programme_id AND sr.user_id = s.user_id"
        " LEFT JOIN regions r ON r.id = sr.region_id WHERE s.user_id = ? ORDER BY p.code, r.code",
        (user_id,),
    )
    found: dict[str, list[str]] = {}
    for row in rows:
        regions = found.setdefault(row["code"], [])
        if row["region"]:
            regions.append(row["region"])
    return [{"programme": code, "regions": regions} for code, regions in found.items()]


async def requests(db: Database, user_id: int) -> list[RequestRecord]:
    cards = await db.fetchall(
        "SELECT dedupe_key, created_at FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ?"
        " ORDER BY id",
        _range(card_prefix(user_id)),
    )
    decisions = await db.fetchall(
        "SELECT dedupe_key, template, created_at FROM outbox WHERE dedupe_key >= ?"
        " AND dedupe_key < ?",
        _range(f"decision:{user_id}:"),
    )
    decided = {int(r[0].split(":")[2]): (r[1].removeprefix("registration_"), r[2])
               for r in decisions}  # fmt: skip
    found: dict[int, RequestRecord] = {}
    for key, created_at in cards:
        if key.count(":") > 3:
            continue  # a card /pending showed again, not a request of its own
        n = int(key.split(":")[2])
        if n not in found:
            decision, at = decided.get(n, (None, None))
            found[n] = RequestRecord(request=n, sent_at=created_at, reviewers=0,
                                     decision=decision, decided_at=at)  # fmt: skip
        found[n]["reviewers"] += 1
    return list(found.values())


async def messages(db: Database, telegram_id: int) -> list[MessageRecord]:
    rows = await db.fetchall(
        "SELECT kind, template, status, not_before, sent_at, created_at FROM outbox"
        " WHERE chat_id = ? ORDER BY not_before, id",
        (telegram_id,),
    )
    return [
        MessageRecord(kind=r[0], template=r[1], status=r[2], due=r[3], sent_at=r[4],
                      queued_at=r[5])
        for r in rows
    ]  # fmt: skip


async def flow(db: Database, telegram_id: int) -> FlowRecord | None:
    row = await db.fetchone(
        "SELECT flow, step, data, updated_at FROM flows WHERE telegram_id = ?", (telegram_id,)
    )
    if row is None:
        return None
    return FlowRecord(flow=row[0], step=row[1], answers=json.loads(row[2]), updated_at=row[3])
