"""One answer per album. Telegram delivers each item of an album as its own update sharing a
media_group_id; every item is handled as it comes, and the answer (how many files there are
now, and what was refused) waits until no item has come for ALBUM_WAIT_S, so a member who sends
ten photos reads one message, not ten."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from handlers.common import Context, Turn

ALBUM_WAIT_S = 1.0
"""Album items arrive within a fraction of a second of each other."""


@dataclass
class Album:
    """Who sent it, where, in which language, the refusals of its items (each once), and what
    the answer needs besides (the feature's own)."""

    tid: int
    chat_id: int
    lang: str
    notes: list[str] = field(default_factory=list)
    about: Any = None


Done = Callable[[Context, Album], Awaitable[None]]


def item(turn: Turn, kind: str, note: str | None, done: Done, about: Any = None) -> bool:
    """Pushes the album's one answer back until its last item is in, keeping every refusal;
    False for a message that is not in an album (it is answered at once)."""
    group, jobs = turn.message.media_group_id, turn.context.job_queue
    if not group or jobs is None:
        return False
    key = f"{kind}-album:{turn.tid}:{group}"
    pending = jobs.get_jobs_by_name(key)
    album = pending[0].data if pending else None
    if not isinstance(album, Album):
        album = Album(turn.tid, turn.chat_id, turn.tr.lang, about=about)
    for job in pending:
        job.schedule_removal()
    if note and note not in album.notes:
        album.notes.append(note)

    async def answer(context: Context) -> None:
        if context.job is not None and isinstance(context.job.data, Album):
            await done(context, context.job.data)

    jobs.run_once(answer, ALBUM_WAIT_S, name=key, data=album, chat_id=album.chat_id,
                  user_id=album.tid)  # fmt: skip
    return True
