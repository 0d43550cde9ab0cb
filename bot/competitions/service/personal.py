"""A member's competition data, for the accounts feature's erasure and "download my data"
hooks (wired in bot.wiring).

Erasing a member: the versions they sent stop naming them (`submitted_by` becomes NULL: the
submission is the entrant's, and who sent it is the personal part), the audit log keeps the
anonymous user id but not the Telegram id, and their files:
- if another approved member still speaks for the entrant, the files stay, credited to the
  entrant; a file name (often the sender's own name) becomes a neutral one, on disk too;
- otherwise the files of the versions they sent are deleted, from the database and the disk.
The disk is changed after the erasure's transaction commits (the returned step), so a rollback
never leaves rows pointing at files that are gone.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypedDict

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import personal as repo
from bot.competitions.repo.personal import LogRecord, SentFile, VersionRecord
from bot.db import Database

log = logging.getLogger(__name__)
AfterErase = Callable[[], Awaitable[None]]


class CompetitionData(TypedDict):
    submission_versions: list[VersionRecord]
    competition_actions: list[LogRecord]


def neutral_name(f: SentFile) -> str:
    """`document.pdf`, `video.mp4`: the kind and an extension from the type, nothing typed."""
    extension = mimetypes.guess_extension(f.mime_type or "") or ""
    return f.kind + extension


def neutral_path(f: SentFile, name: str) -> str | None:
    """The archived copy's new name, keeping its `<position>_` prefix (archiver layout)."""
    if f.local_path is None:
        return None
    old = Path(f.local_path)
    prefix = old.name.split("_", 1)[0] if "_" in old.name else ""
    return str(old.with_name(f"{prefix}_{name}" if prefix else name))


async def _shared(db: Database, files: list[SentFile]) -> set[int]:
    """Submissions whose entrant still has an approved member (the erased one no longer is)."""
    found = set()
    for submission_id, kind, entrant_id in {(f.submission_id, f.entrant_kind, f.entrant_id)
                                            for f in files}:  # fmt: skip
        if await comp_repo.staff_of(db, kind, [entrant_id]):
            found.add(submission_id)
    return found


async def forget(db: Database, media_dir: str, user_id: int, telegram_id: int) -> AfterErase:
    mine = await repo.files_sent_by(db, user_id)
    shared = await _shared(db, mine)
    gone = [f for f in mine if f.submission_id not in shared]
    await repo.delete_files(db, [f.id for f in gone])
    moves: dict[str, str] = {}
    for f in await repo.files_like(db, {f.file_unique_id for f in mine}):
        if f.file_name is None:
            continue
        name = neutral_name(f)
        await repo.rename(db, f.id, name)
        new_path = neutral_path(f, name)
        if f.local_path and new_path and new_path != f.local_path:
            moves.setdefault(f.local_path, new_path)
    gone_paths = {f.local_path for f in gone if f.local_path}
    gone_paths -= await repo.paths_in_use(db, gone_paths)
    for old, new in moves.items():
        await repo.move(db, old, new)
    await repo.forget_sender(db, user_id, telegram_id)
    if gone or moves:
        log.info("user %s erased: %s files deleted, %s renamed", user_id, len(gone), len(moves))

    async def on_disk() -> None:
        await asyncio.to_thread(_apply, Path(media_dir), sorted(gone_paths), moves)

    return on_disk


def _inside(root: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _apply(root: Path, deleted: list[str], moves: dict[str, str]) -> None:
    """Runs in a thread. Only paths inside the media folder are touched; a file already gone
    is no error; an empty folder left behind goes too."""
    for old, new in moves.items():
        if _inside(root, Path(old)) and _inside(root, Path(new)):
            try:
                Path(old).replace(new)
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.error("an erased member's file could not be renamed: %s", exc.strerror)
    for name in deleted:
        path = Path(name)
        if not _inside(root, path):
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.error("an erased member's file could not be deleted: %s", exc.strerror)
            continue
        _prune_empty(root.resolve(), path.resolve().parent)


def _prune_empty(root: Path, folder: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


async def export(db: Database, user_id: int) -> CompetitionData:
    return CompetitionData(
        submission_versions=await repo.versions_by(db, user_id),
        competition_actions=await repo.log_by(db, user_id),
    )
