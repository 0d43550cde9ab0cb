"""The competitions a staff member manages, one competition's submissions by status, and its
exports: the same `Competitions.listing`, `Reviews.listing` and `SubmissionExports` the chat
uses, so the region limit and the figures are theirs."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from aiohttp import web

from bot.competitions.service.dossier import STATUSES
from bot.competitions.service.export import Export, SubmissionExports
from bot.competitions.views import export as export_views
from bot.competitions.views import staff, text
from bot.competitions.views.submission_xlsx import workbook
from bot.competitions.views.submission_zip import write_zip
from bot.console.web.competitions import words
from bot.console.web.context import services, session, tr_of, whole_number
from bot.console.web.render import page
from bot.core.errors import NotFound
from bot.i18n import Translator

PER_PAGE = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def competitions(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    now = svc.clock.now()
    rows = [
        {"id": c.id, "code": c.code, "title": text.pick(tr, c.content(), "title"),
         "deadline": tr.datetime(c.deadline), "state": staff.state(tr, c, now),
         "count": sum(counts.values())}
        for c, counts in await svc.competitions.listing(who.telegram_id)
    ]  # fmt: skip
    return page(tr, "competitions/list.html", csrf=who.csrf, here="competitions",
                c=words.listing(tr), rows=rows)  # fmt: skip


async def submissions(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    cid = whole_number(request.match_info["cid"])
    status = request.query.get("status", "all")
    number = whole_number(request.query.get("page", "1")) or 1
    found = await svc.reviews.listing(who.telegram_id, cid, status, number - 1, PER_PAGE)
    filters = [("all", tr._("All"), sum(found.counts.values()))]
    filters += [(s, text.status(tr, s), found.counts.get(s, 0)) for s in STATUSES]
    rows = [
        {"id": s.id, "receipt": s.receipt, "entrant": e.name(tr.lang),
         "status": text.status(tr, s.status), "code": s.status, "score": s.score,
         "updated": tr.datetime(text.when(s.updated_at))}
        for s, e in found.items
    ]  # fmt: skip
    c = found.competition
    return page(
        tr, "competitions/submissions.html", csrf=who.csrf, here="competitions",
        s=words.submissions(tr), cid=c.id, title=text.pick(tr, c.content(), "title"),
        filters=filters, shown=found.status, rows=rows, page_no=found.page + 1,
        pages=found.pages,
    )  # fmt: skip


async def spreadsheet(request: web.Request) -> web.StreamResponse:
    found = await _export(request)
    data = await asyncio.to_thread(workbook, found, tr_of(request))
    return web.Response(body=data, content_type=XLSX, headers=_attachment(
        export_views.book_name(found)))  # fmt: skip


async def archive(request: web.Request) -> web.StreamResponse:
    """Every latest version's file on disk, with no size limit (the chat has Telegram's): the
    archive is written to a temporary file off the event loop, then streamed."""
    found = await _export(request)
    if not found.archived:
        raise NotFound("no files")
    tr = tr_of(request)
    handle, name = tempfile.mkstemp(suffix=".zip")
    os.close(handle)
    path = Path(name)
    try:
        await asyncio.to_thread(_write, path, found, tr)
        answer = web.StreamResponse(headers=_attachment(export_views.archive_name(found)))
        answer.content_type = "application/zip"
        await answer.prepare(request)
        source = await asyncio.to_thread(path.open, "rb")
        with source:
            while chunk := await asyncio.to_thread(source.read, 1024 * 1024):
                await answer.write(chunk)
        await answer.write_eof()
        return answer
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


def _write(path: Path, found: Export, tr: Translator) -> None:
    with path.open("wb") as out:
        write_zip(out, found, tr)


async def _export(request: web.Request) -> Export:
    svc, who = services(request), session(request)
    cid = whole_number(request.match_info["cid"])
    return await SubmissionExports(svc.competitions).for_staff(who.telegram_id, cid)


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}
