"""A member's files for a submission draft, one by one or as an album.

Telegram delivers each album item as its own update sharing a media_group_id; every item is
added as it comes, and one answer follows the last item of the album instead of one per photo.
An album that would take the draft past the competition's limit is refused whole (the draft
service takes back the items already added), and said once in that answer. Nothing is
downloaded before the submission is sent (bot/competitions/archiver.py).
"""

from __future__ import annotations

from telegram import Bot

from bot.competitions.service.draft import IncomingFile
from bot.competitions.views import submit as views
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.i18n import Translator, translator
from bot.wiring import Services
from handlers import albums
from handlers.common import Context, Turn, services
from handlers.competitions import draft_messages as messages
from handlers.competitions.flows import NOT_YOURS
from handlers.incoming import file_of
from handlers.routes import REFUSED, command


@command(denied="not_your_entrant")
async def on_media(turn: Turn) -> None:
    """A file for the draft; refused ones are named, the files already attached stay."""
    note = await _add(turn)
    if albums.item(turn, "submission", note, _album_done):
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


async def _album_done(context: Context, album: albums.Album) -> None:
    svc = services(context)
    tr = translator(album.lang, svc.config.tz)
    screen = await _files_answer(svc, tr, album.tid, album.notes)
    await _answer(context.bot, svc, album.chat_id, album.tid, screen)
