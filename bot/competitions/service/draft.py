"""A member's submission draft: the description, the figures, the files, then a review.

The draft lives in the flows table and is saved at every step, so a restart (or a member who
comes back the next day) resumes where they were, files included. Editing a sent submission
starts from its latest version and remembers which one (`based_on`): if a colleague sends in
between, the sender learns whose version theirs replaced. Nothing is checked only by which
buttons were shown: every button names its competition and entrant, and both are checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import NotRequired, TypedDict, TypeGuard, cast

from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.submissions import StoredFile, Submission
from bot.competitions.service.submissions import (
    TELEGRAM_DOWNLOAD_LIMIT,
    Sent,
    Standing,
    Submissions,
    check_description,
    check_file,
    check_residents,
)
from bot.core import flows
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.wizard import Wizard

FLOW = "submission"
STEPS = ("description", "residents", "files", "review")
FIXES = {"fix_text": "description", "fix_figures": "residents", "fix_files": "files"}
_BLANKS = re.compile("[\u115f\u1160\u2800\u3164\uffa0]")
"""Fillers people send to post an 'empty' message; Telegram lets them through as text."""


class DraftFile(TypedDict):
    """A file of a draft, kept as the StoredFile it becomes on sending (less its position)."""

    kind: str
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    file_size: int | None
    local_path: str | None
    archive_status: str


class Album(TypedDict):
    """The album coming in: Telegram sends each of its items as a message of its own, one
    after another, so the files it added are the last `added` of the draft's."""

    id: str
    added: int
    refused: bool


class DraftData(TypedDict):
    """The draft's answers in the flows table."""

    competition_id: int
    entrant_id: int
    based_on: int | None
    """The version this draft was started from, if any."""
    description: str | None
    residents: int | None
    files: list[DraftFile]
    back: bool
    """A step opened from the review: answering it goes back there."""
    album: NotRequired[Album]
    screen: NotRequired[int]
    """The message that carries the draft's buttons now: the one before loses them when the
    next is sent, so one keyboard of the draft stays live."""


def draft_data(flow: Flow) -> DraftData:
    """The flows table keeps JSON; `SubmissionDraft` wrote it in this shape."""
    return cast(DraftData, flow.data)


@dataclass(frozen=True)
class IncomingFile:
    kind: str
    file_id: str
    file_unique_id: str
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None

    @property
    def too_big(self) -> bool:
        return (self.file_size or 0) > TELEGRAM_DOWNLOAD_LIMIT

    def draft_file(self) -> DraftFile:
        """As the draft keeps it: not downloaded yet."""
        return {"kind": self.kind, "file_id": self.file_id, "file_unique_id": self.file_unique_id,
                "file_name": self.file_name, "mime_type": self.mime_type,
                "file_size": self.file_size, "local_path": None,
                "archive_status": "pending"}  # fmt: skip


@dataclass(frozen=True)
class Draft:
    """What the draft screens show: the saved answers with the competition as it is now."""

    flow: Flow
    competition: Competition
    entrant: Entrant
    deadline: datetime
    submission: Submission | None = None
    """What was sent so far: a revision request's comment and date are shown with the draft."""

    @property
    def step(self) -> str:
        return self.flow.step

    @property
    def data(self) -> DraftData:
        return draft_data(self.flow)

    @property
    def files(self) -> list[DraftFile]:
        return self.data["files"]


def _blank_free(raw: str) -> str:
    text = _BLANKS.sub("", raw or "")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf" or ch == "\u200d")


def _owns(flow: Flow | None, competition_id: int, entrant_id: int) -> TypeGuard[Flow]:
    """This member's draft for this entrant (so, a draft at all)."""
    if flow is None:
        return False
    data = draft_data(flow)
    return data.get("competition_id") == competition_id and data.get("entrant_id") == entrant_id


def _kept(f: StoredFile) -> DraftFile:
    """A file of the latest version, with its archive state, so it is not downloaded again."""
    return {"kind": f.kind, "file_id": f.file_id, "file_unique_id": f.file_unique_id,
            "file_name": f.file_name, "mime_type": f.mime_type, "file_size": f.file_size,
            "local_path": f.local_path, "archive_status": f.archive_status}  # fmt: skip


def _album(data: DraftData, album: str | None) -> Album | None:
    """The album this item belongs to; a new one replaces the one before."""
    if album is None:
        return None
    current = data.get("album")
    if current is None or current["id"] != album:
        current = data["album"] = {"id": album, "added": 0, "refused": False}
    return current


def _drop(data: DraftData, album: Album) -> None:
    """Takes the album's files out again (the last ones added) and refuses the rest of it."""
    if album["added"]:
        del data["files"][-album["added"] :]
    album["added"], album["refused"] = 0, True


class SubmissionDraft(Wizard):
    flow_name = FLOW

    @classmethod
    def answers(cls, flow: Flow) -> int:
        """A new draft's description, number and files; a draft started from a sent version
        loses only its changes, which the version sent keeps."""
        data = draft_data(flow)
        if data.get("based_on"):
            return 0
        given = [data.get("description"), data.get("residents")]
        return sum(1 for g in given if g is not None) + len(data.get("files", []))

    def __init__(self, submissions: Submissions) -> None:
        self.submissions = submissions
        self.db = submissions.db
        self.clock = submissions.clock

    async def view(
        self, telegram_id: int, competition_id: int, entrant_id: int
    ) -> tuple[Standing, Flow | None]:
        """The entrant's standing and this member's draft for it, if one is open."""
        standing = await self.submissions.standing(telegram_id, competition_id, entrant_id)
        flow = await self.current(telegram_id)
        return standing, flow if _owns(flow, competition_id, entrant_id) else None

    async def begin(self, telegram_id: int, competition_id: int, entrant_id: int) -> Draft:
        """Continues this entrant's draft, or starts one (from the latest version, if any)."""
        await self.submissions.may_send(telegram_id, competition_id, entrant_id)
        flow = await self.current(telegram_id)
        if _owns(flow, competition_id, entrant_id):
            return await self._draft(flow)
        if await flows.get(self.db, telegram_id) is not None:
            raise Refusal("other_flow_open")
        _, latest = await self.submissions.latest(telegram_id, competition_id, entrant_id)
        data: DraftData = {"competition_id": competition_id, "entrant_id": entrant_id,
                           "based_on": None, "description": None, "residents": None, "files": [],
                           "back": False}  # fmt: skip
        step = "description"
        if latest is not None:
            data["based_on"] = latest.version
            data["description"] = latest.description
            data["residents"] = latest.residents
            data["files"] = [_kept(f) for f in latest.files]
            step = "review"
        return await self._draft(await self._save(Flow(telegram_id, FLOW, step, {**data})))

    async def draft(self, telegram_id: int) -> Draft | None:
        flow = await self.current(telegram_id)
        return await self._draft(flow) if flow is not None else None

    async def shown(self, telegram_id: int, message_id: int) -> int | None:
        """Records the message now carrying the draft's buttons; returns the one that carried
        them before, whose buttons are to go (None when it is the same, or there is none)."""
        flow = await self.current(telegram_id)
        if flow is None:
            return None
        data = draft_data(flow)
        before = data.get("screen")
        if before == message_id:
            return None
        data["screen"] = message_id
        await self._save(flow)
        return before

    async def text(self, telegram_id: int, raw: str) -> Draft:
        flow = await self._at(telegram_id, *STEPS)
        if flow.step == "description":
            draft_data(flow)["description"] = check_description(_blank_free(raw))
        elif flow.step == "residents":
            draft_data(flow)["residents"] = check_residents(raw)
        elif flow.step == "files":
            raise Refusal("files_expected")
        else:
            raise Refusal("use_buttons")
        return await self._advance(flow)

    async def add_file(
        self, telegram_id: int, incoming: IncomingFile, album: str | None = None
    ) -> Draft:
        """One file, checked before it is added; nothing else changes. An album (`album`: its
        media group id) is taken whole or not at all: when one of its items would pass the
        competition's limit, the items already added go again, and the rest are refused too."""
        flow = await self._at(telegram_id, *STEPS)
        if flow.step != "files":
            raise Refusal("files_at_review" if flow.step == "review" else "files_later")
        draft = await self._draft(flow)
        data, limit = draft_data(flow), draft.competition.max_files
        coming = _album(data, album)
        if coming is not None and coming["refused"]:
            raise Refusal("album_too_many", limit=limit)
        try:
            check_file(incoming.kind, incoming.mime_type, len(data["files"]), limit)
        except Refusal as exc:
            if coming is None or exc.code != "too_many_files":
                raise
            _drop(data, coming)
            await self._save(flow)
            raise Refusal("album_too_many", limit=limit) from exc
        data["files"].append(incoming.draft_file())
        if coming is not None:
            coming["added"] += 1
        await self._save(flow)
        return draft

    async def act(
        self, telegram_id: int, competition_id: int, entrant_id: int, action: str
    ) -> Draft | None:
        """A draft button; returns the draft, or None when it was cancelled."""
        flow = await self._owned(telegram_id, competition_id, entrant_id)
        if action == "abort":
            await flows.clear(self.db, telegram_id)
            return None
        if action in FIXES:
            return await self._fix(flow, FIXES[action])
        if action == "clear_files" and flow.step == "files":
            draft_data(flow)["files"] = []
            draft_data(flow).pop("album", None)
            return await self._draft(await self._save(flow))
        if action == "files_done" and flow.step == "files":
            return await self._advance(flow)
        if action == "keep" and draft_data(flow).get("back"):
            return await self._advance(flow)
        raise Refusal("stale")

    async def _fix(self, flow: Flow, step: str) -> Draft:
        if flow.step != "review":
            raise Refusal("stale")
        draft = await self._draft(flow)
        if step not in self._plan(draft.competition):
            raise Refusal("stale")
        flow.step, draft_data(flow)["back"] = step, True
        return await self._draft(await self._save(flow))

    async def send(self, telegram_id: int, competition_id: int, entrant_id: int) -> Sent:
        """The service checks everything again (deadline, team, limits); a refusal keeps the
        draft as it is, so the member can fix it or send once more after an extension."""
        flow = await self._owned(telegram_id, competition_id, entrant_id)
        if flow.step != "review":
            raise Refusal("stale")
        d = draft_data(flow)
        files = [StoredFile(n, **f) for n, f in enumerate(d["files"], 1)]
        sent = await self.submissions.submit(telegram_id, competition_id, entrant_id,
                                             d["description"] or "", d["residents"], files,
                                             d["based_on"])  # fmt: skip
        await flows.clear(self.db, telegram_id)
        return sent

    async def _owned(self, telegram_id: int, competition_id: int, entrant_id: int) -> Flow:
        """A button for an entrant the member does not speak for is refused as not theirs;
        one from another draft, or an older one, as stale."""
        await self.submissions.standing(telegram_id, competition_id, entrant_id)
        flow = await self.current(telegram_id)
        if not _owns(flow, competition_id, entrant_id):
            raise Refusal("stale")
        assert flow is not None
        return flow

    def _plan(self, competition: Competition) -> list[str]:
        skip = {"residents"} if not competition.needs_residents else set()
        if competition.max_files == 0:
            skip.add("files")
        return [s for s in STEPS if s not in skip]

    async def _advance(self, flow: Flow) -> Draft:
        draft = await self._draft(flow)
        plan = self._plan(draft.competition)
        if draft_data(flow).get("back"):
            flow.step, draft_data(flow)["back"] = "review", False
        else:
            later = [s for s in plan if STEPS.index(s) > STEPS.index(flow.step)]
            flow.step = later[0] if later else "review"
        return await self._draft(await self._save(flow))

    async def _draft(self, flow: Flow) -> Draft:
        data = draft_data(flow)
        standing = await self.submissions.standing(
            flow.telegram_id, data["competition_id"], data["entrant_id"]
        )
        return Draft(flow, standing.competition, standing.entrant, standing.deadline,
                     standing.submission)  # fmt: skip
