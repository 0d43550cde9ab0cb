"""What a submission's page adds when the competition has a review panel or the entrant a
conditional win: each reviewer's scores apart with the average (`Scoring.summary`, managers
only), and the condition to settle once results are out (`Conditions.settle`)."""

from __future__ import annotations

from typing import Any

from bot.competitions.service.dossier import Dossier
from bot.core.errors import Refusal
from bot.i18n import Translator
from bot.wiring import Services

SETTLE = ("met", "not_met")


async def scores(svc: Services, tr: Translator, telegram_id: int, sid: int) -> dict[str, Any]:
    """The panel's table, or nothing when the competition has none."""
    try:
        _, found = await svc.scoring.summary(telegram_id, sid)
    except Refusal:
        return {}
    heads = [f"{c.name(tr.lang)} (×{c.weight}, /{c.scale_max})" for c in found.criteria]
    rows = []
    for r in found.reviewers:
        cells = [r.scores.get(c.id) for c in found.criteria]
        rows.append({
            "name": r.name,
            "scores": [str(s.score) if s else "—" for s in cells],
            "comments": [s.comment for s in cells if s and s.comment],
            "total": tr.number(round(r.total)) if r.total is not None else "—",
        })  # fmt: skip
    average = found.average
    shown = tr.number(round(average)) if average is not None else None
    return {"panel_heads": heads, "panel_rows": rows, "panel_average": shown}


def condition(tr: Translator, found: Dossier) -> dict[str, Any]:
    """A conditional win waiting to be settled, with its deadline; nothing otherwise."""
    card = found.card
    r = card.result
    if r is None or r.award != "conditional" or r.condition_state != "pending":
        return {}
    if not card.competition.results_published_at or card.competition.cancelled:
        return {}
    until = tr.datetime(r.condition_deadline) if r.condition_deadline else None
    return {"condition_text": r.condition or "", "condition_until": until}
