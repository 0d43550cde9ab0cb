"""What a queued competition message needs when it goes out, and whether it still applies.

Rows carry only ids. The competition, the entrant and the submission are read as they are at
send time, so a reminder queued weeks ago shows today's deadline, and one for an entrant that
has since sent its submission is dropped instead of nagging.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, cast

from bot.competitions.pushes.panel_templates import SETTLED
from bot.competitions.pushes.panel_templates import TEMPLATES as PANEL_TEMPLATES
from bot.competitions.pushes.review_templates import TEMPLATES as REVIEW_TEMPLATES
from bot.competitions.pushes.staff_templates import TEMPLATES as STAFF_TEMPLATES
from bot.competitions.pushes.templates import TEMPLATES as CALL_TEMPLATES
from bot.competitions.pushes.templates import Current, NextStep, PushContext
from bot.competitions.repo import competitions as repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.submissions import SubmissionData
from bot.competitions.service.competitions import deadline_for
from bot.competitions.service.draft import FLOW as DRAFT_FLOW
from bot.competitions.service.notices import Params
from bot.competitions.service.results import NamedResult, named_results
from bot.core import flows
from bot.core import users as users_repo
from bot.core.reminders import repo as reminder_settings
from bot.db import Database
from bot.delivery.kinds import Drop, Rendered
from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator

KINDS = ("competition",)
TEMPLATES = {**CALL_TEMPLATES, **REVIEW_TEMPLATES, **STAFF_TEMPLATES, **PANEL_TEMPLATES}
RESULTS = ("competition_winners", "competition_result", *SETTLED)
FOR_THE_READER = ("competition_open", "competition_moved")
"""Rows about the competition, not one entrant: the buttons follow every entrant the reader
speaks for."""
WITH_STEPS = (*FOR_THE_READER, "competition_reminder", "competition_extended",
              "submission_received")  # fmt: skip


def _params(raw: Mapping[str, Any]) -> Params:
    """A copy of the row's parameters: JSON that service/notices.py wrote from a `Params`."""
    return cast(Params, dict(raw))


async def context(
    db: Database, template: str, raw: Mapping[str, Any], now: datetime, chat_id: int = 0
) -> PushContext | None:
    """The row's parameters with what its template shows; None when it no longer applies.
    `chat_id` is the reader's (a private chat's id is the person's): their draft and their
    entrants decide the buttons."""
    params = _params(raw)
    submission: SubmissionData | None = None
    if "submission_id" in params:
        found = await subs_repo.get(db, int(params["submission_id"]))
        if found is None:
            return None
        params["competition_id"] = found.competition_id
        params["entrant_id"] = found.entrant_id
        submission = found.plain()
    competition = await repo.get(db, int(params["competition_id"]))
    if competition is None or competition.cancelled:
        return None
    current: Current = {"competition": competition.content()}
    if submission is not None:
        current["submission"] = submission
    if "entrant_id" in params:
        entrant = await repo.entrant(db, competition, int(params["entrant_id"]))
        if entrant is None:
            return None
        current["entrant"] = entrant.plain()
    if "entrant_ids" in params:
        named = [await repo.entrant(db, competition, int(e)) for e in params["entrant_ids"]]
        current["entrants"] = [e.plain() for e in named if e is not None]
    shown: PushContext = {**params, **current}
    if not await _applies(db, template, shown, competition, now):
        return None
    shown["published"] = competition.results_published_at is not None
    if template == "competition_reminder":
        own = await reminder_settings.get(db, "competition", competition.id)
        shown["own_text"] = (own.text_ky, own.text_ru)
    if template in RESULTS:
        shown["results"] = await _results(db, competition)
    if template in WITH_STEPS:
        shown["steps"] = await _steps(db, template, shown, competition, chat_id, now)
    return shown


async def _steps(
    db: Database,
    template: str,
    shown: PushContext,
    competition: Competition,
    chat_id: int,
    now: datetime,
) -> list[NextStep]:
    """Where each entrant the reader speaks for stands now: the row's entrant, or on a row
    about the whole competition every entrant of theirs."""
    if template in FOR_THE_READER:
        user = await users_repo.by_telegram_id(db, chat_id) if chat_id else None
        ids = await repo.entrants_of_member(db, competition, user.id) if user else []
        entrants = [e for e in [await repo.entrant(db, competition, i) for i in ids] if e]
    else:
        found = await repo.entrant(db, competition, int(shown["entrant"]["id"]))
        entrants = [found] if found is not None else []
    flow = await flows.get(db, chat_id) if chat_id else None
    drafting = None
    if flow is not None and flow.flow == DRAFT_FLOW:
        drafting = (flow.data.get("competition_id"), flow.data.get("entrant_id"))
    return [await _step(db, competition, e, drafting, now) for e in entrants]


async def _step(
    db: Database,
    competition: Competition,
    entrant: Entrant,
    drafting: tuple[object, object] | None,
    now: datetime,
) -> NextStep:
    sent = await subs_repo.of_entrant(db, competition.id, entrant.id)
    deadline = deadline_for(competition, entrant, sent)
    closed = competition.cancelled or now > deadline or (sent is not None and sent.final)
    return {
        "entrant_id": entrant.id,
        "sent": sent is not None,
        "draft": drafting == (competition.id, entrant.id),
        "fix": sent is not None and sent.status == "needs_revision",
        "until": None if closed else deadline.isoformat(),
    }


async def _applies(
    db: Database, template: str, params: PushContext, competition: Competition, now: datetime
) -> bool:
    if template == "competition_open":
        return True  # queued only for entrants whose own deadline was still ahead
    if template == "competition_reminder":
        if params.get("version") != competition.version or competition.results_published_at:
            return False
        if now >= datetime.fromisoformat(params["deadline"]):
            return False
        sent = await subs_repo.of_entrant(db, competition.id, int(params["entrant_id"]))
        return sent is None
    if template in RESULTS:
        return competition.results_published_at is not None
    if template == "file_archive_failed":
        status = await subs_repo.archive_status(db, int(params["file_row_id"]))
        return status not in (None, "archived")
    return True


async def _results(db: Database, competition: Competition) -> list[NamedResult]:
    """Every recorded result with the entrant's names, places first."""
    entrants = await repo.entrants(db, competition)
    return named_results(await subs_repo.results(db, competition.id), entrants)


class CompetitionPushes:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def prepare(self, row: OutboxRow, now: datetime) -> PushContext | Drop:
        found = await context(self.db, row.template, row.params, now, row.chat_id)
        return Drop() if found is None else found

    def render(self, row: OutboxRow, tr: Translator, prepared: PushContext) -> Rendered:
        return TEMPLATES[row.template](tr, prepared)
