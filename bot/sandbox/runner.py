"""Sandbox mode: the Bot API emulator, the real bot on a demo database and the web chat, in one
process, with no Telegram token and no internet.

The demo folder (by default `.sandbox/`) holds the database, `personas.json`, `media/` and a
lock file that one sandbox holds for its whole life, so a second start on the same folder is
refused instead of seeding or migrating under the first one. The emulator keeps its chats in
memory: after a restart the chats start empty, while registrations, seminars, competitions and
everything else stay in the demo database.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import fcntl
import ipaddress
import logging
import shutil
import signal
import socket
import sys
from pathlib import Path
from typing import Any, TextIO

from telegram.ext import Application

from bot.app import build_application
from bot.app import start as start_bot
from bot.app import stop as stop_bot
from bot.clock import Clock
from bot.config import Config, load_config
from bot.db import open_database
from bot.emulator.emulator import Emulator
from bot.ops.lock import DatabaseHeld, DatabaseLock
from bot.sandbox import demo, webchat
from bot.sandbox.personas import PersonaBook
from bot.wiring import Services

TOKEN = "123456:SANDBOX-demo"
BOT_USERNAME = "munibot_sandbox"
DEFAULT_DB = Path(".sandbox") / "demo.sqlite3"
"""Relative to the working directory, like the bot's own ./munibot.sqlite3."""
NOISY_LOGGERS = ("aiohttp.access", "httpx", "apscheduler")


class SandboxError(Exception):
    """Why the sandbox did not start, said to the person who started it; nothing was changed."""


class Sandbox:
    """`async with Sandbox(port=0, db_path=tmp) as sb:` then sb.url, .book, .app, .emulator."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 8080, db_path: Path | str = DEFAULT_DB, *,
        reset: bool = False, default_lang: str = "ky", tz: str = "Asia/Bishkek",
        clock: Clock | None = None,
    ) -> None:  # fmt: skip
        self.host, self.port, self.reset = host, port, reset
        self.db_path = Path(db_path)
        self.folder = self.db_path.parent
        self.default_lang, self.tz, self.clock = default_lang, tz, clock or Clock()
        self.book: PersonaBook | None = None
        self.emulator: Emulator | None = None
        self.app: Application[Any, Any, Any, Any, Any, Any] | None = None
        self._lock: TextIO | None = None
        self._db_lock: DatabaseLock | None = None
        self.console_port = 0

    @property
    def url(self) -> str:
        assert self.emulator is not None, "the sandbox is not started"
        return self.emulator.url

    @property
    def services(self) -> Services:
        assert self.app is not None, "the sandbox is not started"
        services: Services = self.app.bot_data["services"]
        return services

    async def start(self) -> None:
        """Checks come before changes: a busy port or a running twin leaves the DB untouched."""
        self._lock = self._take_lock()
        try:
            self._db_lock = _hold_database(self.db_path)
            _check_port(self.host, self.port)
            if self.reset:
                self._delete_demo()
            self.book = PersonaBook(self.folder / "personas.json")
            routes = webchat.routes(self.book, self.default_lang)
            self.emulator = Emulator(bot_username=BOT_USERNAME, extra_routes=routes)
            try:
                await self.emulator.start(self.host, self.port)
            except OSError as exc:
                raise _port_error(self.host, self.port, exc) from None
            self.console_port = _free_port(self.host)
            self._lock.truncate(0)
            self._lock.write(self.url)
            self._lock.flush()
            config = self._config()
            await self._seed(config)
            self._open_chats()
            await self._continue_update_ids(config)
            self.app = build_application(config, self.clock)
            await start_bot(self.app)
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        if self.app is not None:
            app, self.app = self.app, None
            await stop_bot(app)
        if self.emulator is not None and not self.emulator.world.closing:
            await self.emulator.stop()
        if self._lock is not None:
            self._lock.truncate(0)
            self._lock.close()  # closing the file releases the flock
            self._lock = None
        if self._db_lock is not None:
            self._db_lock.release()
            self._db_lock = None

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def _take_lock(self) -> TextIO:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle = (self.folder / "sandbox.lock").open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            where = handle.read().strip() or "still starting"
            handle.close()
            raise SandboxError(
                f"a sandbox is already running on {self.db_path} ({where}).\n"
                "Open that one in the browser, stop it with Ctrl+C, or start another with"
                " --db OTHER-FOLDER/demo.sqlite3"
            ) from None
        return handle

    def _delete_demo(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.db_path}{suffix}").unlink(missing_ok=True)
        (self.folder / "personas.json").unlink(missing_ok=True)
        shutil.rmtree(self.folder / "media", ignore_errors=True)

    def _config(self) -> Config:
        assert self.emulator is not None
        return load_config(
            {
                "BOT_TOKEN": TOKEN,
                "MUNIBOT_DB": str(self.db_path),
                "MUNIBOT_ADMINS": str(demo.COORDINATOR.telegram_id),
                "MUNIBOT_API_BASE": self.emulator.api_base,
                "MUNIBOT_MEDIA_DIR": str(self.folder / "media"),
                "MUNIBOT_DEFAULT_LANG": self.default_lang,
                "MUNIBOT_TZ": self.tz,
                "MUNIBOT_CONSOLE_URL": self.console_url,
                "MUNIBOT_CONSOLE_LISTEN": self.host,
                "MUNIBOT_CONSOLE_PORT": str(self.console_port),
            }
        )

    @property
    def console_url(self) -> str:
        """The console beside the web chat, on a port of its own picked at start."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.console_port}"

    async def _seed(self, config: Config) -> None:
        assert self.book is not None
        db = await open_database(config.db_path)
        try:
            await demo.seed(Services.build(config, db, self.clock), self.book)
        finally:
            await db.close()

    async def _continue_update_ids(self, config: Config) -> None:
        """The emulator starts afresh at every start, the database does not: its update ids go
        on from the last one the bot saw, which the bot would otherwise ignore as repeats."""
        assert self.emulator is not None
        db = await open_database(config.db_path)
        try:
            row = await db.fetchone("SELECT MAX(update_id) FROM seen_updates")
        finally:
            await db.close()
        if row and row[0]:
            self.emulator.world.updates.next_id = int(row[0]) + 1

    def _open_chats(self) -> None:
        """Every persona's chat exists before the bot starts, so the demo's pushes arrive
        without anyone having written first (and without a stray "hi" in the chat)."""
        assert self.emulator is not None and self.book is not None
        for persona in self.book.all():
            self.emulator.world.person(persona.id, demo.emulator_profile(persona))
            self.emulator.world.open_chat(persona.id)


def _hold_database(db_path: Path) -> DatabaseLock:
    """The lock `run` takes too (bot.ops.lock): a bot running on the demo file is refused."""
    try:
        return DatabaseLock.take(db_path, "sandbox", move="--db OTHER-FOLDER/demo.sqlite3")
    except DatabaseHeld as exc:
        raise SandboxError(str(exc)) from None


def _free_port(host: str) -> int:
    """A port free right now for the console (the emulator's own is given or bound already)."""
    family = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM)[0][0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _check_port(host: str, port: int) -> None:
    if port == 0:
        return
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise _port_error(host, port, exc) from None


def _port_error(host: str, port: int, exc: OSError) -> SandboxError:
    if exc.errno == errno.EADDRINUSE:
        other = port + 10 if port < 65526 else 8090
        return SandboxError(
            f"port {port} is already in use on {host} (another sandbox or program is listening"
            f" there).\nStop it, or start with --port {other}"
        )
    return SandboxError(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def run(args: argparse.Namespace, config: Config) -> int:
    """`python -m bot sandbox` (see bot/__main__.py for the options)."""
    refusal = exposure(args.host, getattr(args, "public", False))
    if refusal:
        print(f"sandbox: {refusal}", file=sys.stderr)
        return 2
    if getattr(args, "public", False) and not is_loopback(args.host):
        print(PUBLIC_WARNING, file=sys.stderr)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    sandbox = Sandbox(
        args.host, args.port, args.db, reset=args.reset, default_lang=config.default_lang,
        tz=config.tz,
    )  # fmt: skip
    return asyncio.run(_serve(sandbox))


async def _serve(sandbox: Sandbox) -> int:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    try:
        async with sandbox:
            print(_banner(sandbox), flush=True)
            await stopping.wait()
    except SandboxError as exc:
        print(f"sandbox: {exc}", file=sys.stderr)
        return 1
    print("sandbox stopped", file=sys.stderr)
    return 0


PUBLIC_WARNING = (
    "sandbox: WARNING: listening where others can reach it. The web chat has no sign-in:"
    " anyone who opens the page can act as any persona, the coordinator and admin included."
)


def is_loopback(host: str) -> bool:
    try:
        return all(ipaddress.ip_address(info[4][0]).is_loopback
                   for info in socket.getaddrinfo(host, None))  # fmt: skip
    except (OSError, ValueError):
        return False


def exposure(host: str, public: bool) -> str | None:
    """Why a --host is refused, or None: the web chat lets anyone act as the admin persona,
    so listening beyond this machine needs --public, said on purpose."""
    if public or is_loopback(host):
        return None
    return (
        f"--host {host} can be reached from other machines, and the web chat lets anyone who"
        " opens it act as any persona (the admin included). Use a loopback address"
        " (127.0.0.1), or add --public if that is really what you want."
    )


def _banner(sandbox: Sandbox) -> str:
    return (
        f"munibot sandbox is running: open {sandbox.url} in a browser (Ctrl+C to stop).\n"
        f"  The coordinators' web console: {sandbox.console_url}/console/ (sign in by sending"
        " /console to the bot as a coordinator in the web chat).\n"
        f"  The real bot talks to a local Telegram emulator; demo data in {sandbox.db_path}.\n"
        "  Chats start empty after a restart (the emulator keeps them in memory); registrations"
        " and everything else stay. --reset starts from a fresh demo.\n" + demo.programmes_line()
    )
