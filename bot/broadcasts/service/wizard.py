"""The /broadcast wizard's rules: a draft kept in the flows table, then one outbox row each.

A broadcast belongs to one programme: someone who may send in several chooses it first; with
one, it is taken without a question. The audience is limited to the municipalities the
programme reaches and leaves out the members who muted it.

The audience is resolved when the coordinator confirms; every recipient's row is written in one
transaction with the chosen `not_before`, so a scheduled broadcast is just rows waiting in the
database, and a restart neither loses nor repeats it.

The console's form gives every field at once (`compose`, then `send`): the same checks, the same
preview and the same confirmation, with no draft kept in the flows table.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.broadcasts import repo
from bot.broadcasts.repo import Broadcast
from bot.broadcasts.service.audience import named
from bot.broadcasts.service.audience_steps import AudienceSteps
from bot.broadcasts.service.compose import Composition, new_key, spend, typed_text
from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.audience.behaviour import Event
from bot.core.audience.repo import Option
from bot.core.audience.service import Audience, Audiences, Narrowed, empty, with_programme
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import People
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.core.quicktimes import Pick, choose, soon, typed, unsure
from bot.core.quiet import after_quiet
from bot.core.texts import note_room, telegram_length
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
    programme_id: int | None = None
    audience_kind: str = "all"
    audience_names: tuple[Option, ...] = ()
    """The chosen places, clusters or positions, to name the audience on the preview."""
    narrowed: Narrowed | None = None
    """How many each part leaves, when positions or a behaviour narrow the places."""
    positions: tuple[str, ...] = ()
    behaviour: str | None = None
    event: Event | None = None
    """The seminar or competition the behaviour is about."""
    why_empty: str | None = None
    """Why nobody is left (a code of `Audiences.why_empty`), when a behaviour empties it."""
    goes_at: datetime | None = None
    """When a scheduled broadcast really goes, if quiet hours move it."""


class BroadcastWizard(AudienceSteps):
    flow_name = FLOW

    @classmethod
    def answers(cls, flow: Flow) -> int:
        """The texts, the attachment and the audience chosen so far."""
        d = flow.data
        given = [d.get("text_ky"), d.get("text_ru"), d.get("attachment_file_id"), d.get("audience")]
        return sum(1 for value in given if value) + (1 if d.get("send_at") else 0)

    def __init__(self, outbox: Outbox, people: People) -> None:
        self.outbox = outbox
        self.people = people
        self.db = outbox.db
        self.clock = outbox.clock
        self.audiences = Audiences(self.db, self.clock)
        self.programmes = Programmes(self.db, people)

    async def begin(self, telegram_id: int, programme_id: int | None = None) -> Flow:
        """The programme step comes first only for someone who may send in several; a
        script may name the programme at once."""
        actor = await self.people.require_staff(telegram_id)
        if programme_id is None and len(await self.programmes.open_to(actor)) > 1:
            return await self._save(Flow(telegram_id, FLOW, "programme", {}))
        programme = await self.programmes.pick(actor, programme_id)
        return await self._save(Flow(telegram_id, FLOW, "text_ky", {"programme": programme.id}))

    async def begin_with(self, telegram_id: int, audience: Audience) -> Flow:
        """The wizard with its audience already chosen by another screen ("message them" on a
        coverage line): the programme is the audience's, and every part of it must be one this
        person could have chosen in the selector. The texts are asked, then the preview."""
        ready = await self.ready_audience(telegram_id, audience)
        data = {"programme": ready["programme"], "audience": ready, "audience_given": True}
        return await self._save(Flow(telegram_id, FLOW, "text_ky", data))

    async def choose_programme(self, telegram_id: int, programme_id: int) -> Flow:
        """Only a programme open to this person can be chosen: a forged id is not allowed."""
        flow = await self._at(telegram_id, "programme")
        actor = await self.people.require_staff(telegram_id)
        flow.data["programme"] = (await self.programmes.pick(actor, programme_id)).id
        flow.step = "text_ky"
        return await self._save(flow)

    async def programme_choices(self, telegram_id: int) -> list[Programme]:
        """The programmes offered at the first step."""
        return await self.programmes.open_to(await self.people.require_staff(telegram_id))

    async def text(self, telegram_id: int, html: str, length: int) -> Flow:
        flow = await self._at(telegram_id, "text_ky", "text_ru")
        # a text that may go out alone leaves room for the note saying it is in one language
        alone = flow.step == "text_ky" or not flow.data.get("text_ky")
        await self._check_length(flow, length, alone)
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
            flow.step = _after_attachment(flow)
        return await self._save(flow)

    async def attach(self, telegram_id: int, kind: str, file_id: str, name: str | None) -> Flow:
        flow = await self._at(telegram_id, "attachment")
        longest = max(flow.data.get("length_ky", 0), flow.data.get("length_ru", 0))
        alone = not (flow.data.get("text_ky") and flow.data.get("text_ru"))
        limit = MAX_CAPTION - await self._label_room(flow) - (note_room() if alone else 0)
        if longest > limit:
            raise Refusal("caption_too_long", limit=limit, length=longest)
        flow.data.update(attachment_kind=kind, attachment_file_id=file_id, attachment_name=name)
        flow.step = _after_attachment(flow)
        return await self._save(flow)

    async def when(self, telegram_id: int, text: str | None) -> Flow:
        """None sends now; otherwise a typed Bishkek time, which must be in the future. A time
        not read for certain raises Unsure, to be shown back for a yes."""
        flow = await self._at(telegram_id, "preview", "schedule")
        await self._require_reach(flow)
        if text is None:
            flow.data["send_at"] = None
        else:
            now, zone = self.clock.now(), self.people.config.zone
            reading = typed(text, now, zone)
            if reading.when <= now:
                raise Refusal("time_in_past")
            unsure(reading, now, zone)
            flow.data["send_at"] = utcnow_iso(reading.when)
        flow.step = "confirm"
        return await self._save(flow)

    async def at(self, telegram_id: int, when: datetime) -> Flow:
        """A quick pick, or the yes to a time read back; only at the time question."""
        flow = await self._at(telegram_id, "schedule")
        if when <= self.clock.now():
            raise Refusal("time_in_past")
        flow.data["send_at"] = utcnow_iso(when)
        flow.step = "confirm"
        return await self._save(flow)

    def picks(self) -> list[Pick]:
        """Today 18:00, tomorrow 09:00, Monday 09:00, those still ahead."""
        now, zone = self.clock.now(), self.people.config.zone
        return choose(soon(now, zone), now, zone)

    async def ask_time(self, telegram_id: int) -> Flow:
        flow = await self._at(telegram_id, "preview")
        await self._require_reach(flow)
        flow.step = "schedule"
        return await self._save(flow)

    async def draft(self, telegram_id: int) -> Draft:
        flow = await self._at(telegram_id, "preview", "schedule", "confirm", "audience_pick")
        return await self._draft(flow)

    async def _draft(self, flow: Flow) -> Draft:
        d = flow.data
        send_at = d.get("send_at")
        audience: Audience = d.get("audience") or empty("all")
        chosen = audience.get("behaviour")
        narrowed, event, why = await self._narrowed(flow)
        wanted = datetime.fromisoformat(send_at) if send_at else None
        goes = after_quiet(wanted, self.people.config) if wanted else None
        return Draft(
            goes_at=goes if goes != wanted else None,
            text_ky=d.get("text_ky"),
            text_ru=d.get("text_ru"),
            attachment_kind=d.get("attachment_kind"),
            attachment_file_id=d.get("attachment_file_id"),
            recipients=narrowed.total,
            send_at=datetime.fromisoformat(send_at) if send_at else None,
            programme_id=_programme_of(flow),
            audience_kind=audience["kind"],
            audience_names=tuple(await named(self.db, audience, _programme_of(flow))),
            narrowed=narrowed,
            positions=tuple(audience.get("positions") or ()),
            behaviour=chosen["kind"] if chosen else None,
            event=event,
            why_empty=why,
        )

    async def confirm(self, telegram_id: int) -> Broadcast:
        flow = await self._at(telegram_id, "confirm")
        d = flow.data
        if d.get("send_at") and datetime.fromisoformat(d["send_at"]) <= self.clock.now():
            flow.step = "schedule"
            await self._save(flow)
            raise Refusal("time_in_past")
        return await self._create(flow, lambda: flows.clear(self.db, telegram_id))

    async def _create(self, flow: Flow, first: Callable[[], Awaitable[object]]) -> Broadcast:
        """The broadcast and one outbox row per recipient, in one transaction that begins
        with `first` (the chat clears its draft; the console takes its form's key)."""
        telegram_id = flow.telegram_id
        staff = await self.people.require_staff(telegram_id)
        programme_id = (await self.programmes.pick(staff, _programme_of(flow))).id
        actor = staff.within(programme_id)
        audience: Audience = with_programme(flow.data["audience"], programme_id)
        chat_ids = await self.audiences.chat_ids(actor, audience)
        if not chat_ids:
            raise Refusal("no_recipients")
        d = flow.data
        scheduled = d.get("send_at")
        # quiet hours hold back what was scheduled; "now" means now, whatever the hour
        send_at = (
            utcnow_iso(after_quiet(datetime.fromisoformat(scheduled), self.people.config))
            if scheduled
            else self.now()
        )
        author = actor.user or await users_repo.ensure(
            self.db, telegram_id, str(telegram_id), self.now()
        )
        async with self.db.transaction():
            await first()
            broadcast_id = await repo.create(
                self.db,
                author_id=author.id,
                text_ky=d.get("text_ky"),
                text_ru=d.get("text_ru"),
                attachment_kind=d.get("attachment_kind"),
                attachment_file_id=d.get("attachment_file_id"),
                attachment_name=d.get("attachment_name"),
                audience=audience,
                send_at=send_at,
                total=len(chat_ids),
                created_at=self.now(),
                programme_id=programme_id,
            )
            await self.outbox.enqueue_broadcast(
                broadcast_id, chat_ids, datetime.fromisoformat(send_at), programme_id=programme_id
            )
            await audit.record(
                self.db,
                author.id,
                "broadcast_confirmed",
                "broadcast",
                broadcast_id,
                f"{len(chat_ids)} · {send_at}",
            )
        log.info(
            "broadcast %s (programme %s) to %s recipients confirmed by user %s, sending at %s",
            broadcast_id, programme_id, len(chat_ids), author.id, send_at,
        )  # fmt: skip
        found = await repo.get(self.db, broadcast_id)
        assert found is not None
        return found

    async def ready_audience(self, telegram_id: int, audience: Audience) -> Audience:
        """An audience built outside the chat's selector (a form, a "message these people"
        link), in its programme: every part must be one this person could have chosen."""
        actor = await self.people.require_staff(telegram_id)
        programme = await self.programmes.pick(actor, audience.get("programme"))
        ready = with_programme(audience, programme.id)
        await self.audiences.check(actor.within(programme.id), ready)
        return ready

    async def choices(self, telegram_id: int, programme_id: int, kind: str) -> list[Option]:
        """What a form's selector offers in a programme: the places of `kind`, or the
        positions, within this person's limit and the programme's reach."""
        actor = (await self.people.require_staff(telegram_id)).within(programme_id)
        return await self.audiences.options(actor, kind, programme_id)

    def send_key(self) -> str:
        """A key for one preview's Send (see `send`)."""
        return new_key(self.clock.now())

    async def compose(self, telegram_id: int, given: Composition) -> Draft:
        """The whole broadcast at once (the console's form), checked as the chat checks it step
        by step, and previewed the same way; no draft is kept."""
        return await self._draft(await self._composed(telegram_id, given))

    async def send(self, telegram_id: int, given: Composition, key: str) -> Broadcast:
        """What `confirm` does, for a form: `key` (from `send_key`) is taken in the same
        transaction, so the same form sent twice makes one broadcast ("already_sent")."""
        flow = await self._composed(telegram_id, given)
        now = self.clock.now()
        return await self._create(flow, lambda: spend(self.db, telegram_id, key, now))

    async def _composed(self, telegram_id: int, given: Composition) -> Flow:
        """The form's fields as the chat's draft at its last step, after the chat's checks."""
        audience = await self.ready_audience(telegram_id, given.audience)
        flow = Flow(telegram_id, FLOW, "confirm", {"programme": audience["programme"]})
        texts = {"ky": typed_text(given.text_ky), "ru": typed_text(given.text_ru)}
        if not any(texts.values()):
            raise Refusal("no_text")
        for lang, given_text in texts.items():
            if given_text is not None:
                await self._check_length(flow, given_text[1], alone=not all(texts.values()))
                flow.data[f"text_{lang}"], flow.data[f"length_{lang}"] = given_text
        if given.send_at is not None and given.send_at <= self.clock.now():
            raise Refusal("time_in_past")
        flow.data["audience"] = audience
        flow.data["send_at"] = utcnow_iso(given.send_at) if given.send_at else None
        return flow

    async def _check_length(self, flow: Flow, length: int, alone: bool) -> None:
        """Telegram's limit, less the programme's label and, for a text that may go out
        alone, the note saying it is in one language."""
        limit = MAX_TEXT - await self._label_room(flow) - (note_room() if alone else 0)
        if length > limit:
            raise Refusal("text_too_long", limit=limit, length=length)

    async def _label_room(self, flow: Flow) -> int:
        """What the programme's label takes of Telegram's limit when there are several
        programmes (it is added to every message at send time, in the reader's language)."""
        self.programmes.forget()
        programme = await self.programmes.label(_programme_of(flow))
        if programme is None:
            return 0
        names = (programme.name(lang) for lang in ("ky", "ru", "en"))
        return max(telegram_length(f"📌 {name}\n") for name in names)


def _programme_of(flow: Flow) -> int | None:
    found = flow.data.get("programme")
    return int(found) if found is not None else None


def _after_attachment(flow: Flow) -> str:
    """An audience given by another screen (`begin_with`) skips the audience question."""
    return "preview" if flow.data.get("audience_given") else "audience"
