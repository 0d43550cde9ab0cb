"""`python -m bot run`: wait to be the active process, run the bot, step down when told.

PTB's run_polling owns the event loop and its signals for one uninterrupted run; a standby
must instead wait, run, and perhaps wait again, so the loop and the signals are ours and the
application is started and stopped with the same calls the tests and the sandbox use.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from collections.abc import Awaitable
from typing import TYPE_CHECKING

from bot.app import build_application, start, stop
from bot.config import Config
from bot.db import SchemaTooNew
from bot.dburl import BadDatabaseUrl
from bot.ops.health import standby_site
from bot.ops.leader import Leader, leader_for
from bot.ops.lock import DatabaseHeld

if TYPE_CHECKING:
    from handlers.common import App

log = logging.getLogger(__name__)
POLL_TIMEOUT_S = 10
RESTART_WAIT_S = 5.0
STOP_WITHIN_S = 10.0
NEWER_SCHEMA_WAIT_S = 60.0


def run(config: Config) -> int:
    """For `run`: a clean exit that says why when another bot holds the SQLite file."""
    try:
        return asyncio.run(serve(config))
    except (DatabaseHeld, BadDatabaseUrl) as exc:
        raise SystemExit(f"munibot: {exc}") from None


async def serve(config: Config) -> int:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    leader = leader_for(config.db_path)
    try:
        while not stopping.is_set():
            if not await _wait_to_lead(config, leader, stopping):
                break
            await _lead(config, leader, stopping)
    finally:
        await leader.release()
    return 0


async def _wait_to_lead(config: Config, leader: Leader, stopping: asyncio.Event) -> bool:
    """False when asked to stop first. A standby answers /healthz on the console's port with
    'standby', so a load balancer sends nothing its way."""
    site = None
    if config.console_url:
        try:
            site = await standby_site(config)
        except OSError as exc:  # the port still held by what did not stop: no /healthz then
            log.warning("no standby /healthz on the console's port: %s", exc)
    try:
        return await _first(leader.acquire(), stopping)
    finally:
        if site is not None:
            await site.cleanup()


async def _lead(config: Config, leader: Leader, stopping: asyncio.Event) -> None:
    app = build_application(config)
    try:
        await _start(app, config)
    except BadDatabaseUrl:
        await _stop_quietly(app)
        raise
    except Exception as exc:  # Telegram unreachable at start, a port in use, the database ...
        log.error("the bot could not start: %s", exc)
        await _stop_quietly(app)
        await leader.release()  # another process may do better; this one tries again later
        wait = NEWER_SCHEMA_WAIT_S if isinstance(exc, SchemaTooNew) else RESTART_WAIT_S
        await _first(asyncio.sleep(wait), stopping)
        return
    try:
        await _first(leader.watch(), stopping)
    finally:
        await _stop_quietly(app)


async def _start(app: App, config: Config) -> None:
    if not config.webhook_url:
        await start(app, POLL_TIMEOUT_S)
        return
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    if app.updater is None:
        raise RuntimeError("the application was built without an updater")
    await app.updater.start_webhook(
        listen=config.webhook_listen,
        port=config.webhook_port,
        url_path="telegram",
        webhook_url=config.webhook_url.rstrip("/") + "/telegram",
        secret_token=config.webhook_secret or secrets.token_urlsafe(32),
    )
    await app.start()


async def _stop_quietly(app: App) -> None:
    """Bounded: a process stepping down because its database hangs must still stop, and
    let go of the console's port, so that it can wait as a standby."""
    try:
        async with asyncio.timeout(STOP_WITHIN_S):
            await stop(app)
        return
    except Exception as exc:  # a job or a handler stuck on the database, most likely
        log.error("the bot did not stop cleanly within %.0f s: %r", STOP_WITHIN_S, exc)
    for hook in (app.post_stop, app.post_shutdown):  # the console's port, the connections
        if hook is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(STOP_WITHIN_S):
                    await hook(app)


async def _first(work: Awaitable[object], stopping: asyncio.Event) -> bool:
    """Runs `work` until it ends (True) or a stop is asked (False), cancelling the other."""
    task = asyncio.ensure_future(work)
    asked = asyncio.ensure_future(stopping.wait())
    done, pending = await asyncio.wait({task, asked}, return_when=asyncio.FIRST_COMPLETED)
    for other in pending:
        other.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await other
    if task in done:
        task.result()
        return True
    return False
