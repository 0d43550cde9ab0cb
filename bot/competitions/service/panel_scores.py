"""What a panel's scores add up to, and how criteria and scores are read from typed text.

A reviewer's total is their weighted score as a share of the best possible, out of 100:
100 × Σ(weight × score / scale) / Σ weight, so criteria on different scales count by their
weights alone. The panel's average is the mean of the totals of the reviewers who scored every
criterion; a reviewer halfway through is shown but not counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.competitions.repo import panel as repo
from bot.competitions.repo.panel import Criterion, NewCriterion, Score
from bot.core.errors import Refusal
from bot.db import Database

MAX_CRITERIA = 10
MAX_NAME = 100
MAX_SCORE_COMMENT = 1000
_SCORE = re.compile(r"^\s*(\d{1,3})(?:\s*$|\s*[-–—:]\s*|,\s+|\s+)(.*)$", re.DOTALL)
"""A whole number, then a comment after a space, a dash, a colon or ", "; "8.5" is no score."""


@dataclass(frozen=True)
class ReviewerScores:
    user_id: int
    name: str
    scores: dict[int, Score] = field(default_factory=dict)
    """By criterion id."""
    total: float | None = None
    """Out of 100, once every criterion is scored."""


@dataclass(frozen=True)
class PanelSummary:
    criteria: list[Criterion]
    reviewers: list[ReviewerScores]

    @property
    def totals(self) -> list[float]:
        return [r.total for r in self.reviewers if r.total is not None]

    @property
    def average(self) -> float | None:
        found = self.totals
        return round(sum(found) / len(found), 1) if found else None


def weighted_total(criteria: list[Criterion], scores: dict[int, Score]) -> float | None:
    if not criteria or any(c.id not in scores for c in criteria):
        return None
    weights = sum(c.weight for c in criteria)
    got = sum(c.weight * scores[c.id].score / c.scale_max for c in criteria)
    return round(100 * got / weights, 1)


async def summary(db: Database, competition_id: int, submission_id: int) -> PanelSummary | None:
    """Every reviewer of this submission with their scores; None when the competition has no
    panel (no criteria and nobody on it)."""
    criteria = await repo.criteria(db, competition_id)
    panel = [r for r in await repo.reviewers(db, competition_id)
             if await repo.may_review(db, submission_id, r.user_id)]  # fmt: skip
    if not criteria and not panel:
        return None
    given: dict[int, dict[int, Score]] = {}
    for s in await repo.scores(db, submission_id):
        given.setdefault(s.user_id, {})[s.criterion_id] = s
    named = {r.user_id: r.name for r in panel}
    named |= await repo.names(db, [uid for uid in given if uid not in named])
    current = {c.id for c in criteria}
    found = []
    for uid, name in named.items():
        mine = {cid: s for cid, s in given.get(uid, {}).items() if cid in current}
        found.append(ReviewerScores(uid, name, mine, weighted_total(criteria, mine)))
    return PanelSummary(criteria, found)


def parse_criteria(raw: str) -> list[NewCriterion]:
    """One criterion a line: "Name; weight; highest score", the name in both languages as
    "Kyrgyz / Russian" or in one; a line that can't be read is refused with its number."""
    lines = [line.strip() for line in (raw or "").splitlines() if line.strip()]
    if not lines:
        raise Refusal("criteria_empty")
    if len(lines) > MAX_CRITERIA:
        raise Refusal("criteria_too_many", limit=MAX_CRITERIA)
    return [_criterion(n, line) for n, line in enumerate(lines, 1)]


def _criterion(number: int, line: str) -> NewCriterion:
    parts = [p.strip() for p in line.split(";")]
    if len(parts) != 3 or not parts[0] or len(parts[0]) > MAX_NAME:
        raise Refusal("criterion_line", line=number)
    weight, top = _whole(parts[1]), _whole(parts[2])
    if weight is None or top is None or not 1 <= weight <= 100 or not 1 <= top <= 100:
        raise Refusal("criterion_line", line=number)
    names = [n.strip() for n in parts[0].split(" / ")]
    if len(names) == 2 and all(names):
        return NewCriterion(names[0], names[1], weight, top)
    return NewCriterion(parts[0], parts[0], weight, top)


def _whole(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) <= 3 else None


def parse_score(raw: str, scale_max: int) -> tuple[int, str | None]:
    """A score typed as "8", or with a comment after it: "8 Good reach, few photos"."""
    match = _SCORE.match(raw or "")
    if match is None:
        raise Refusal("criterion_score", max=scale_max)
    score, comment = int(match[1]), match[2].strip() or None
    if score > scale_max:
        raise Refusal("criterion_score", max=scale_max)
    if comment is not None and len(comment) > MAX_SCORE_COMMENT:
        raise Refusal("field_too_long", limit=MAX_SCORE_COMMENT, length=len(comment))
    return score, comment
