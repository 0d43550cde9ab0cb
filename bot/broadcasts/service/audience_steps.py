"""The broadcast wizard's audience steps: places (paged, or found by typing), then, from the
preview, narrowed by positions and by what members did at one seminar or competition.

Steps: "audience" (the kinds) → "audience_pick" (the places) → "preview"; from the preview,
"narrow" offers "positions_pick", or "event_pick" → "behaviour_pick" for a seminar or
competition the author may manage in the broadcast's programme. Every choice is checked against
what the selector offers this person, so a forged or old button changes nothing.
"""

from __future__ import annotations

from bot.core.audience.behaviour import BEHAVIOURS, EVENT_OF, Event
from bot.core.audience.repo import Option
from bot.core.audience.service import (
    Audience,
    Audiences,
    Narrowed,
    empty,
    find,
    with_programme,
)
from bot.core.errors import Refusal
from bot.core.fields import text_value
from bot.core.flows import Flow
from bot.core.people import Actor, People
from bot.core.wizard import Wizard

MAX_QUERY = 100
SEARCH_STEP = "audience_pick"
_MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    "open": (("preview",), "narrow"),
    "back": (("narrow",), "preview"),
    "restart": (("narrow", "event_pick", "behaviour_pick"), "audience"),
    "positions": (("narrow",), "positions_pick"),
}
"""The narrowing menu's moves: from which steps to which."""


class AudienceSteps(Wizard):
    """Inherited by the broadcast wizard; `audience` in the flow's data is an `Audience`."""

    people: People
    audiences: Audiences

    async def choose_kind(self, telegram_id: int, kind: str) -> Flow:
        """A kind starts the audience afresh: no places, positions or behaviour yet."""
        flow = await self._at(telegram_id, "audience", "audience_pick", "preview", "narrow")
        flow.data["audience"] = self._fresh(flow, kind)
        flow.data.pop("query", None)
        flow.step = "audience_pick" if kind != "all" else "preview"
        if kind == "all":
            await self._require_reach(flow)
        return await self._save(flow)

    async def toggle(self, telegram_id: int, value: str) -> Flow:
        """Only values the selector offers this person can be chosen; anything else is stale."""
        flow = await self._at(telegram_id, "audience_pick", "positions_pick")
        actor = await self._actor(telegram_id, flow)
        if flow.step == "positions_pick":
            await self.audiences.toggle_position(actor, flow.data["audience"], value)
        else:
            await self.audiences.toggle(actor, flow.data["audience"], value)
        return await self._save(flow)

    async def search(self, telegram_id: int, text: str | None) -> Flow:
        """Typed text on the places list looks for a place; None shows the whole list again."""
        flow = await self._at(telegram_id, SEARCH_STEP)
        if text is None:
            flow.data.pop("query", None)
        else:
            flow.data["query"] = text_value(text, MAX_QUERY)
        return await self._save(flow)

    async def page(self, telegram_id: int) -> Flow:
        return await self._at(telegram_id, "audience_pick", "positions_pick")

    async def audience_done(self, telegram_id: int) -> Flow:
        flow = await self._at(telegram_id, "audience_pick", "positions_pick")
        await self._require_reach(flow)
        flow.data.pop("query", None)
        flow.step = "preview"
        return await self._save(flow)

    async def options(self, telegram_id: int, kind: str | None = None) -> list[Option]:
        """The picker's choices, within the author's limit and the programme's reach: the
        places of the audience's kind (or what the typed search found), or the positions."""
        flow = await self._at(telegram_id)
        actor = await self._actor(telegram_id, flow)
        if flow.step == "positions_pick":
            return await self.audiences.options(actor, "positions", _programme_of(flow))
        kind = kind or flow.data["audience"]["kind"]
        found = await self.audiences.options(actor, kind, _programme_of(flow))
        query = flow.data.get("query")
        return find(found, query) if query else found

    async def narrow(self, telegram_id: int, action: str) -> Flow:
        """From the preview: the ways to narrow ("open"), back to the preview ("back"), the
        audience chosen again ("restart"), or the positions picker ("positions")."""
        if action not in _MOVES:
            raise Refusal("stale")
        before, after = _MOVES[action]
        flow = await self._at(telegram_id, *before)
        if action == "positions" and flow.data["audience"]["kind"] == "positions":
            raise Refusal("stale")
        flow.step = after
        return await self._save(flow)

    async def event_kind(self, telegram_id: int, kind: str) -> Flow:
        """The seminars or competitions to choose from; from the kinds, for all members."""
        flow = await self._at(telegram_id, "audience", "narrow", "event_pick")
        if kind not in BEHAVIOURS:
            raise Refusal("stale")
        if flow.step == "audience":
            flow.data["audience"] = self._fresh(flow, "all")
        flow.data["event_kind"] = kind
        flow.step = "event_pick"
        return await self._save(flow)

    async def events(self, telegram_id: int) -> list[Event]:
        flow = await self._at(telegram_id, "event_pick")
        actor = await self._actor(telegram_id, flow)
        return await self.audiences.events(actor, flow.data["event_kind"], _programme_of(flow))

    async def choose_event(self, telegram_id: int, value: str) -> Flow:
        """Only one of `events`; another programme's, a cancelled or a forged one is refused."""
        flow = await self._at(telegram_id, "event_pick")
        if not value.isdigit():
            raise Refusal("stale")
        await self._event(flow, int(value))
        flow.data["event_id"] = int(value)
        flow.step = "behaviour_pick"
        return await self._save(flow)

    async def event(self, telegram_id: int) -> Event:
        flow = await self._at(telegram_id, "behaviour_pick")
        return await self._event(flow, int(flow.data["event_id"]))

    async def choose_behaviour(self, telegram_id: int, kind: str) -> Flow:
        """The behaviour narrows the audience; an empty result still goes to the preview,
        which says why and offers no way to send."""
        flow = await self._at(telegram_id, "behaviour_pick")
        event = await self._event(flow, int(flow.data["event_id"]))
        if kind not in BEHAVIOURS[event.kind]:
            raise Refusal("stale")
        flow.data["audience"]["behaviour"] = {"kind": kind, "id": event.id}
        flow.step = "preview"
        return await self._save(flow)

    async def _event(self, flow: Flow, event_id: int) -> Event:
        actor = await self._actor(flow.telegram_id, flow)
        kind = flow.data.get("event_kind", "")
        return await self.audiences.event(actor, kind, event_id, _programme_of(flow))

    def _fresh(self, flow: Flow, kind: str) -> Audience:
        audience = empty(kind)
        programme_id = _programme_of(flow)
        return audience if programme_id is None else with_programme(audience, programme_id)

    async def _actor(self, telegram_id: int, flow: Flow) -> Actor:
        """The author as staff of the broadcast's programme, with that programme's limit."""
        actor = await self.people.require_staff(telegram_id)
        programme_id = _programme_of(flow)
        return actor if programme_id is None else actor.within(programme_id)

    async def _narrowed(self, flow: Flow) -> tuple[Narrowed, Event | None, str | None]:
        """What the preview says of the audience: how each part narrowed it, the seminar or
        competition a behaviour names, and why it leaves nobody (None while someone is left)."""
        audience: Audience = flow.data.get("audience") or empty("all")
        actor = await self._actor(flow.telegram_id, flow)
        narrowed = await self.audiences.narrowed(actor, audience)
        chosen = audience.get("behaviour")
        if chosen is None:
            return narrowed, None, None
        kind = EVENT_OF.get(chosen["kind"], "")
        event = await self.audiences.event(actor, kind, int(chosen["id"]), _programme_of(flow))
        why = await self.audiences.why_empty(chosen) if not narrowed.total else None
        return narrowed, event, why

    async def _recipients(self, flow: Flow) -> list[int]:
        actor = await self._actor(flow.telegram_id, flow)
        return await self.audiences.chat_ids(actor, flow.data.get("audience"))

    async def _require_reach(self, flow: Flow) -> None:
        if not await self._recipients(flow):
            raise Refusal("no_recipients")


def _programme_of(flow: Flow) -> int | None:
    found = flow.data.get("programme")
    return int(found) if found is not None else None
