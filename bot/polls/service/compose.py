"""The poll wizard's end: the preview with its reach, and sending.

Sending writes the poll, who is asked, and every push in one transaction: the question now for
each recipient, and the reminder as rows due at its time. The reminder is checked when it goes
(bot.polls.pushes), so it reaches only those who have not answered by then, and a restart
neither loses nor repeats it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.broadcasts.service.audience import named
from bot.broadcasts.service.wizard import Draft as Reach
from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.audience.service import Audience, empty, with_programme
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.quicktimes import Pick, choose, soon, typed
from bot.core.quiet import after_quiet
from bot.db import utcnow_iso
from bot.delivery.outbox import Push
from bot.polls import repo
from bot.polls.repo import Poll, Question
from bot.polls.service.wizard import PollWizard, programme_of

log = logging.getLogger(__name__)
KIND = "poll"


@dataclass(frozen=True)
class PollDraft:
    questions: tuple[Question, ...]
    anonymous: bool
    closes_at: datetime
    reach: Reach
    """The audience as the broadcast's preview names it, with its count."""
    remind_at: datetime | None
    """When the reminder goes (after quiet hours); None: no reminder."""
    send_at: datetime | None = None
    """The later time chosen to send it; None: now."""
    goes_at: datetime | None = None
    """When a scheduled poll really goes, if quiet hours move it."""


def questions_of(flow: Flow) -> tuple[Question, ...]:
    return tuple(_question(n, q) for n, q in enumerate(flow.data.get("questions") or []))


def _question(n: int, q: dict[str, Any]) -> Question:
    ky, ru = q.get("options_ky") or [], q.get("options_ru") or []
    options = []
    for i in range(max(len(ky), len(ru))):
        option = {"ky": ky[i]} if ky else {}
        if ru:
            option["ru"] = ru[i]
        options.append(option)
    return Question(n, q.get("ky"), q.get("ru"), q["kind"], tuple(options),
                    q.get("min"), q.get("max"))  # fmt: skip


class PollComposer(PollWizard):
    def send_picks(self) -> list[Pick]:
        """Today 18:00, tomorrow 09:00, Monday 09:00, those still ahead."""
        now, zone = self.clock.now(), self.people.config.zone
        return choose(soon(now, zone), now, zone)

    async def ask_time(self, telegram_id: int) -> Flow:
        flow = await self._at(telegram_id, "preview")
        flow.step = "schedule"
        return await self._save(flow)

    async def schedule(self, telegram_id: int, when: datetime | str) -> Flow:
        """A later time to send, before the close; back to the preview."""
        flow = await self._at(telegram_id, "schedule")
        now = self.clock.now()
        if isinstance(when, str):
            when = typed(when, now, self.people.config.zone).when
        if when <= now:
            raise Refusal("time_in_past")
        if when >= datetime.fromisoformat(flow.data["closes_at"]):
            raise Refusal("poll_send_after_close")
        flow.data["send_at"] = utcnow_iso(when)
        flow.step = "preview"
        return await self._save(flow)

    def _goes(self, flow: Flow) -> tuple[datetime | None, datetime]:
        """The time asked for (None: now), and when it really goes, after quiet hours."""
        send_at = flow.data.get("send_at")
        if not send_at:
            return None, self.clock.now()
        wanted = datetime.fromisoformat(send_at)
        return wanted, after_quiet(wanted, self.people.config)

    def remind_time(self, goes: datetime, closes: datetime, hours: int) -> datetime | None:
        """`hours` before the close, moved past quiet hours; none when that is the close, or
        not after the poll goes."""
        if not hours:
            return None
        at = after_quiet(closes - timedelta(hours=hours), self.people.config)
        return at if goes < at < closes else None

    async def draft(self, telegram_id: int) -> PollDraft:
        flow = await self._at(telegram_id, "preview")
        closes = datetime.fromisoformat(flow.data["closes_at"])
        wanted, goes = self._goes(flow)
        return PollDraft(
            send_at=wanted,
            goes_at=goes if wanted is not None and goes != wanted else None,
            questions=questions_of(flow),
            anonymous=bool(flow.data.get("anonymous")),
            closes_at=closes,
            remind_at=self.remind_time(goes, closes, int(flow.data.get("remind") or 0)),
            reach=await self._reach(flow),
        )

    async def _reach(self, flow: Flow) -> Reach:
        """The broadcast preview's account of the audience: names, and how each part
        narrowed it."""
        audience: Audience = flow.data.get("audience") or empty("all")
        programme_id = programme_of(flow)
        chosen = audience.get("behaviour")
        narrowed, event, why = await self._narrowed(flow)
        return Reach(
            text_ky=None, text_ru=None, attachment_kind=None, attachment_file_id=None,
            recipients=narrowed.total, send_at=None, programme_id=programme_id,
            audience_kind=audience["kind"],
            audience_names=tuple(await named(self.db, audience, programme_id)),
            narrowed=narrowed, positions=tuple(audience.get("positions") or ()),
            behaviour=chosen["kind"] if chosen else None, event=event, why_empty=why,
        )  # fmt: skip

    async def send(self, telegram_id: int) -> Poll:
        """The poll goes now; a close that passed while the preview was open is refused."""
        flow = await self._at(telegram_id, "preview")
        d = flow.data
        closes = datetime.fromisoformat(d["closes_at"])
        now = self.clock.now()
        wanted, goes = self._goes(flow)
        if closes <= now or (wanted is not None and wanted <= now):
            flow.step = "closes" if closes <= now else "schedule"
            await self._save(flow)
            raise Refusal("time_in_past")
        if goes >= closes:
            raise Refusal("poll_send_after_close")
        staff = await self.people.require_staff(telegram_id)
        programme_id = (await self.programmes.pick(staff, programme_of(flow))).id
        actor = staff.within(programme_id)
        audience = with_programme(d["audience"], programme_id)
        chat_ids = await self.audiences.chat_ids(actor, audience)
        if not chat_ids:
            raise Refusal("no_recipients")
        author = actor.user or await users_repo.ensure(
            self.db, telegram_id, str(telegram_id), self.now()
        )
        remind_at = self.remind_time(goes, closes, int(d.get("remind") or 0))
        values = {"programme_id": programme_id, "author_id": author.id,
                  "anonymous": bool(d.get("anonymous")), "audience": audience,
                  "total": len(chat_ids), "sent_at": utcnow_iso(goes),
                  "closes_at": utcnow_iso(closes),
                  "remind_at": utcnow_iso(remind_at) if remind_at else None}  # fmt: skip
        async with self.db.transaction():
            await flows.clear(self.db, telegram_id)
            poll_id = await repo.create(self.db, values, questions_of(flow))
            await repo.add_recipients(self.db, poll_id, chat_ids)
            await self.outbox.enqueue_many(
                _pushes(poll_id, chat_ids, goes, closes, remind_at), programme_id=programme_id
            )
            await audit.record(self.db, author.id, "poll_sent", "poll", poll_id,
                               f"{len(chat_ids)} · {values['closes_at']}")  # fmt: skip
        log.info("poll %s (programme %s) sent to %s recipients by user %s",
                 poll_id, programme_id, len(chat_ids), author.id)  # fmt: skip
        found = await repo.get(self.db, poll_id)
        assert found is not None
        return found


def _pushes(
    poll_id: int, chat_ids: list[int], goes: datetime, closes: datetime,
    remind_at: datetime | None,
) -> list[Push]:  # fmt: skip
    """The question for each when it goes, and the reminder at its time; both expire at the
    close."""
    params = {"poll_id": poll_id}
    found = [Push(f"poll:{poll_id}:ask:{chat}", chat, "poll_ask", params, not_before=goes,
                  kind=KIND, expires_at=closes) for chat in chat_ids]  # fmt: skip
    if remind_at is not None:
        found += [Push(f"poll:{poll_id}:remind:{chat}", chat, "poll_remind", params,
                       not_before=remind_at, kind=KIND, expires_at=closes)
                  for chat in chat_ids]  # fmt: skip
    return found
