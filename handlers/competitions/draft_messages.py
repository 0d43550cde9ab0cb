"""The submission draft's messages: one keyboard stays live.

Each answer, file or album brings a new message with the draft's buttons (the next question,
the file counter, the review). The message that carried them before loses them, so three
file counters in a row never offer "Done with files" three times; the draft remembers which
message is live (`SubmissionDraft.shown`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from telegram import Bot, Message
from telegram.error import BadRequest

from bot.core.screens import Screen
from bot.http import retrying
from bot.wiring import Services


async def post(bot: Bot, svc: Services, chat_id: int, tid: int, screens: Sequence[Screen]) -> None:
    """New messages for the draft; the last with buttons becomes the live one."""
    live = None
    for screen in screens:
        sent = await _send(bot, chat_id, screen)
        if screen.markup is not None:
            live = sent.message_id
    if live is not None:
        await now_live(bot, svc, chat_id, tid, live)


async def _send(bot: Bot, chat_id: int, screen: Screen) -> Message:
    markup = screen.markup
    return await retrying(lambda: bot.send_message(chat_id, screen.text, reply_markup=markup))


async def now_live(bot: Bot, svc: Services, chat_id: int, tid: int, message_id: int) -> None:
    """`message_id` carries the draft's buttons now (a new message, or one edited in place);
    the one before loses its own."""
    before = await svc.submission_draft.shown(tid, message_id)
    if before is not None:
        await strip(bot, chat_id, before)


async def strip(bot: Bot, chat_id: int, message_id: int) -> None:
    """Takes a message's buttons away; one already without them, or gone, is left as it is."""
    with contextlib.suppress(BadRequest):
        await retrying(lambda: bot.edit_message_reply_markup(chat_id, message_id))
