"""One submission on a reviewer's desk: its card, every version with photos shown inline and
videos and documents to play or download from the archived copies, the review forms and the
history. Read through `Dossiers.open`, which refuses staff who may not manage the competition."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.competitions.service.dossier import Dossier, Dossiers, StoredFile, Version
from bot.competitions.service.results import AWARDS
from bot.competitions.views import submission_labels as labels
from bot.competitions.views import text
from bot.competitions.views.results import award_name
from bot.console.web.competitions import panel, words
from bot.console.web.context import services, session, tr_of, whole_number
from bot.console.web.render import page
from bot.i18n import N_, Translator

MOVES = {
    "under_review": N_("Take under review"),
    "accepted": N_("Accept"),
    "rejected": N_("Reject"),
}
FINAL_MOVES = ("accepted", "rejected")


def _file(tr: Translator, sid: int, f: StoredFile) -> dict[str, Any]:
    return {
        "url": f"/console/submissions/{sid}/files/{f.id}", "kind": f.kind,
        "kind_name": labels.file_kind(tr, f.kind), "name": f.file_name or f"{f.kind} {f.position}",
        "ready": f.archive_status == "archived", "state": labels.archive(tr, f.archive_status),
    }  # fmt: skip


def _version(tr: Translator, sid: int, v: Version, latest: bool) -> dict[str, Any]:
    return {
        "head": words.submission(tr)["version"].format(
            version=v.version, name=v.submitted_by_name or "—",
            date=tr.datetime(text.when(v.submitted_at))),
        "latest": latest, "description": v.description,
        "residents": tr.number(v.residents) if v.residents is not None else None,
        "files": [_file(tr, sid, f) for f in v.files],
    }  # fmt: skip


def _awards(tr: Translator) -> list[tuple[str, str]]:
    named = [(code, award_name(tr, kind, place)) for code, (kind, place) in AWARDS.items()]
    return [*named, ("none", award_name(tr, "none"))]


def context(tr: Translator, found: Dossier) -> dict[str, Any]:
    """What the page shows; the forms keep what was typed when a check refuses it."""
    card, s = found.card, found.card.submission
    moves = [(m, tr._(MOVES[m])) for m in card.moves if m in MOVES]
    return {
        "sid": s.id, "cid": card.competition.id, "receipt": s.receipt,
        "entrant": card.entrant.name(tr.lang),
        "title": text.pick(tr, card.competition.content(), "title"),
        "status_name": text.status(tr, s.status), "status_code": s.status, "score": s.score,
        "comment": s.review_comment,
        "until": tr.datetime(s.revision_deadline) if s.revision_deadline else None,
        "result": labels.result(tr, card.result) if card.result else None,
        "grant": text.kgs(tr, card.result.grant_kgs)
        if card.result and card.result.grant_kgs is not None else None,
        "moves": moves, "can_revise": "needs_revision" in card.moves,
        "open": not card.competition.cancelled,
        "recordable": not card.competition.cancelled
        and not card.competition.results_published_at,
        "awards": _awards(tr),
        "versions": [_version(tr, s.id, v, n == 0) for n, v in enumerate(found.versions)],
        "history": [
            (tr.datetime(text.when(e.at)), e.actor_name or "—", labels.action(tr, e.action),
             " → ".join(filter(None, [labels.log_state(tr, e.action, e.from_status),
                                      labels.log_state(tr, e.action, e.to_status)])),
             labels.log_comment(tr, e.action, e.comment))
            for e in reversed(found.history)
        ],
    }  # fmt: skip


async def show(
    request: web.Request, status: int = 200, error: str | None = None, typed: Any = None
) -> web.Response:
    svc, who, tr = services(request), session(request), tr_of(request)
    sid = whole_number(request.match_info["sid"])
    found = await Dossiers(svc.reviews).open(who.telegram_id, sid)
    note = {"saved": "saved", "moved": "moved"}.get(request.query.get("note", ""))
    confirm = request.query.get("confirm", "")
    if error and typed and typed.get("to") in FINAL_MOVES:
        confirm = typed["to"]  # a refused final move (a rejection without its reason) asks again
    settle = request.query.get("settle", "")
    return page(
        tr, "competitions/submission.html", status, csrf=who.csrf, here="competitions",
        s=words.submission(tr), note=note, error=error, typed=typed or {},
        confirm=confirm if confirm in FINAL_MOVES else None, **context(tr, found),
        **await panel.scores(svc, tr, who.telegram_id, sid), **panel.condition(tr, found),
        settle=settle if settle in panel.SETTLE else None,
    )  # fmt: skip


async def get(request: web.Request) -> web.StreamResponse:
    return await show(request)
