"""The console's aiohttp application, served from the bot's own process when
MUNIBOT_CONSOLE_URL is set: one database and one set of rules behind the chat and the browser.

Every page but signing in needs a session (a cookie naming a server-side row): without one, a
page redirects to sign-in and a form is answered 401. Every form carries the session's CSRF
token; a refusal from a service (not staff, another region) is a 403 page in the reader's
language, never the data.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from bot.console.web import audit, pages, people, registrations, signin
from bot.console.web.broadcasts import pages as broadcasts
from bot.console.web.competitions import pages as competitions
from bot.console.web.context import BOT_USERNAME, COOKIE, SERVICES, SESSION, services, tr_of
from bot.console.web.polls import pages as polls
from bot.console.web.render import page
from bot.console.web.seminars import pages as seminars
from bot.console.web.words import error
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.ops.health import healthz
from bot.wiring import Services

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
OPEN = ("/console", "/console/", "/console/webapp", "/healthz")
OPEN_UNDER = ("/console/login/", "/console/static/")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _signed_in(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path in OPEN or request.path.startswith(OPEN_UNDER):
        return await handler(request)
    session = await services(request).console_auth.session(request.cookies.get(COOKIE))
    if session is None:
        if request.method == "GET":
            raise web.HTTPSeeOther("/console/")
        return page(tr_of(request), "message.html", 401, m=error(tr_of(request), 403))
    request[SESSION] = session
    if request.method == "POST":
        form = await request.post()
        token = form.get("csrf")
        if not services(request).console_auth.check_csrf(session, str(token) if token else None):
            return page(tr_of(request), "message.html", 400, m=error(tr_of(request), 400))
    return await handler(request)


@web.middleware
async def _refusals(request: web.Request, handler: Handler) -> web.StreamResponse:
    """What the services refuse becomes a page; nothing of what was asked is shown."""
    try:
        return await handler(request)
    except NotFound:
        return page(tr_of(request), "message.html", 404, m=error(tr_of(request), 404))
    except (NotAllowed, Refusal):
        return page(tr_of(request), "message.html", 403, m=error(tr_of(request), 403))


def build(services: Services, username: str) -> web.Application:
    """`username`: the bot's @username, for links into the chat (the check-in QR)."""
    app = web.Application(middlewares=[_refusals, _signed_in])
    app[SERVICES] = services
    app[BOT_USERNAME] = username
    app.router.add_get("/console", _to_signin)
    app.router.add_get("/healthz", healthz)  # for a load balancer or systemd: no sign-in
    signin.add_routes(app.router)
    pages.add_routes(app.router)
    audit.add_routes(app.router)
    registrations.add_routes(app.router)
    people.add_routes(app.router)
    seminars.add_routes(app.router)
    competitions.add_routes(app.router)
    broadcasts.add_routes(app.router)
    polls.add_routes(app.router)
    app.router.add_static("/console/static/", STATIC)
    return app


async def _to_signin(_: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/console/")


async def start(services: Services, username: str) -> web.AppRunner:
    """Listens on MUNIBOT_CONSOLE_LISTEN:PORT (port 0: any free one, see `bound_port`)."""
    config = services.config
    runner = web.AppRunner(build(services, username), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, config.console_listen, config.console_port)
    await site.start()
    log.info("console listening on port %s", bound_port(runner))
    return runner


def bound_port(runner: web.AppRunner) -> int:
    for address in runner.addresses:
        return int(address[1])
    raise RuntimeError("the console is not listening")
