"""Copies the files of sent submissions from Telegram into MUNIBOT_MEDIA_DIR.

A submission keeps its files by Telegram file_id the moment it is sent; the copy on our disk
is made afterwards, so a slow download never keeps a member waiting. The archiver runs right
after a submit, at start and on each JobQueue wake-up, one pass at a time. Telegram lets bots
download at most 20 MB: a bigger file stays in Telegram only, and the competition's author and
the admins are told once. A file that can't be written into the media folder (read-only, full)
is told of the same way and tried again with a growing wait (`DiskBackoff`); other failures
(network) are tried again every RETRY_FAILED_EVERY.

Layout: `<media dir>/<receipt>/v<version>/<position>_<name>`.

The app wires it in two lines: `archiver.start(app)` at the end of `_post_init`, and
`archiver.wake(context.application)` in `_wake_dispatcher`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as repo
from bot.competitions.repo.submissions import StoredFile, ToArchive
from bot.competitions.service import notices as pushes
from bot.competitions.service.submissions import TELEGRAM_DOWNLOAD_LIMIT
from bot.core import users as users_repo
from bot.delivery.outbox import Push
from bot.wiring import Services

App = Application[Any, Any, Any, Any, Any, Any]
"""The application, as handlers.common names it (the bot does not import the handlers)."""
Pass = Callable[[], Coroutine[Any, Any, object]]
"""One archiver pass, started anew each time it is needed."""
log = logging.getLogger(__name__)
Notice = Callable[[int, int, int, str], Push]
"""A builder in service/notices.py: (competition id, file row id, chat, receipt) to a push."""
RETRY_FAILED_EVERY = timedelta(minutes=10)
DISK_WAIT_FIRST = timedelta(seconds=30)
DISK_WAIT_MAX = timedelta(minutes=30)
BATCH = 20
_UNSAFE = re.compile(r"[^\w.-]+")
_DEFAULT_NAMES = {"photo": "photo.jpg", "video": "video.mp4", "document": "document"}


def _safe(text: str | None, default: str) -> str:
    name = Path((text or "").replace("\\", "/")).name
    return _UNSAFE.sub("_", name).strip("._")[:80] or default


def safe_name(f: StoredFile) -> str:
    """A file name that can't climb out of its folder or trip up a file manager."""
    return _safe(f.file_name, _DEFAULT_NAMES.get(f.kind, "file"))


def _write(path: Path, data: bytes) -> None:
    """Runs in a thread: written next to its place, then renamed, so no half file is kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


@dataclass
class DiskBackoff:
    """After a write into the media folder fails, archiving pauses, twice as long after each
    failure in a row: every file would fail the same way, and each try downloads it first."""

    wait: timedelta = DISK_WAIT_FIRST
    until: datetime | None = None

    def failed(self, now: datetime) -> None:
        self.until = now + self.wait
        self.wait = min(self.wait * 2, DISK_WAIT_MAX)

    def worked(self) -> None:
        self.wait, self.until = DISK_WAIT_FIRST, None

    def waiting(self, now: datetime) -> bool:
        return self.until is not None and now < self.until

    def over(self, now: datetime) -> bool:
        """True once when a pause ends: then the files that failed are tried again at once."""
        if self.until is None or now < self.until:
            return False
        self.until = None
        return True


class Archiver:
    def __init__(self, bot: Bot, svc: Services) -> None:
        self.bot = bot
        self.svc = svc
        self.db = svc.db
        self.root = Path(svc.config.media_dir)
        self.lock = asyncio.Lock()
        self.again = False
        self.retried_at: datetime | None = None
        self.disk = DiskBackoff()

    async def run(self) -> int:
        """One pass over every pending file; a call during a pass asks for one more after it.
        While the media folder can't be written, files stay pending until the pause is over."""
        if self.lock.locked():
            self.again = True
            return 0
        done = 0
        async with self.lock:
            self.again = True
            while self.again:
                self.again = False
                if self.disk.waiting(self.svc.clock.now()):
                    break
                await self._retry_failed()
                done += await self._pass()
        return done

    async def _pass(self) -> int:
        done = 0
        while batch := await repo.files_to_archive(self.db, BATCH):
            for item in batch:
                await self._safely(item)
                done += 1
                if self.disk.waiting(self.svc.clock.now()):
                    return done
        return done

    async def after_submit(self, submission_id: int, version: int) -> None:
        """Tells staff at once of files too big to archive (a file kept from the version before
        was told of then), then copies the rest."""
        sent = await repo.version(self.db, submission_id, version)
        submission = await repo.get(self.db, submission_id)
        before = await repo.version(self.db, submission_id, version - 1) if version > 1 else None
        known = {f.file_unique_id for f in before.files} if before else set()
        if sent is not None and submission is not None:
            for f in sent.files:
                if f.archive_status == "too_big" and f.id and f.file_unique_id not in known:
                    await self._tell_staff(submission.competition_id, f.id,
                                           submission.receipt, pushes.not_archived)  # fmt: skip
        await self.run()

    async def _retry_failed(self) -> None:
        now = self.svc.clock.now()
        due = self.retried_at is None or now - self.retried_at >= RETRY_FAILED_EVERY
        if self.disk.over(now) or due:
            self.retried_at = now
            await repo.retry_failed(self.db)

    async def _safely(self, item: ToArchive) -> None:
        """Whatever goes wrong, the file leaves 'pending', so a pass always ends."""
        try:
            await self._one(item)
        except Exception as exc:  # noqa: BLE001
            log.exception("archiving file %s failed", item.file.id)
            assert item.file.id is not None
            await repo.set_archived(self.db, item.file.id, "failed", None, repr(exc)[:500])

    async def _one(self, item: ToArchive) -> None:
        f = item.file
        assert f.id is not None
        if (f.file_size or 0) > TELEGRAM_DOWNLOAD_LIMIT:
            await self._too_big(item)
            return
        earlier = await repo.archived_path(self.db, f.file_unique_id)
        if earlier is not None:
            await repo.set_archived(self.db, f.id, "archived", earlier, None)
            return
        folder = self.root / _safe(item.receipt, "submission") / f"v{item.version}"
        path = folder / f"{f.position}_{safe_name(f)}"
        try:
            found = await self.bot.get_file(f.file_id)
            data = await found.download_as_bytearray()
        except BadRequest as exc:
            if "too big" in exc.message.lower():
                await self._too_big(item)
            else:
                await repo.set_archived(self.db, f.id, "failed", None, exc.message)
        except (TelegramError, OSError) as exc:
            log.warning("archiving file %s failed: %s", f.id, exc)
            await repo.set_archived(self.db, f.id, "failed", None, str(exc)[:500])
        else:
            await self._store(item, path, bytes(data))

    async def _store(self, item: ToArchive, path: Path, data: bytes) -> None:
        """Into the media folder; when it can't be written, staff hear of the file and
        archiving pauses (`DiskBackoff`)."""
        assert item.file.id is not None
        try:
            await asyncio.to_thread(_write, path, data)
        except OSError as exc:
            error = f"{type(exc).__name__}: {exc.strerror or 'not written'}"
            log.warning("file %s can't be written into the media folder: %s", item.file.id, error)
            self.disk.failed(self.svc.clock.now())
            async with self.db.transaction():
                await repo.set_archived(self.db, item.file.id, "failed", None, error)
                await self._tell(item, pushes.archive_failed)
        else:
            self.disk.worked()
            await self._keep(item, path)

    async def _keep(self, item: ToArchive, path: Path) -> None:
        """The member may have erased their data while the file was downloaded: the copy then
        takes the file's new neutral name, or goes if the file row went."""
        assert item.file.id is not None
        async with self.db.transaction():
            now = await repo.current_name(self.db, item.file.id)
            if now is not None:
                renamed = replace(item.file, position=now[0], file_name=now[1])
                wanted = path.with_name(f"{now[0]}_{safe_name(renamed)}")
                if wanted != path:
                    await asyncio.to_thread(path.replace, wanted)
                    path = wanted
                await repo.set_archived(self.db, item.file.id, "archived", str(path), None)
        if now is None:
            await asyncio.to_thread(path.unlink, missing_ok=True)

    async def _too_big(self, item: ToArchive) -> None:
        assert item.file.id is not None
        async with self.db.transaction():
            await repo.set_archived(self.db, item.file.id, "too_big", None, "file is too big")
            await self._tell(item, pushes.not_archived)

    async def _tell(self, item: ToArchive, notice: Notice) -> None:
        assert item.file.id is not None
        await self._tell_staff(item.competition_id, item.file.id, item.receipt, notice)

    async def _tell_staff(
        self, competition_id: int, file_row_id: int, receipt: str, notice: Notice
    ) -> None:
        """The competition's author and the admins, each once per file."""
        chats = set(self.svc.config.admins)
        competition = await comp_repo.get(self.db, competition_id)
        if competition is not None and competition.created_by is not None:
            author = await users_repo.by_id(self.db, competition.created_by)
            if author is not None and author.telegram_id is not None:
                chats.add(author.telegram_id)
        await self.svc.outbox.enqueue_many(
            (notice(competition_id, file_row_id, chat, receipt) for chat in sorted(chats)),
            programme_id=competition.programme_id if competition is not None else None,
        )


def for_app(app: App) -> Archiver:
    found = app.bot_data.get("archiver")
    if not isinstance(found, Archiver):
        found = app.bot_data["archiver"] = Archiver(app.bot, app.bot_data["services"])
    return found


def _spawn(app: App, make: Pass) -> None:
    """Through PTB, so that stopping the app waits for a download in progress; before the app
    runs (at start), as a job that runs as soon as it does."""
    if app.running or app.job_queue is None:
        app.create_task(make(), name="archiver")
        return

    async def job(_context: object) -> None:
        await make()

    app.job_queue.run_once(job, 0, name="archiver")


def start(app: App) -> None:
    """At start: what was left pending (or failed) before a restart is copied now."""
    _spawn(app, lambda: for_app(app).run())


def wake(app: App) -> None:
    _spawn(app, lambda: for_app(app).run())


def after_submit(app: App, submission_id: int, version: int) -> None:
    _spawn(app, lambda: for_app(app).after_submit(submission_id, version))
