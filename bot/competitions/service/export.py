"""Everything a competition's organisers take away: each eligible entrant with where it is,
every version of every submission with its files, the results and the audit log.

Plain values only; the spreadsheet and the archive are drawn from the same `Export`, so the file
list in one always matches the other.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import export_rows as rows_repo
from bot.competitions.repo import submissions as repo
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.export_rows import LogRow
from bot.competitions.repo.submissions import Result, StoredFile, Submission, Version
from bot.competitions.service.competitions import Competitions
from bot.config import Config
from bot.core.audience.repo import Names
from bot.core.errors import NotFound

__all__ = ["EntrantRow", "Export", "FileRow", "LogRow", "SubmissionExports", "SubmissionRow"]


def media_dir(config: Config) -> Path:
    """MUNIBOT_MEDIA_DIR: where the archiver keeps the files it downloaded."""
    return Path(config.media_dir)


@dataclass(frozen=True)
class EntrantRow:
    """An eligible entrant: a municipality with its district and region (None when unknown),
    or a cluster with its member municipalities."""

    entrant: Entrant
    district: Names | None
    region: Names | None
    members: tuple[Names, ...]
    submission: Submission | None


@dataclass(frozen=True)
class FileRow:
    receipt: str
    entrant_id: int
    version: int
    latest: bool
    file: StoredFile
    source: Path | None
    """The file on disk, when it was archived and is still there."""

    @property
    def archived(self) -> bool:
        return self.source is not None

    @property
    def missing(self) -> bool:
        """Marked archived, but not found in the media folder."""
        return self.file.archive_status == "archived" and self.source is None


@dataclass(frozen=True)
class SubmissionRow:
    entrant: EntrantRow
    submission: Submission
    versions: tuple[Version, ...]
    """Oldest first; the last one counts."""
    result: Result | None
    files: tuple[FileRow, ...]
    """Files of every version, by version then position."""

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    @property
    def latest_files(self) -> list[FileRow]:
        return [f for f in self.files if f.latest]


@dataclass(frozen=True)
class Export:
    competition: Competition
    name: str
    """A short stem for file names, like IC-2026."""
    submissions: list[SubmissionRow]
    eligible: list[EntrantRow]
    log: list[LogRow]

    def entrant(self, entrant_id: int | None) -> Entrant | None:
        return self._entrants.get(entrant_id) if entrant_id is not None else None

    @cached_property
    def _entrants(self) -> dict[int, Entrant]:
        """By id, so a row per file or log entry finds its entrant in constant time."""
        return {e.entrant.id: e.entrant for e in self.eligible}

    @property
    def archived(self) -> list[FileRow]:
        """What goes into the archive: the latest version's files found on disk."""
        return [f for s in self.submissions for f in s.latest_files if f.archived]

    @property
    def not_archived(self) -> list[FileRow]:
        return [f for s in self.submissions for f in s.latest_files if not f.archived]


class SubmissionExports:
    def __init__(self, competitions: Competitions) -> None:
        self.competitions = competitions
        self.db = competitions.db
        self.config = competitions.people.config

    async def for_staff(self, telegram_id: int, competition_id: int) -> Export:
        """Only those who may manage the competition; anyone else gets NotAllowed."""
        _, competition = await self.competitions.manage(telegram_id, competition_id)
        return await self.build(competition)

    async def choices(self, telegram_id: int, code: str | None = None) -> list[Competition]:
        """What this person may export, in the programmes a report covers: the one named, else
        theirs (every one, for an admin)."""
        scope = await self.competitions.programmes.scope(telegram_id, code)
        return [c for c, _ in await self.competitions.listing(telegram_id, scope)]

    async def operator(self, competition_id: int, programme: str | None = None) -> Export:
        """No permission check: the command line runs as whoever owns the database. With a
        programme's code, a competition of another programme is not found."""
        competition = await self.competitions.get(competition_id)
        if programme is not None:
            found = await self.competitions.programmes.by_code(programme)
            if competition.programme_id != found.id:
                raise NotFound(str(competition_id))
        return await self.build(competition)

    async def operator_listing(self, programme: str) -> list[Competition]:
        """A programme's competitions, for the command line to name one."""
        found = await self.competitions.programmes.by_code(programme)
        return await comp_repo.listing(self.db, limit=500, programme_ids=[found.id])

    async def build(self, competition: Competition) -> Export:
        """The versions, their files on disk and the log are read in worker threads, in one
        query each: a competition may have hundreds of submissions, and other users' replies
        must not wait for them."""
        submissions = await repo.of_competition(self.db, competition.id)
        eligible = await self._eligible(competition, {s.entrant_id: s for s in submissions})
        by_id = {e.entrant.id: e for e in eligible}
        results = {r.entrant_id: r for r in await repo.results(self.db, competition.id)}
        versions = await rows_repo.versions(self.db, competition.id)
        sent = [(s, versions[s.id]) for s in submissions if versions.get(s.id)]
        files = await self._files(sent)
        rows = [SubmissionRow(by_id.get(s.entrant_id) or _unknown(competition, s), s, found,
                              results.get(s.entrant_id), files[s.id])
                for s, found in sent]  # fmt: skip
        year = competition.opens_at.astimezone(self.config.zone).year
        log = await rows_repo.competition_log(self.db, competition.id)
        return Export(competition, f"{competition.code}-{year}", rows, eligible, log)

    async def _eligible(
        self, competition: Competition, sent: dict[int, Submission]
    ) -> list[EntrantRow]:
        entrants = await comp_repo.entrants(self.db, competition)
        ids = [e.id for e in entrants]
        if competition.for_clusters:
            members = await rows_repo.cluster_municipalities(self.db, ids)
            return [EntrantRow(e, None, None, tuple(members.get(e.id, [])), sent.get(e.id))
                    for e in entrants]  # fmt: skip
        places = await rows_repo.municipality_places(self.db, ids)
        return [EntrantRow(e, *_place(places, e.id), (), sent.get(e.id)) for e in entrants]

    async def _files(
        self, sent: list[tuple[Submission, tuple[Version, ...]]]
    ) -> dict[int, tuple[FileRow, ...]]:
        """Every version's files of each submission, with where each is on disk (looked up in
        one worker thread for all)."""
        pairs = [(s, v, f) for s, found in sent for v in found for f in v.files]
        root = media_dir(self.config)
        paths = await asyncio.to_thread(lambda: [on_disk(f, root) for _, _, f in pairs])
        latest = {s.id: found[-1].version for s, found in sent}
        rows: dict[int, list[FileRow]] = {s.id: [] for s, _ in sent}
        for (s, v, f), path in zip(pairs, paths, strict=True):
            rows[s.id].append(FileRow(s.receipt, s.entrant_id, v.version,
                                      v.version == latest[s.id], f, path))  # fmt: skip
        return {sid: tuple(found) for sid, found in rows.items()}


def _place(
    places: dict[int, tuple[Names, Names]], municipality_id: int
) -> tuple[Names | None, Names | None]:
    """(district, region) of a municipality; None for both when it is not known."""
    found = places.get(municipality_id)
    return found if found is not None else (None, None)


def on_disk(f: StoredFile, root: Path) -> Path | None:
    """Blocking. The archiver writes the path as it opened it (absolute, or relative to where
    the bot runs, media folder included); a path relative to the media folder works too."""
    if f.archive_status != "archived" or not f.local_path:
        return None
    path = Path(f.local_path)
    for candidate in (path,) if path.is_absolute() else (path, root / path):
        if candidate.is_file():
            return candidate
    return None


def _unknown(competition: Competition, submission: Submission) -> EntrantRow:
    """An entrant no longer on the eligible list still shows, under its id."""
    name = f"#{submission.entrant_id}"
    entrant = Entrant(submission.entrant_id, competition.entrant_kind, name, name, name)
    return EntrantRow(entrant, None, None, (), submission)
