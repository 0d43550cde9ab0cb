"""Broadcast rows at send time: the staff's text in the reader's language, with its photo or
document. One broadcast is read once per process, since thousands of rows share it."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.broadcasts import repo
from bot.broadcasts.repo import Broadcast
from bot.core.texts import StaffTexts
from bot.db import Database
from bot.delivery.kinds import Drop, Rendered
from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator

KINDS = ("broadcast",)


class Content(Protocol):
    """A broadcast as sent, or its draft in the wizard's preview."""

    @property
    def text_ky(self) -> str | None: ...
    @property
    def text_ru(self) -> str | None: ...
    @property
    def attachment_kind(self) -> str | None: ...
    @property
    def attachment_file_id(self) -> str | None: ...


def rendered(tr: Translator, b: Content) -> Rendered:
    """Staff text is kept as Telegram's HTML of what they typed, so it is already escaped. A
    text written in the other language only ends with a note saying so (the wizard leaves room
    for it)."""
    staff = StaffTexts(tr)
    text = staff.pick(b.text_ky, b.text_ru)
    if note := staff.note():
        text += "\n\n" + note
    kind, file_id = b.attachment_kind, b.attachment_file_id
    return Rendered(
        text,
        photo=file_id if kind == "photo" else None,
        document=file_id if kind == "document" else None,
    )


class BroadcastPushes:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._read: dict[int, Broadcast] = {}

    async def prepare(self, row: OutboxRow, now: datetime) -> Broadcast | Drop:
        if row.muted:
            return Drop("muted")
        broadcast_id = int(row.params["broadcast_id"])
        if broadcast_id not in self._read:
            found = await repo.get(self.db, broadcast_id)
            if found is None:
                return Drop("broadcast not found")
            self._read[broadcast_id] = found
        return self._read[broadcast_id]

    def render(self, row: OutboxRow, tr: Translator, prepared: Broadcast) -> Rendered:
        return rendered(tr, prepared)
