"""One running bot per SQLite file: an exclusive flock on a sidecar file, `<db>.lock`.

Two bots on one file would both poll Telegram, both run the dispatcher and send every
reminder twice, and both migrate at start. The kernel drops a flock when its process dies,
SIGKILL included, so a crash never leaves a stale lock to clean up by hand. The sidecar holds
only who took it (a word and a pid), never a setting.

Only running bots (run, webhook, the sandbox) and `restore` take it; the command-line tools
(export, draft, backup, ...) read and write beside a running bot, as SQLite's own locking
allows, and must keep doing so.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import TextIO

PROBE_TRIES = 5
PROBE_WAIT_S = 0.05
"""A `health` probe holds the lock for an instant: a bot starting in that instant tries a few
more times before it concludes another bot has the file."""


class DatabaseHeld(Exception):
    """Another process holds the database; the message says what to do. Nothing was changed."""


def is_file_database(db: str) -> bool:
    """SQLite files lock; an in-memory database or a server URL (PostgreSQL) does not."""
    return not (db == ":memory:" or db.startswith("file:") or "://" in db)


def lock_path(db: str | Path) -> Path:
    path = Path(db).expanduser().resolve()
    return path.with_name(path.name + ".lock")


class DatabaseLock:
    """Held until `release()` or the end of the process. `with DatabaseLock.take(db, "run"):`"""

    def __init__(self, handle: TextIO | None) -> None:
        self._handle = handle

    @classmethod
    def take(cls, db: str | Path, who: str, move: str = "MUNIBOT_DB") -> DatabaseLock:
        """`who` goes in the sidecar for the next one's message; `move` is how to point this
        process at another file (MUNIBOT_DB, or the sandbox's --db)."""
        if not is_file_database(str(db)):
            return cls(None)
        path = lock_path(db)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+", encoding="utf-8")
        if not _try_lock(handle, fcntl.LOCK_EX):
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise DatabaseHeld(
                f"the database {db} is in use by a running munibot ({holder}).\n"
                f"Stop that bot first, or point this one at another file with {move}."
            )
        handle.truncate(0)
        handle.write(f"{who}, pid {os.getpid()}\n")
        handle.flush()
        return cls(handle)

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops the flock
            self._handle = None

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def holder(db: str | Path) -> str | None:
    """Who holds the database's lock ("run, pid 123"), or None when no bot is running on it.
    Never creates the sidecar: a database no bot ever ran on has none."""
    try:
        handle = lock_path(db).open("r", encoding="utf-8")
    except FileNotFoundError:
        return None
    with handle:
        if _try_lock(handle, fcntl.LOCK_SH, tries=1):
            fcntl.flock(handle, fcntl.LOCK_UN)
            return None
        return handle.read().strip() or "another process"


def _try_lock(handle: TextIO, kind: int, tries: int = PROBE_TRIES) -> bool:
    for attempt in range(tries):
        try:
            fcntl.flock(handle, kind | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if attempt + 1 < tries:
                time.sleep(PROBE_WAIT_S)
    return False
