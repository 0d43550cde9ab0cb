"""The people directory in the browser: counts, finding a member by name, municipality or phone,
the deactivated ones, deactivating (after a confirmation) or bringing back, and the XLSX. The
same functions and `Membership` service /people uses: the region limit, the audit log and the
cancelled pushes are theirs."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.accounts.repo.people import PersonRow
from bot.accounts.service import people
from bot.accounts.views import people_xlsx
from bot.console.web import words
from bot.console.web.context import services, session, tr_of
from bot.console.web.render import page
from bot.core import labels
from bot.core.errors import Refusal
from bot.i18n import Translator

SHOWN = 200


def _row(tr: Translator, row: PersonRow) -> dict[str, object]:
    place = row.municipality or {}
    return {
        "user_id": row.user_id, "name": row.full_name or "—", "phone": row.phone or "",
        "position": labels.position(tr, row.position, row.position_detail),
        "place": place.get(tr.lang) or place.get("en") or "—",
        "inactive": row.status == "inactive",
    }  # fmt: skip


async def directory(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    wanted = _wanted(request)
    counts = await people.overview(svc.db, svc.people, who.telegram_id)
    if wanted.anything:
        found = await people.filtered(svc.db, svc.people, who.telegram_id, wanted, SHOWN)
    else:
        found = await people.inactive(svc.db, svc.people, who.telegram_id)
    regions = [(r.id, r.name(tr.lang)) for r in await svc.directory.regions()]
    return page(
        tr, "people.html", csrf=who.csrf, here="people", p=words.people(tr), counts=counts,
        query=wanted.query, wanted=wanted, searched=wanted.anything, regions=regions,
        positions=[(code, labels.position(tr, code)) for code in labels.POSITION_LABELS],
        rows=[_row(tr, r) for r in found.rows], total=found.total, shown=SHOWN,
        confirm=_int(request.query.get("confirm", "")),
    )  # fmt: skip


def _wanted(request: web.Request) -> people.Wanted:
    """The filters of the address; a value that can't be one is left out, not refused."""
    q = request.query
    position = q.get("position") if q.get("position") in labels.POSITION_LABELS else None
    status = q.get("status") if q.get("status") in ("approved", "inactive") else None
    return people.Wanted(q.get("q", "").strip()[:100], _int(q.get("region", "")), position, status)


async def change(request: web.Request) -> web.StreamResponse:
    """Deactivating is only done from the confirmation form, which names the member."""
    svc, who = services(request), session(request)
    user_id = _int(request.match_info["user_id"])
    if user_id is None:
        raise Refusal("stale")
    if request.match_info["action"] == "deactivate":
        await svc.membership.deactivate(who.telegram_id, user_id)
    else:
        await svc.membership.reactivate(who.telegram_id, user_id)
    raise web.HTTPSeeOther("/console/people")


async def spreadsheet(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    rows = await people.directory_for(svc.db, svc.people, who.telegram_id)
    data = await asyncio.to_thread(people_xlsx.workbook, rows, tr)
    name = f"people-{svc.clock.now():%Y-%m-%d}.xlsx"
    return web.Response(
        body=data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _int(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/people", directory)
    router.add_get("/console/people.xlsx", spreadsheet)
    router.add_post("/console/people/{user_id}/{action:deactivate|reactivate}", change)
