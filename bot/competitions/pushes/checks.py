"""What a queued competition message needs when it goes out, and whether it still applies.

Rows carry only ids. The competition, the entrant and the submission are read as they are at
send time, so a reminder queued weeks ago shows today's deadline, and one for an entrant that
has since sent its submission is dropped instead of nagging.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from bot.competitions.repo import competitions as repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.competitions import Entrant
from bot.competitions.repo.submissions import Result
from bot.db import Database


async def context(
    db: Database, template: str, params: dict[str, Any], now: datetime
) -> dict[str, Any] | None:
    """The row's parameters with what its template shows; None when it no longer applies."""
    params = dict(params)
    if "submission_id" in params:
        submission = await subs_repo.get(db, int(params["submission_id"]))
        if submission is None:
            return None
        params["competition_id"] = submission.competition_id
        params["entrant_id"] = submission.entrant_id
        params["submission"] = _plain(asdict(submission))
    competition = await repo.get(db, int(params["competition_id"]))
    if competition is None or competition.cancelled:
        return None
    params["competition"] = competition.content()
    if "entrant_id" in params:
        entrant = await repo.entrant(db, competition, int(params["entrant_id"]))
        if entrant is None:
            return None
        params["entrant"] = _plain(asdict(entrant))
    if not await _applies(db, template, params, competition, now):
        return None
    if template in ("competition_winners", "competition_result"):
        params["results"] = await _results(db, competition)
    return params


async def _applies(db: Database, template: str, params: dict, competition, now: datetime) -> bool:
    if template == "competition_open":
        return True  # queued only for entrants whose own deadline was still ahead
    if template == "competition_reminder":
        if params.get("version") != competition.version:
            return False
        if now >= datetime.fromisoformat(params["deadline"]):
            return False
        sent = await subs_repo.of_entrant(db, competition.id, int(params["entrant_id"]))
        return sent is None
    if template in ("competition_winners", "competition_result"):
        return competition.results_published_at is not None
    return True


async def _results(db: Database, competition) -> list[dict[str, Any]]:
    """Every recorded result with the entrant's names, places first."""
    entrants = await repo.entrants(db, competition)
    return named_results(await subs_repo.results(db, competition.id), entrants)


def named_results(results: list[Result], entrants: list[Entrant]) -> list[dict[str, Any]]:
    """Results as the push templates and the staff and member views read them: each result's
    fields, plus the entrant's `names`."""
    by_id = {e.id: e for e in entrants}
    return [
        {**asdict(r), "names": _plain(asdict(by_id[r.entrant_id]))}
        for r in results
        if r.entrant_id in by_id
    ]


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}
