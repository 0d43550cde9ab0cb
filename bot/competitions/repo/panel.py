"""A competition's review panel: its criteria, its reviewers and what each is assigned, and
each reviewer's scores, kept per reviewer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database


@dataclass(frozen=True)
class Criterion:
    id: int
    position: int
    name_ky: str | None
    name_ru: str | None
    weight: int
    scale_max: int

    def name(self, lang: str) -> str:
        """Staff-written text, in the reader's language with the other as the fallback."""
        first, other = (
            (self.name_ky, self.name_ru) if lang == "ky" else (self.name_ru, self.name_ky)
        )
        return first or other or ""


@dataclass(frozen=True)
class NewCriterion:
    name_ky: str | None
    name_ru: str | None
    weight: int
    scale_max: int


@dataclass(frozen=True)
class Reviewer:
    user_id: int
    telegram_id: int | None
    name: str
    every_submission: bool


@dataclass(frozen=True)
class Score:
    user_id: int
    criterion_id: int
    score: int
    comment: str | None


async def criteria(db: Database, competition_id: int) -> list[Criterion]:
    rows = await db.fetchall(
        "SELECT id, position, name_ky, name_ru, weight, scale_max FROM review_criteria"
        " WHERE competition_id = ? ORDER BY position",
        (competition_id,),
    )
    return [Criterion(*tuple(r)) for r in rows]


async def replace_criteria(db: Database, competition_id: int, found: list[NewCriterion]) -> None:
    """Only while nobody has scored against the old ones (the service checks)."""
    await db.execute("DELETE FROM review_criteria WHERE competition_id = ?", (competition_id,))
    await db.executemany(
        "INSERT INTO review_criteria (competition_id, position, name_ky, name_ru, weight,"
        " scale_max) VALUES (?, ?, ?, ?, ?, ?)",
        [(competition_id, n, c.name_ky, c.name_ru, c.weight, c.scale_max)
         for n, c in enumerate(found, 1)],
    )  # fmt: skip


async def scored_in(db: Database, competition_id: int) -> int:
    return await db.count(
        "SELECT COUNT(*) FROM review_scores s JOIN review_criteria c ON c.id = s.criterion_id"
        " WHERE c.competition_id = ?",
        (competition_id,),
    )


async def reviewers(db: Database, competition_id: int) -> list[Reviewer]:
    rows = await db.fetchall(
        "SELECT r.user_id, u.telegram_id,"
        " COALESCE(u.full_name, u.tg_name, CAST(u.id AS TEXT)), r.every_submission"
        " FROM competition_reviewers r JOIN users u ON u.id = r.user_id"
        " WHERE r.competition_id = ? ORDER BY r.assigned_at, r.user_id",
        (competition_id,),
    )
    return [Reviewer(r[0], r[1], r[2], bool(r[3])) for r in rows]


async def add_reviewer(
    db: Database, competition_id: int, user_id: int, by: int | None, now: str
) -> bool:
    """False when they already were on the panel (nothing changes)."""
    cur = await db.execute(
        "INSERT INTO competition_reviewers (competition_id, user_id, assigned_by, assigned_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (competition_id, user_id, by, now),
    )
    return cur.rowcount > 0


async def drop_reviewer(db: Database, competition_id: int, user_id: int) -> bool:
    """Off the panel with their assignments; the scores they gave stay on the record."""
    await db.execute(
        "DELETE FROM review_assignments WHERE user_id = ? AND submission_id IN"
        " (SELECT id FROM submissions WHERE competition_id = ?)",
        (user_id, competition_id),
    )
    cur = await db.execute(
        "DELETE FROM competition_reviewers WHERE competition_id = ? AND user_id = ?",
        (competition_id, user_id),
    )
    return cur.rowcount > 0


async def set_every(db: Database, competition_id: int, user_id: int, every: bool) -> None:
    await db.execute(
        "UPDATE competition_reviewers SET every_submission = ? WHERE competition_id = ?"
        " AND user_id = ?",
        (int(every), competition_id, user_id),
    )


async def assigned(db: Database, competition_id: int, user_id: int) -> set[int]:
    """The submissions picked for a reviewer one by one."""
    rows = await db.fetchall(
        "SELECT a.submission_id FROM review_assignments a JOIN submissions s"
        " ON s.id = a.submission_id WHERE s.competition_id = ? AND a.user_id = ?",
        (competition_id, user_id),
    )
    return {r[0] for r in rows}


async def toggle(db: Database, submission_id: int, user_id: int) -> bool:
    """Assigns the submission, or takes it back; True when it is now assigned."""
    cur = await db.execute(
        "DELETE FROM review_assignments WHERE submission_id = ? AND user_id = ?",
        (submission_id, user_id),
    )
    if cur.rowcount:
        return False
    await db.execute(
        "INSERT INTO review_assignments (submission_id, user_id) VALUES (?, ?)",
        (submission_id, user_id),
    )
    return True


async def may_review(db: Database, submission_id: int, user_id: int) -> bool:
    """On the submission's panel: for every submission, or for this one."""
    return bool(
        await db.count(
            "SELECT EXISTS (SELECT 1 FROM submissions s JOIN competition_reviewers r"
            " ON r.competition_id = s.competition_id AND r.user_id = ? WHERE s.id = ?"
            " AND (r.every_submission = 1 OR EXISTS (SELECT 1 FROM review_assignments a"
            " WHERE a.submission_id = s.id AND a.user_id = r.user_id)))",
            (user_id, submission_id),
        )
    )


async def queue(db: Database, user_id: int) -> list[int]:
    """Every submission this person is to review, in competitions not cancelled, oldest
    competition first."""
    rows = await db.fetchall(
        "SELECT s.id FROM submissions s JOIN competition_reviewers r"
        " ON r.competition_id = s.competition_id AND r.user_id = ?"
        " JOIN competitions c ON c.id = s.competition_id WHERE c.status = 'active'"
        " AND (r.every_submission = 1 OR EXISTS (SELECT 1 FROM review_assignments a"
        " WHERE a.submission_id = s.id AND a.user_id = r.user_id))"
        " ORDER BY c.id, s.seq",
        (user_id,),
    )
    return [r[0] for r in rows]


async def scores(db: Database, submission_id: int, user_id: int | None = None) -> list[Score]:
    """Every reviewer's scores on a submission, or one reviewer's."""
    sql = "SELECT user_id, criterion_id, score, comment FROM review_scores WHERE submission_id = ?"
    params: list[int] = [submission_id]
    if user_id is not None:
        sql += " AND user_id = ?"
        params.append(user_id)
    rows = await db.fetchall(sql + " ORDER BY user_id, criterion_id", params)
    return [Score(*tuple(r)) for r in rows]


async def save_score(
    db: Database, submission_id: int, user_id: int, criterion_id: int, score: int,
    comment: str | None, now: str,
) -> None:  # fmt: skip
    await db.execute(
        "INSERT INTO review_scores (submission_id, user_id, criterion_id, score, comment,"
        " scored_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (submission_id, user_id, criterion_id)"
        " DO UPDATE SET score = excluded.score, comment = excluded.comment,"
        " scored_at = excluded.scored_at",
        (submission_id, user_id, criterion_id, score, comment, now),
    )


async def names(db: Database, user_ids: list[int]) -> dict[int, str]:
    """Reviewers who scored, on the panel or no longer."""
    if not user_ids:
        return {}
    marks = ",".join("?" * len(user_ids))
    rows = await db.fetchall(
        "SELECT id, COALESCE(full_name, tg_name, CAST(id AS TEXT)) FROM users"
        f" WHERE id IN ({marks})",
        user_ids,
    )
    return {r[0]: r[1] for r in rows}


async def staff_of_programme(
    db: Database, programme_id: int | None, admin_ids: tuple[int, ...] = ()
) -> list[tuple[int, int, str]]:
    """Who may sit on a competition's panel: admins (by role, or configured by Telegram id),
    and coordinators of its programme; (users id, Telegram id, name)."""
    configured = ",".join("?" * len(admin_ids)) or "NULL"
    rows = await db.fetchall(
        "SELECT u.id, u.telegram_id, COALESCE(u.full_name, u.tg_name, CAST(u.id AS TEXT))"
        " FROM users u WHERE u.telegram_id IS NOT NULL AND (u.role = 'admin'"
        f" OR u.telegram_id IN ({configured}) OR (u.role = 'coordinator' AND EXISTS"
        " (SELECT 1 FROM programme_staff p WHERE p.user_id = u.id AND p.programme_id = ?)))"
        " ORDER BY 3",
        (*admin_ids, programme_id),
    )
    return [(r[0], r[1], r[2]) for r in rows]
