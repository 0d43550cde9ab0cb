"""The sandbox's web chat: a page served by the emulator itself, so it reaches the client API
(the phones) on the same origin and needs no server of its own.

Routes beside the emulator's API:
    GET  /                                  the page
    GET  /webchat/static/{file}             its script and styles
    GET  /webchat/strings?lang=ky           every text of the page, translated
    GET  /webchat/personas                  the personas, with their chats' message counts
    POST /webchat/personas?lang=ky          {"name", "lang"}: a new persona (errors in ?lang)
    GET  /webchat/personas/{id}/sent        what that persona sent, for the chat view
Answers are {"ok": true, "result": ...} or {"ok": false, "description": ...}, as the
client API's are.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from aiohttp import web

from bot.config import LANGUAGES
from bot.emulator.core import CORE_KEY
from bot.sandbox.personas import PersonaBook
from bot.sandbox.webchat.people import Refused, new_persona_fields, own_messages, persona_view
from bot.sandbox.webchat.strings import error_text, page_strings

STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


def _ok(result: object, status: int = 200) -> web.Response:
    return web.json_response({"ok": True, "result": result}, status=status)


def _refused(description: str, status: int = 400) -> web.Response:
    return web.json_response({"ok": False, "description": description}, status=status)


def routes(book: PersonaBook, default_lang: str = "ky") -> list[web.AbstractRouteDef]:
    boot = secrets.token_hex(4)

    def page_lang(request: web.Request) -> str:
        lang = request.query.get("lang", "")
        return lang if lang in LANGUAGES else default_lang

    async def index(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html", headers=SECURITY_HEADERS)

    async def strings(request: web.Request) -> web.Response:
        lang = page_lang(request)
        return _ok({"lang": lang, "strings": page_strings(lang)})

    async def list_personas(request: web.Request) -> web.Response:
        world = request.app[CORE_KEY].world
        people = [persona_view(p, world) for p in book.all()]
        return _ok({"boot": boot, "personas": people})

    async def create_persona(request: web.Request) -> web.Response:
        lang = page_lang(request)
        try:
            name, phone_lang = new_persona_fields(await request.json())
        except ValueError as err:
            key, values = (err.key, err.values) if isinstance(err, Refused) else ("empty_name", {})
            return _refused(error_text(lang, key, **values))
        persona = book.add(name, phone_lang)
        return _ok(persona_view(persona, request.app[CORE_KEY].world), status=201)

    async def sent(request: web.Request) -> web.Response:
        persona_id = request.match_info["persona_id"]
        persona = book.get(int(persona_id)) if persona_id.isdecimal() else None
        if persona is None:
            return _refused(error_text(page_lang(request), "no_persona"), status=404)
        return _ok(own_messages(request.app[CORE_KEY].world.chats.get(persona.id)))

    return [
        web.get("/", index),
        web.get("/webchat/strings", strings),
        web.get("/webchat/personas", list_personas),
        web.post("/webchat/personas", create_persona),
        web.get("/webchat/personas/{persona_id}/sent", sent),
        web.static("/webchat/static", STATIC, append_version=False),
    ]
