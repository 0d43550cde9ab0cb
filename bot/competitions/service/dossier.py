"""One submission as a reviewer at a desk reads it: the card, every version with its files, and
the history. A file is handed out only through `Dossiers.file`, which checks that the staff member
may manage the competition, that the file belongs to this submission, and that its archived copy
lies inside the media folder: an id from another competition, or a stored path that leads
elsewhere, is not found."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from bot.competitions.repo import submissions as repo
from bot.competitions.repo.submissions import STATUSES, LogEntry, StoredFile, Version
from bot.competitions.service.export import media_dir, on_disk
from bot.competitions.service.reviews import Card, Reviews
from bot.core.errors import NotFound

__all__ = ["STATUSES", "Dossier", "Dossiers", "LogEntry", "StoredFile", "Version"]


@dataclass(frozen=True)
class Dossier:
    card: Card
    versions: tuple[Version, ...]
    """Newest first."""
    history: list[LogEntry]


class Dossiers:
    def __init__(self, reviews: Reviews) -> None:
        self.reviews = reviews
        self.db = reviews.db
        self.root = media_dir(reviews.competitions.people.config)

    async def open(self, telegram_id: int, submission_id: int) -> Dossier:
        card = await self.reviews.card(telegram_id, submission_id)
        numbers = range(card.submission.version, 0, -1)
        found = [await repo.version(self.db, submission_id, n) for n in numbers]
        history = await repo.history(self.db, submission_id)
        return Dossier(card, tuple(v for v in found if v is not None), history)

    async def file(
        self, telegram_id: int, submission_id: int, file_row_id: int
    ) -> tuple[StoredFile, Path]:
        dossier = await self.open(telegram_id, submission_id)
        stored = next((f for v in dossier.versions for f in v.files if f.id == file_row_id), None)
        if stored is None:
            raise NotFound(str(file_row_id))
        path = await asyncio.to_thread(_inside, stored, self.root)
        if path is None:
            raise NotFound(str(file_row_id))
        return stored, path


def _inside(stored: StoredFile, root: Path) -> Path | None:
    """Blocking. The archived copy, when it is on disk under the media folder."""
    path = on_disk(stored, root)
    if path is None:
        return None
    resolved, top = path.resolve(), root.resolve()
    return resolved if resolved.is_relative_to(top) else None
