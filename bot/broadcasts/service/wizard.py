"""The /broadcast wizard's rules: a draft kept in the flows table, then one outbox row each.

The audience is resolved when the coordinator confirms; every recipient's row is written in one
transaction with the chosen `not_before`, so a scheduled broadcast is just rows waiting in the
database, and a restart neither loses nor repeats it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.broadcasts import repo
from bot.broadcasts.repo import Broadcast
from bot.core import flows
from bot.core import users as users_repo
from bot.core.audience.repo import Option
from bot.core.audience.service import Audiences, empty
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import Actor, People
from bot.core.timeparse import parse_local
from bot.core.wizard import Wizard
from bot.db import utcnow_iso
from bot.delivery.outbox import Outbox

FLOW = "broadcast"
MAX_TEXT = 4096
MAX_CAPTION = 1024


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    """What the preview shows: the texts as each language will read them, and the reach."""

    text_ky: str | None
    text_ru: str | None
    attachment_kind: str | None
    attachment_file_id: str | None
    recipients: int
    send_at: datetime | None


class BroadcastWizard(Wizard):
    flow_name = FLOW

    def __init__(self, outbox: Outbox, people: People) -> None:
        self.outbox = outbox
        self.people = people
        self.db = outbox.db
        self.clock = outbox.clock
        self.audiences = Audiences(self.db)

    async def begin(self, telegram_id: int) -> Flow:
        await self.people.require_staff(telegram_id)
        return await self._save(Flow(telegram_id, FLOW, "text_ky", {}))

    async def text(self, telegram_id: int, html: str, length: int) -> Flow:
        flow = await self._at(telegram_id, "text_ky", "text_ru")
        if length > MAX_TEXT:
            raise Refusal("text_too_long", limit=MAX_TEXT, length=length)
        lang = flow.step[-2:]
        flow.data[f"text_{lang}"] = html
        flow.data[f"length_{lang}"] = length
        flow.step = "text_ru" if lang == "ky" else "attachment"
        return await self._save(flow)

    async def skip(self, telegram_id: int) -> Flow:
        flow = await self._at(telegram_id, "text_ky", "text_ru", "attachment")
        if flow.step == "text_ky":
            flow.step = "text_ru"
        elif flow.step == "text_ru":
            if not flow.data.get("text_ky"):
                raise Refusal("no_text")
            flow.step = "attachment"
        else:
            flow.step = "audience"
        return await self._save(flow)

    async def attach(self, telegram_id: int, kind: str, file_id: str, name: str | None) -> Flow:
        flow = await self._at(telegram_id, "attachment")
        longest = max(flow.data.get("length_ky", 0), flow.data.get("length_ru", 0))
        if longest > MAX_CAPTION:
            raise Refusal("caption_too_long", limit=MAX_CAPTION, length=longest)
        flow.data.update(attachment_kind=kind, attachment_file_id=file_id, attachment_name=name)
        flow.step = "audience"
        return await self._save(flow)

    async def choose_kind(self, telegram_id: int, kind: str) -> Flow:
        flow = await self._at(telegram_id, "audience", "audience_pick", "preview")
        flow.data["audience"] = empty(kind)
        flow.step = "audience_pick" if kind != "all" else "preview"
        if kind == "all":
            await self._require_reach(flow)
        return await self._save(flow)

    async def toggle(self, telegram_id: int, value: str) -> Flow:
        """Only values the selector offers this person can be chosen; anything else is stale."""
        flow = await self._at(telegram_id, "audience_pick")
        actor = await self.people.require_staff(telegram_id)
        await self.audiences.toggle(actor, flow.data["audience"], value)
        return await self._save(flow)

    async def audience_done(self, telegram_id: int) -> Flow:
        flow = await self._at(telegram_id, "audience_pick")
        await self._require_reach(flow)
        flow.step = "preview"
        return await self._save(flow)

    async def when(self, telegram_id: int, text: str | None) -> Flow:
        """None sends now; otherwise a Bishkek time, which must be in the future."""
        flow = await self._at(telegram_id, "preview", "schedule")
        if text is None:
            flow.data["send_at"] = None
        else:
            when = parse_local(text, self.clock.now(), self.people.config.zone)
            if when is None:
                raise Refusal("bad_time")
            if when <= self.clock.now():
                raise Refusal("time_in_past")
            flow.data["send_at"] = utcnow_iso(when)
        flow.step = "confirm"
        return await self._save(flow)

    async def ask_time(self, telegram_id: int) -> Flow:
        flow = await self._at(telegram_id, "preview")
        flow.step = "schedule"
        return await self._save(flow)

    async def draft(self, telegram_id: int) -> Draft:
        flow = await self._at(telegram_id, "preview", "schedule", "confirm", "audience_pick")
        d = flow.data
        send_at = d.get("send_at")
        return Draft(
            text_ky=d.get("text_ky"),
            text_ru=d.get("text_ru"),
            attachment_kind=d.get("attachment_kind"),
            attachment_file_id=d.get("attachment_file_id"),
            recipients=len(await self._recipients(flow)),
            send_at=datetime.fromisoformat(send_at) if send_at else None,
        )

    async def confirm(self, telegram_id: int) -> Broadcast:
        flow = await self._at(telegram_id, "confirm")
        actor = await self.people.require_staff(telegram_id)
        chat_ids = await self._recipients(flow, actor)
        if not chat_ids:
            raise Refusal("no_recipients")
        d = flow.data
        if d.get("send_at") and datetime.fromisoformat(d["send_at"]) <= self.clock.now():
            flow.step = "schedule"
            await self._save(flow)
            raise Refusal("time_in_past")
        send_at = d.get("send_at") or self.now()
        author = actor.user or await users_repo.ensure(
            self.db, telegram_id, str(telegram_id), self.now()
        )
        async with self.db.transaction():
            broadcast_id = await repo.create(
                self.db,
                author_id=author.id,
                text_ky=d.get("text_ky"),
                text_ru=d.get("text_ru"),
                attachment_kind=d.get("attachment_kind"),
                attachment_file_id=d.get("attachment_file_id"),
                attachment_name=d.get("attachment_name"),
                audience=d["audience"],
                send_at=send_at,
                total=len(chat_ids),
                created_at=self.now(),
            )
            await self.outbox.enqueue_broadcast(
                broadcast_id, chat_ids, datetime.fromisoformat(send_at)
            )
            await flows.clear(self.db, telegram_id)
        log.info(
            "broadcast %s to %s recipients confirmed by user %s, sending at %s",
            broadcast_id, len(chat_ids), author.id, send_at,
        )  # fmt: skip
        found = await repo.get(self.db, broadcast_id)
        assert found is not None
        return found

    async def _recipients(self, flow: Flow, actor: Actor | None = None) -> list[int]:
        actor = actor or await self.people.require_staff(flow.telegram_id)
        return await self.audiences.chat_ids(actor, flow.data.get("audience"))

    async def _require_reach(self, flow: Flow) -> None:
        if not await self._recipients(flow):
            raise Refusal("no_recipients")

    async def options(self, telegram_id: int, kind: str) -> list[Option]:
        actor = await self.people.require_staff(telegram_id)
        return await self.audiences.options(actor, kind)
