"""Polls in SQLite: the questions, who was asked, and the answers.

A named poll's answers are rows with the person (`poll_answers`); an anonymous poll's are rows
with no person and no time (`poll_tallies`). Counts read both the same way, grouped in SQL, so
a poll to 10,000 members is counted without loading its answers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.db import Database, Row

GROUPS = {
    "region": "region_id",
    "district": "district_id",
    "position": "position",
    "gender": "gender",
}
"""The ways results are split, and the column that holds each."""
_BOTH = (
    "SELECT choice, number, text, region_id, district_id, position, gender FROM poll_answers"
    " WHERE poll_id = ? AND question = ? UNION ALL"
    " SELECT choice, number, text, region_id, district_id, position, gender FROM poll_tallies"
    " WHERE poll_id = ? AND question = ?"
)


@dataclass(frozen=True)
class Question:
    position: int
    text_ky: str | None
    text_ru: str | None
    kind: str
    """"one", "many", "number" or "text"."""
    options: tuple[dict[str, str], ...] = ()
    """Each option's text by language ("ky", "ru"); a language may be missing."""
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True)
class Poll:
    id: int
    programme_id: int | None
    author_id: int
    anonymous: bool
    audience: dict[str, Any]
    total: int
    sent_at: str
    closes_at: str
    remind_at: str | None
    closed_at: str | None
    shared_at: str | None
    questions: tuple[Question, ...]

    @property
    def survey(self) -> bool:
        """More than one question: answered one by one in a flow."""
        return len(self.questions) > 1


@dataclass(frozen=True)
class Demography:
    """What an answer is counted under: the person's place, position and gender."""

    region_id: int | None
    district_id: int | None
    position: str | None
    gender: str | None


async def create(db: Database, values: dict[str, Any], questions: Sequence[Question]) -> int:
    poll_id = await db.insert(
        "INSERT INTO polls (programme_id, author_id, anonymous, audience, total, sent_at,"
        " closes_at, remind_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (values["programme_id"], values["author_id"], int(values["anonymous"]),
         json.dumps(values["audience"], ensure_ascii=False), values["total"], values["sent_at"],
         values["closes_at"], values["remind_at"], values["sent_at"]),
    )  # fmt: skip
    await db.executemany(
        "INSERT INTO poll_questions (poll_id, position, text_ky, text_ru, kind, options,"
        " min_value, max_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(poll_id, q.position, q.text_ky, q.text_ru, q.kind,
          json.dumps(list(q.options), ensure_ascii=False), q.min_value, q.max_value)
         for q in questions],
    )  # fmt: skip
    return poll_id


async def add_recipients(db: Database, poll_id: int, chat_ids: Sequence[int]) -> None:
    """The audience as users, by their chats; one statement however many."""
    await db.execute(
        "INSERT OR IGNORE INTO poll_recipients (poll_id, user_id) SELECT ?, id FROM users"
        " WHERE telegram_id IN (SELECT value FROM json_each(?))",
        (poll_id, json.dumps(list(chat_ids))),
    )


async def get(db: Database, poll_id: int) -> Poll | None:
    row = await db.fetchone("SELECT * FROM polls WHERE id = ?", (poll_id,))
    if row is None:
        return None
    found = await db.fetchall(
        "SELECT * FROM poll_questions WHERE poll_id = ? ORDER BY position", (poll_id,)
    )
    return _poll(row, tuple(_question(q) for q in found))


async def recent(db: Database, limit: int) -> list[tuple[Poll, int]]:
    """The latest polls with how many have answered, newest first."""
    rows = await db.fetchall(
        "SELECT p.id, (SELECT COUNT(*) FROM poll_recipients r WHERE r.poll_id = p.id"
        " AND r.answered = 1) AS answered FROM polls p ORDER BY p.id DESC LIMIT ?",
        (limit,),
    )
    found = []
    for row in rows:
        poll = await get(db, row["id"])
        if poll is not None:
            found.append((poll, int(row["answered"])))
    return found


async def recipient(db: Database, poll_id: int, user_id: int) -> Row | None:
    """(answered, progress) of one person asked, or None when they were not asked."""
    return await db.fetchone(
        "SELECT answered, progress FROM poll_recipients WHERE poll_id = ? AND user_id = ?",
        (poll_id, user_id),
    )


async def set_progress(
    db: Database, poll_id: int, user_id: int, progress: int, answered: bool
) -> None:
    await db.execute(
        "UPDATE poll_recipients SET progress = ?, answered = ? WHERE poll_id = ? AND user_id = ?",
        (progress, int(answered), poll_id, user_id),
    )


async def demography(db: Database, user_id: int) -> Demography:
    row = await db.fetchone(
        "SELECT d.region_id, m.district_id, u.position, u.gender FROM users u"
        " LEFT JOIN municipalities m ON m.id = u.municipality_id"
        " LEFT JOIN districts d ON d.id = m.district_id WHERE u.id = ?",
        (user_id,),
    )
    if row is None:
        return Demography(None, None, None, None)
    return Demography(row[0], row[1], row[2], row[3])


Answer = tuple[int | None, float | None, str | None]
"""One stored answer: (choice, number, text)."""


async def save_named(
    db: Database, poll_id: int, question: int, user_id: int, answers: Sequence[Answer],
    who: Demography, now: str,
) -> None:  # fmt: skip
    """The person's answer to one question, replacing the one they gave before."""
    await db.execute(
        "DELETE FROM poll_answers WHERE poll_id = ? AND question = ? AND user_id = ?",
        (poll_id, question, user_id),
    )
    await db.executemany(
        "INSERT INTO poll_answers (poll_id, question, user_id, choice, number, text, region_id,"
        " district_id, position, gender, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(poll_id, question, user_id, *a, who.region_id, who.district_id, who.position,
          who.gender, now) for a in answers],
    )  # fmt: skip


async def save_tally(
    db: Database, poll_id: int, question: int, answers: Sequence[Answer], who: Demography
) -> None:
    """An anonymous answer: counted under its groups, with nothing that leads to its person."""
    await db.executemany(
        "INSERT INTO poll_tallies (poll_id, question, choice, number, text, region_id,"
        " district_id, position, gender) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(poll_id, question, *a, who.region_id, who.district_id, who.position, who.gender)
         for a in answers],
    )  # fmt: skip


async def named_answer(db: Database, poll_id: int, question: int, user_id: int) -> list[Answer]:
    rows = await db.fetchall(
        "SELECT choice, number, text FROM poll_answers WHERE poll_id = ? AND question = ?"
        " AND user_id = ? ORDER BY choice",
        (poll_id, question, user_id),
    )
    return [(r[0], r[1], r[2]) for r in rows]


def _in_regions(regions: Sequence[int], column: str = "region_id") -> tuple[str, tuple[str, ...]]:
    """The condition keeping answers given in `regions` (empty: every region)."""
    if not regions:
        return "1 = 1", ()
    return f"{column} IN (SELECT value FROM json_each(?))", (json.dumps(list(regions)),)


async def counts(
    db: Database, poll_id: int, question: int, group: str | None, regions: Sequence[int] = ()
) -> list[Row]:
    """(key, choice, n, average) per group and choice; key NULL when not grouped. Read off
    the loop: a poll to 10,000 members groups 10,000 rows."""
    key = GROUPS[group] if group is not None else "NULL"
    where, more = _in_regions(regions)
    return await db.fetchall_off_loop(
        f"SELECT {key} AS key, choice, COUNT(*) AS n, AVG(number) AS average,"
        f" MIN(number) AS low, MAX(number) AS high FROM ({_BOTH}) AS answers WHERE {where}"
        " GROUP BY key, choice",
        (poll_id, question, poll_id, question, *more),
    )


async def texts(
    db: Database, poll_id: int, question: int, limit: int, regions: Sequence[int] = ()
) -> list[str]:
    where, more = _in_regions(regions)
    rows = await db.fetchall(
        f"SELECT text FROM ({_BOTH}) AS answers WHERE text IS NOT NULL AND {where} LIMIT ?",
        (poll_id, question, poll_id, question, *more, limit),
    )
    return [r[0] for r in rows]


async def answered(db: Database, poll_id: int) -> int:
    return await db.count(
        "SELECT COUNT(*) FROM poll_recipients WHERE poll_id = ? AND answered = 1", (poll_id,)
    )


async def place_names(db: Database, group: str, keys: Sequence[Any]) -> dict[Any, Row]:
    """Names of the regions or districts counted (name_ky, name_ru, name_en)."""
    table = {"region": "regions", "district": "districts"}.get(group)
    if table is None or not keys:
        return {}
    rows = await db.fetchall(
        f"SELECT id, name_ky, name_ru, name_en FROM {table}"
        " WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([k for k in keys if k is not None]),),
    )
    return {r["id"]: r for r in rows}


async def who_answered(db: Database, poll_id: int, regions: Sequence[int] = ()) -> list[Row]:
    """A named poll's answers with their people, for staff (off the loop: it may be long)."""
    where, more = _in_regions(regions, "a.region_id")
    return await db.fetchall_off_loop(
        "SELECT a.question, a.choice, a.number, a.text, u.full_name, m.name_ky, m.name_ru,"
        " m.name_en, a.answered_at FROM poll_answers a JOIN users u ON u.id = a.user_id"
        " LEFT JOIN municipalities m ON m.id = u.municipality_id WHERE a.poll_id = ?"
        f" AND {where} ORDER BY u.full_name, a.user_id, a.question, a.choice",
        (poll_id, *more),
    )


async def answered_by_chat(db: Database, poll_id: int, chat_id: int) -> bool:
    """Whether the person of this chat answered; True when they are no longer among those
    asked (nothing to remind)."""
    found = await db.fetchone(
        "SELECT r.answered FROM poll_recipients r JOIN users u ON u.id = r.user_id"
        " WHERE r.poll_id = ? AND u.telegram_id = ?",
        (poll_id, chat_id),
    )
    return found is None or bool(found[0])


async def chat_ids(db: Database, poll_id: int) -> list[int]:
    rows = await db.fetchall(
        "SELECT u.telegram_id FROM poll_recipients r JOIN users u ON u.id = r.user_id"
        " WHERE r.poll_id = ? AND u.telegram_id IS NOT NULL",
        (poll_id,),
    )
    return [r[0] for r in rows]


async def mark(db: Database, poll_id: int, column: str, now: str) -> None:
    """Sets `closed_at` or `shared_at`."""
    if column not in ("closed_at", "shared_at"):
        raise ValueError(column)
    await db.execute(f"UPDATE polls SET {column} = ? WHERE id = ?", (now, poll_id))


def _poll(row: Row, questions: tuple[Question, ...]) -> Poll:
    return Poll(
        id=row["id"], programme_id=row["programme_id"], author_id=row["author_id"],
        anonymous=bool(row["anonymous"]), audience=json.loads(row["audience"]),
        total=row["total"], sent_at=row["sent_at"], closes_at=row["closes_at"],
        remind_at=row["remind_at"], closed_at=row["closed_at"], shared_at=row["shared_at"],
        questions=questions,
    )  # fmt: skip


def _question(row: Row) -> Question:
    return Question(
        position=row["position"], text_ky=row["text_ky"], text_ru=row["text_ru"],
        kind=row["kind"], options=tuple(json.loads(row["options"])),
        min_value=row["min_value"], max_value=row["max_value"],
    )  # fmt: skip


async def personal(db: Database, user_id: int) -> list[Row]:
    """What a person's copy of their data holds of polls: the polls they were asked, whether
    they answered, and their named answers (an anonymous poll has none to give)."""
    return await db.fetchall(
        "SELECT r.poll_id, r.answered, a.question, a.choice, a.number, a.text, a.answered_at"
        " FROM poll_recipients r LEFT JOIN poll_answers a ON a.poll_id = r.poll_id"
        " AND a.user_id = r.user_id WHERE r.user_id = ? ORDER BY r.poll_id, a.question",
        (user_id,),
    )


async def anonymise(db: Database, user_id: int) -> None:
    """An erased person's named answers become counts with no person; their own words go."""
    await db.execute(
        "INSERT INTO poll_tallies (poll_id, question, choice, number, text, region_id,"
        " district_id, position, gender) SELECT poll_id, question, choice, number, NULL,"
        " region_id, district_id, position, gender FROM poll_answers WHERE user_id = ?",
        (user_id,),
    )
    await db.execute("DELETE FROM poll_answers WHERE user_id = ?", (user_id,))


async def sent_between(db: Database, start: str, end: str, scope: list[int] | None) -> list[int]:
    """The polls that went out in [start, end), oldest first, within `scope` (None: every
    programme); for the donor report."""
    rows = await db.fetchall(
        "SELECT id FROM polls WHERE sent_at >= ? AND sent_at < ? AND (? IS NULL OR programme_id"
        " IN (SELECT value FROM json_each(?))) ORDER BY sent_at, id",
        (start, end, None if scope is None else 1, json.dumps(scope or [])),
    )
    return [r[0] for r in rows]


async def reach_in(db: Database, poll_id: int, regions: Sequence[int]) -> tuple[int, int]:
    """(asked, answered) among those asked whose municipality is in `regions`."""
    row = await db.fetchone(
        "SELECT COUNT(*), COALESCE(SUM(r.answered), 0) FROM poll_recipients r"
        " JOIN users u ON u.id = r.user_id JOIN municipalities m ON m.id = u.municipality_id"
        " JOIN districts d ON d.id = m.district_id WHERE r.poll_id = ?"
        " AND d.region_id IN (SELECT value FROM json_each(?))",
        (poll_id, json.dumps(list(regions))),
    )
    return (int(row[0]), int(row[1])) if row is not None else (0, 0)
