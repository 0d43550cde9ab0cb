"""Every feature's pushes, labelled with their programme and held back where it no longer
applies: a closed programme sends nothing more, a member who muted one gets none of its
announcements, invitations or calls (what they answered themselves still reaches them), and a
deactivated member gets nothing at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.programmes import views
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.db import Database
from bot.delivery.kinds import Drop, PushKind, Rendered
from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator

ANNOUNCEMENTS = frozenset({"broadcast", "seminar_invite", "competition_open"})
"""Templates a muted programme no longer sends: what the programme has to say, not what the
member started."""


@dataclass(frozen=True)
class Prepared:
    inner: Any
    programme: Programme | None


class Labelled:
    def __init__(self, inner: PushKind[Any], programmes: Programmes, db: Database) -> None:
        self.inner = inner
        self.programmes = programmes
        self.db = db

    async def prepare(self, row: OutboxRow, now: datetime) -> Prepared | Drop:
        if row.deactivated:
            return Drop("member deactivated")
        programme = None
        if row.programme_id is not None:
            programme = await self.programmes.get(row.programme_id)
            if not programme.active:
                return Drop("programme closed")
            if row.template in ANNOUNCEMENTS and await self._muted(row):
                return Drop("programme muted")
        inner = await self.inner.prepare(row, now)
        if isinstance(inner, Drop):
            return inner
        shown = await self.programmes.label(row.programme_id)
        return Prepared(inner, shown if programme is not None else None)

    def render(self, row: OutboxRow, tr: Translator, prepared: Prepared) -> Rendered:
        rendered = self.inner.render(row, tr, prepared.inner)
        if prepared.programme is None or rendered.edit is not None:
            return rendered
        text = views.labelled(tr, prepared.programme, rendered.text)
        return Rendered(text, rendered.markup, rendered.photo, rendered.document)

    async def _muted(self, row: OutboxRow) -> bool:
        found = await self.db.fetchone(
            "SELECT 1 FROM programme_mutes pm JOIN users u ON u.id = pm.user_id"
            " WHERE u.telegram_id = ? AND pm.programme_id = ?",
            (row.chat_id, row.programme_id),
        )
        return found is not None
