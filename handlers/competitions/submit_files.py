"""A member's files for a submission draft, one by one or as an album.

Telegram delivers each album item as its own update sharing a media_group_id; every item is
added as it comes, and one answer follows the last item of the album instead of one per photo.
An album that would take the draft past the competition's limit is refused whole (the draft
service takes back the items already added), and said once in that answer. Nothing is
downloaded before the submission is sent (bot/competitions/archiver.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram import Bot
from telegram.ext import JobQueue

from bot.competitions.service.draft import IncomingFile
from bot.competitions.views import submit as views
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.i18n import Translator, translator
from bot.wiring import Services
from handlers.common import Context, Turn, services
from handlers.competitions import draft_messages as messages
from handlers.competitions.flows import NOT_YOURS
from handlers.incoming import file_of
from handlers.routes import REFUSED, command

ALBUM_WAIT_S = 1.0
"""Album items arrive within a fraction of a second of each other."""


@command(denied="not_your_entrant")
async def on_media(turn: Turn) -> None:
    """A file for the draft; refused ones are named, the files already attached stay."""
    note = await _add(turn)
    group, jobs = turn.message.media_group_id, turn.context.job_queue
    if group and jobs is not None:
        _album_item(turn, jobs, group, note)
        return
    screen = await _files_answer(turn.svc, turn.tr, turn.tid, [note] if note else [])
    await _answer(turn.context.bot, turn.svc, turn.chat_id, turn.tid, screen)


async def _answer(bot: Bot, svc: Services, chat_id: int, tid: int, screen: Screen) -> None:
    """The file counter, whose buttons take over from the draft's message before it."""
    await messages.post(bot, svc, chat_id, tid, [screen])


async def _add(turn: Turn) -> str | None:
    """Adds the message's file to the draft; says why it was refused, or that it is too big
    for our archive, or nothing."""
    try:
        found = file_of(turn.message, IncomingFile)
        if found is None:
            raise Refusal("file_type")
        await turn.svc.submission_draft.add_file(turn.tid, found, turn.message.media_group_id)
    except REFUSED as exc:
        return refusal_text(turn.tr, NOT_YOURS.code_for(exc))
    return views.big_file_note(turn.tr, found) if found.too_big else None


async def _files_answer(svc: Services, tr: Translator, tid: int, notes: list[str]) -> Screen:
    return views.files_reply(tr, await svc.submission_draft.draft(tid), notes)


@dataclass
class _Album:
    """Who sent the album, where, in which language, and what its one answer will add."""

    tid: int
    chat_id: int
    lang: str
    notes: list[str] = field(default_factory=list)


def _album_item(turn: Turn, jobs: JobQueue[Any], group: str, note: str | None) -> None:
    """Pushes the album's one answer back until its last item is in, keeping every refusal.
    (PTB types the context's job queue with a type variable it never binds, hence Any.)"""
    key = f"album:{turn.tid}:{group}"
    pending = jobs.get_jobs_by_name(key)
    album = pending[0].data if pending else None
    if not isinstance(album, _Album):
        album = _Album(turn.tid, turn.chat_id, turn.tr.lang)
    for job in pending:
        job.schedule_removal()
    if note and note not in album.notes:
        album.notes.append(note)
    jobs.run_once(_album_done, ALBUM_WAIT_S, name=key, data=album, chat_id=album.chat_id,
                  user_id=album.tid)  # fmt: skip


async def _album_done(context: Context) -> None:
    album = context.job.data if context.job is not None else None
    if not isinstance(album, _Album):
        return
    svc = services(context)
    tr = translator(album.lang, svc.config.tz)
    screen = await _files_answer(svc, tr, album.tid, album.notes)
    await _answer(context.bot, svc, album.chat_id, album.tid, screen)
