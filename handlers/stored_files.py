"""Files the bot already holds by Telegram file_id (a submission's, a grant report's, a
seminar's), sent back to whoever asked: photos and videos in albums of up to ten, documents
each on its own, in the order they came, a caption on the first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from telegram import InputMediaPhoto, InputMediaVideo

from bot.http import retrying
from handlers.common import Turn

MAX_ALBUM = 10
ALBUM: dict[str, type[InputMediaPhoto] | type[InputMediaVideo]] = {
    "photo": InputMediaPhoto,
    "video": InputMediaVideo,
}


class Held(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def file_id(self) -> str: ...


def batches(files: Sequence[Held]) -> list[list[Held]]:
    """Photos and videos in albums of up to ten, then each document alone; a batch of one goes
    as a single message."""
    media = [f for f in files if f.kind in ALBUM]
    found = [media[i : i + MAX_ALBUM] for i in range(0, len(media), MAX_ALBUM)]
    return found + [[f] for f in files if f.kind not in ALBUM]


async def send_held(turn: Turn, files: Sequence[Held], caption: str | None = None) -> None:
    for batch in batches(files):
        first, caption = caption, None
        if len(batch) > 1:
            media = [ALBUM[f.kind](f.file_id, caption=first if n == 0 else None)
                     for n, f in enumerate(batch)]  # fmt: skip
            await _album(turn, media)
        else:
            await _one(turn, batch[0], first)


async def _album(turn: Turn, media: list[InputMediaPhoto | InputMediaVideo]) -> None:
    bot, chat = turn.context.bot, turn.chat_id
    await retrying(lambda: bot.send_media_group(chat, media))


async def _one(turn: Turn, f: Held, caption: str | None) -> None:
    bot, chat = turn.context.bot, turn.chat_id
    if f.kind == "photo":
        await retrying(lambda: bot.send_photo(chat, f.file_id, caption=caption))
    elif f.kind == "video":
        await retrying(lambda: bot.send_video(chat, f.file_id, caption=caption))
    else:
        await retrying(lambda: bot.send_document(chat, f.file_id, caption=caption))
