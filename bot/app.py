"""build_application(config): all wiring, and every handler registration, in one place."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import sys
import time
from functools import partial
from typing import Any

from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, CallbackContext, Defaults

from bot import commands
from bot.broadcasts.progress import ProgressCards
from bot.clock import Clock
from bot.competitions import archiver
from bot.config import Config
from bot.console.web import server as console
from bot.db import open_database
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limiter import Limiter
from bot.http import AiohttpRequest, Bot
from bot.i18n import compile_catalogs
from bot.updates import FairUpdateProcessor, SeenUpdates
from bot.wiring import Services
from handlers import (
    accounts,
    audit,
    basics,
    broadcasts,
    competitions,
    coverage,
    flow_steps,
    grants,
    home,
    polls,
    programmes,
    questions,
    reports,
    seminars,
    troubles,
)
from handlers import console as console_commands
from handlers.common import App

log = logging.getLogger(__name__)
WAKE_EVERY_S = 15
STALL_TICK_S = 0.05
STALL_WARN_S = 0.1
SWITCH_INTERVAL_S = 0.0005
"""Every database call is a hop to aiosqlite's thread and back; with Python's default 5 ms
GIL switch interval a busy event loop made each hop wait up to 5 ms (p99 about 200 ms under
load in bench/updates.py, about 100 ms with this)."""


def register_handlers(app: App) -> None:
    """Order matters: commands and buttons first, free text after, fallbacks last; seminars
    before accounts, so a check-in link's /start is not taken for registration's."""
    for feature in (home, basics, seminars, accounts, broadcasts, competitions, grants, programmes,
                    audit, coverage, reports, console_commands, questions, polls):  # fmt: skip
        feature.register(app)
    flow_steps.register(app)
    basics.register_fallbacks(app)


def build_application(config: Config, clock: Clock | None = None) -> App:
    if not config.token:
        raise ValueError("BOT_TOKEN is not set")
    limiter = Limiter(config.rate)
    bot = Bot(
        config.token,
        base_url=config.api_base,
        base_file_url=config.file_base,
        request=AiohttpRequest(read_timeout=config.api_timeout),
        get_updates_request=AiohttpRequest(pool_size=2),
        defaults=Defaults(parse_mode=ParseMode.HTML),
        rate_limiter=limiter,
    )
    updates = FairUpdateProcessor()
    app = (
        ApplicationBuilder()
        .bot(bot)
        .concurrent_updates(updates)
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data["config"] = config
    app.bot_data["clock"] = clock or Clock()
    app.bot_data["limiter"] = limiter
    app.bot_data["updates"] = updates
    updates.on_overflow = partial(troubles.slow_down, app)
    register_handlers(app)
    return app


async def _post_init(app: App) -> None:
    """Owns the resources: the database, the services and the dispatcher task."""
    config: Config = app.bot_data["config"]
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    compile_catalogs()
    db = await open_database(config.db_path)
    svc = Services.build(config, db, app.bot_data["clock"])
    if not config.admins:
        log.warning(
            "MUNIBOT_ADMINS is empty: no one can approve registrations, which wait until an"
            " admin is set (the Telegram id that /myid shows, in MUNIBOT_ADMINS) and restarts"
        )
    app.bot_data["services"] = svc
    svc.seminar_pushes.bot_username = app.bot.username
    seen = SeenUpdates(db, svc.clock)
    await seen.load()
    app.bot_data["updates"].seen = seen
    app.bot_data["seen_task"] = asyncio.create_task(seen.keep_flushing(), name="seen-updates")
    app.bot_data["stall_task"] = asyncio.create_task(watch_stalls(), name="loop-stalls")
    limiter: Limiter = app.bot_data["limiter"]
    dispatcher = Dispatcher(svc.outbox, svc.kinds, app.bot, limiter, config.default_lang, config.tz)
    dispatcher.paid = config.paid_broadcast
    dispatcher.on_progress = app.bot_data["progress"] = ProgressCards(app.bot, svc.people, limiter)
    app.bot_data["dispatcher"] = dispatcher
    app.bot_data["dispatcher_task"] = asyncio.create_task(dispatcher.run(), name="dispatcher")
    if app.job_queue is not None:
        app.job_queue.run_repeating(_wake_dispatcher, WAKE_EVERY_S, first=1)
    await _set_commands(app)
    archiver.start(app)
    if config.console_url:
        app.bot_data["console"] = await console.start(svc, app.bot.username)
    _settle_garbage_collector()


def _settle_garbage_collector() -> None:
    """What exists once the bot is up (PTB, the catalogs, the services) lives as long as the
    process: frozen, the collector no longer walks it. Full collections of it stalled every
    reply by up to 200 ms under load (bench/updates.py); the young generations, where an
    update's garbage goes, are collected as before."""
    gc.collect()
    gc.freeze()


async def watch_stalls() -> None:
    """Logs when the event loop was held up: every reply waits while it is. Work that holds it
    (a big report on the loop's thread, a sync read waiting on a lock) shows up here first."""
    longest = 0.0
    try:
        while True:
            began = time.perf_counter()
            await asyncio.sleep(STALL_TICK_S)
            late = time.perf_counter() - began - STALL_TICK_S
            longest = max(longest, late)
            if late > STALL_WARN_S:
                log.warning("the event loop was held up for %.0f ms", late * 1000)
    finally:
        log.info("longest event-loop stall: %.0f ms", longest * 1000)


async def _wake_dispatcher(context: CallbackContext[Any, Any, Any, Any]) -> None:
    """The JobQueue only wakes the dispatcher and the archiver; what is due is decided by the
    outbox rows and the files still to download."""
    context.application.bot_data["dispatcher"].wake()
    archiver.wake(context.application)


async def _post_stop(app: App) -> None:
    """The dispatcher stops before PTB closes its HTTP session, so no send is cut off midway."""
    runner = app.bot_data.pop("console", None)
    if runner is not None:
        await runner.cleanup()
    for name in ("dispatcher_task", "seen_task", "stall_task", "menus_task"):
        task = app.bot_data.pop(name, None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def _post_shutdown(app: App) -> None:
    await _post_stop(app)
    svc: Services | None = app.bot_data.pop("services", None)
    if svc is not None:
        await svc.db.close()


async def _set_commands(app: App) -> None:
    """The default sets and descriptions per language, then each staff member's own set;
    the members' own sets are written in the background (see bot.commands)."""
    svc: Services = app.bot_data["services"]
    await commands.set_defaults(app.bot, svc.config.default_lang)
    await commands.set_descriptions(app.bot, svc.config.default_lang)
    for menu in await svc.accounts.staff_menus():
        await commands.set_for_chat(app.bot, menu.telegram_id, menu.lang, True)
    members = commands.write_chat_menus(app.bot, svc.accounts.member_menus())
    app.bot_data["menus_task"] = asyncio.create_task(members, name="chat-menus")


async def start(app: App, poll_timeout: float = 1.0) -> None:
    """Start polling inside a running loop, as run_polling would (tests, sandbox, benchmarks)."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    if app.updater is None:
        raise RuntimeError("the application was built without an updater")
    await app.updater.start_polling(poll_interval=0, timeout=int(poll_timeout))
    await app.start()


async def stop(app: App) -> None:
    """The reverse of start(); safe to call on a half-started application."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    if app.post_stop is not None:
        await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
