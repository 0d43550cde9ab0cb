"""The broadcast pages' addresses. Ids in them are whole numbers; anything else matches no
route and is not found."""

from __future__ import annotations

from aiohttp import web

from bot.console.web.broadcasts import compose, detail, history

ONE = "/console/broadcasts/{id:\\d+}"


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/broadcasts", history.listing)
    router.add_get("/console/broadcasts/new", compose.new)
    router.add_post("/console/broadcasts/new", compose.change)
    router.add_post("/console/broadcasts/preview", compose.preview)
    router.add_post("/console/broadcasts/send", compose.send)
    router.add_get(ONE, detail.one)
    router.add_get(ONE + ".csv", detail.spreadsheet)
    router.add_get(ONE + "/cancel", history.ask_cancel)
    router.add_post(ONE + "/cancel", history.cancel)
