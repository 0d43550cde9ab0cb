"""Signing in and out: the one-time link the bot sends (/console), the Mini App's initData, the
reader's language. The cookie is HttpOnly and SameSite=Lax, Secure when the console is https."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.config import LANGUAGES
from bot.console.auth.service import Session
from bot.console.web import words
from bot.console.web.context import COOKIE, services, session, tr_of
from bot.console.web.render import page
from bot.core.errors import NotAllowed, Refusal
from bot.core.refusals import refusal_text

log = logging.getLogger(__name__)
HOME = "/console/overview"


async def signin_page(request: web.Request) -> web.StreamResponse:
    if await services(request).console_auth.session(request.cookies.get(COOKIE)) is not None:
        raise web.HTTPSeeOther(HOME)
    tr = tr_of(request)
    return page(tr, "signin.html", s=words.signin(tr))


async def link_page(request: web.Request) -> web.StreamResponse:
    """Opening the link only asks: a link preview or a mail scanner that fetches it must not
    use it up. The button posts it back."""
    tr = tr_of(request)
    return page(tr, "confirm.html", s=words.signin(tr), action=request.path)


async def by_link(request: web.Request) -> web.StreamResponse:
    try:
        found = await services(request).console_auth.sign_in_link(request.match_info["token"])
    except (Refusal, NotAllowed) as exc:
        return _refused(request, exc)
    return _signed_in(request, found)


async def by_webapp(request: web.Request) -> web.StreamResponse:
    """The Mini App posts Telegram's initData (vendored script, static/webapp.js)."""
    form = await request.post()
    try:
        found = await services(request).console_auth.sign_in_webapp(str(form.get("init_data", "")))
    except (Refusal, NotAllowed) as exc:
        return _refused(request, exc)
    return _signed_in(request, found)


async def webapp_page(request: web.Request) -> web.StreamResponse:
    tr = tr_of(request)
    return page(tr, "webapp.html", s=words.signin(tr))


def _refused(request: web.Request, exc: Exception) -> web.StreamResponse:
    log.info("console sign-in refused: %s", type(exc).__name__)
    tr = tr_of(request)
    reason = refusal_text(tr, exc) if isinstance(exc, Refusal) else words.error(tr, 403)["text"]
    return page(tr, "refused.html", 403, r=words.refused(tr), reason=reason)


def _signed_in(request: web.Request, found: Session) -> web.StreamResponse:
    response = web.Response(status=303, headers={"Location": HOME})
    secure = (services(request).config.console_url or "").startswith("https://")
    # no max_age: the server decides how long a session lives (it slides with use)
    response.set_cookie(COOKIE, found.id, httponly=True, samesite="Lax", secure=secure,
                        path="/console")  # fmt: skip
    return response


async def sign_out(request: web.Request) -> web.StreamResponse:
    await services(request).console_auth.sign_out(session(request).id)
    response = web.Response(status=303, headers={"Location": "/console/"})
    response.del_cookie(COOKIE, path="/console")
    return response


async def set_lang(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    lang = str(form.get("lang", ""))
    if lang in LANGUAGES:
        await services(request).console_auth.set_lang(session(request).id, lang)
    back = str(form.get("next", HOME))
    raise web.HTTPSeeOther(back if back.startswith("/console/") else HOME)


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/", signin_page)
    router.add_get("/console/login/{token}", link_page)
    router.add_post("/console/login/{token}", by_link)
    router.add_get("/console/webapp", webapp_page)
    router.add_post("/console/webapp", by_webapp)
    router.add_post("/console/logout", sign_out)
    router.add_post("/console/lang", set_lang)
