"""A submission's archived file, for the browser: photos and videos shown in the page, documents
downloaded. `Dossiers.file` has checked the reader may manage the competition, the file is this
submission's, and its copy lies in the media folder."""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from aiohttp import web

from bot.competitions.service.dossier import Dossiers
from bot.console.web.context import services, session, whole_number

INLINE = ("photo", "video")


async def get(request: web.Request) -> web.StreamResponse:
    svc, who = services(request), session(request)
    sid = whole_number(request.match_info["sid"])
    fid = whole_number(request.match_info["fid"])
    stored, path = await Dossiers(svc.reviews).file(who.telegram_id, sid, fid)
    kind = stored.mime_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    shown = "inline" if stored.kind in INLINE else "attachment"
    name = quote(stored.file_name or path.name)
    return web.FileResponse(path, headers={
        "Content-Type": kind,
        "Content-Disposition": f"{shown}; filename*=UTF-8''{name}",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=3600",
    })  # fmt: skip
