"""The audience selector that broadcasts, seminars and competitions share: all members, or chosen
regions, districts, municipalities, clusters or positions, never wider than the coordinator's own
regions; for broadcasts also narrowed by positions and by what members did at one seminar or
competition ("AO heads in Naryn who have not answered the invitation")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NotRequired, TypedDict

from rapidfuzz import process

from bot.clock import Clock
from bot.core.audience import behaviour as behaviour_repo
from bot.core.audience import repo
from bot.core.audience.behaviour import BEHAVIOURS, EVENT_OF, Event
from bot.core.audience.repo import Narrowing, Option
from bot.core.errors import NotAllowed, Refusal
from bot.core.people import Actor
from bot.core.places.search import MIN_SCORE, fold, score
from bot.db import Database, utcnow_iso

KINDS = ("all", "regions", "districts", "municipalities", "clusters", "positions")


class Behaviour(TypedDict):
    """What members did at one seminar or competition (`kind` is one of `BEHAVIOURS`)."""

    kind: str
    id: int


class Audience(TypedDict):
    """Who a broadcast, seminar or competition is for, as stored with it. Audiences stored
    before `positions` and `behaviour` existed simply have neither."""

    kind: str
    values: list[str | int]
    """Ids of the chosen places or clusters, or position codes (stored data has both ints and
    the text the selector's buttons carry)."""
    within: NotRequired[list[int]]
    """A region-limited author's regions, so members who come later stay inside them."""
    programme: NotRequired[int]
    """The programme it belongs to: only the municipalities it reaches, and not the members
    who muted it (see `with_programme`)."""
    positions: NotRequired[list[str]]
    """Only members in these positions, inside the places chosen."""
    behaviour: NotRequired[Behaviour]
    """Only members who did (or did not do) something at one seminar or competition."""


@dataclass(frozen=True)
class Narrowed:
    """Recipients after each part of an audience, for the preview: the places, then the
    positions (None when not narrowed by them), then the behaviour (None likewise)."""

    places: int
    positions: int | None
    behaviour: int | None

    @property
    def total(self) -> int:
        found = [self.places, self.positions, self.behaviour]
        return next(n for n in reversed(found) if n is not None)


def with_programme(audience: Audience, programme_id: int) -> Audience:
    return {**audience, "programme": programme_id}


def empty(kind: str) -> Audience:
    if kind not in KINDS:
        raise Refusal("stale")
    return {"kind": kind, "values": []}


def _values(audience: Audience) -> list[str | int]:
    values = audience.get("values") or []
    if audience["kind"] in ("all", "positions"):
        return list(values)
    return [int(v) for v in values]


def find(options: list[Option], query: str) -> list[Option]:
    """The options whose name in any language matches what was typed, best first, with the
    search registration uses for municipalities (Latin or Cyrillic, typos forgiven); when none
    is close, the nearest ones."""
    needle = fold(query)
    if not needle:
        return list(options)
    scored = []
    for option in options:
        value, names = option
        keys = [value] if names is None else [names["name_ky"], names["name_ru"], names["name_en"]]
        best = process.extractOne(needle, [fold(k) for k in keys], scorer=score)
        scored.append((best[1] if best else 0.0, option))
    scored.sort(key=lambda pair: -pair[0])
    strong = [option for found, option in scored if found >= MIN_SCORE]
    return strong or [option for found, option in scored if found >= MIN_SCORE * 0.6][:3]


def may_manage(actor: Actor, event: Event) -> bool:
    """As seminars and competitions decide it: staff of the event's programme; of them,
    admins, its author, and coordinators without a region limit in that programme."""
    return actor.manages(event.programme_id, event.created_by)


class Audiences:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def options(
        self, actor: Actor, kind: str, programme_id: int | None = None
    ) -> list[Option]:
        return await repo.options(self.db, kind, list(actor.region_ids), programme_id)

    async def toggle(self, actor: Actor, audience: Audience, value: str) -> None:
        """Only values the selector offers this person can be chosen; anything else is stale."""
        offered = {v for v, _ in await self.options(actor, audience["kind"], _programme(audience))}
        if value not in offered:
            raise Refusal("stale")
        values = audience["values"]
        if value in values:
            values.remove(value)
        else:
            values.append(value)

    async def toggle_position(self, actor: Actor, audience: Audience, value: str) -> None:
        """A position narrowing a place audience; only the positions offered, like `toggle`."""
        offered = {v for v, _ in await self.options(actor, "positions", _programme(audience))}
        if value not in offered:
            raise Refusal("stale")
        positions = audience.setdefault("positions", [])
        if value in positions:
            positions.remove(value)
        else:
            positions.append(value)
        if not positions:
            del audience["positions"]

    async def chat_ids(self, actor: Actor, audience: Audience | None) -> list[int]:
        """Announcement readers: muted members are left out."""
        audience = audience or {"kind": "all", "values": []}
        return await repo.chat_ids(
            self.db, audience["kind"], _values(audience), list(actor.region_ids),
            programme_id=_programme(audience), narrow=self._narrowing(audience),
        )  # fmt: skip

    async def narrowed(self, actor: Actor, audience: Audience) -> Narrowed:
        """How many each part of the audience leaves, in the order the preview names them."""
        places: Audience = {**audience}
        positions, chosen = places.pop("positions", None), places.pop("behaviour", None)
        count = len(await self.chat_ids(actor, places))
        by_position = by_behaviour = None
        if positions:
            by_position = len(await self.chat_ids(actor, {**places, "positions": positions}))
        if chosen is not None:
            by_behaviour = len(await self.chat_ids(actor, audience))
        return Narrowed(count, by_position, by_behaviour)

    async def members(self, actor: Actor | None, audience: Audience) -> list[tuple[int, int]]:
        """Invitees, muted or not: an invitation is about the member's own business."""
        regions = list(actor.region_ids) if actor and actor.region_ids else _within(audience)
        return await repo.members(
            self.db, audience["kind"], _values(audience), regions,
            programme_id=_programme(audience), narrow=self._narrowing(audience),
        )  # fmt: skip

    async def reaches(self, audience: Audience, user_id: int) -> bool:
        """`within` keeps a region-limited author's limit for members who come later."""
        return await repo.reaches(
            self.db, audience["kind"], _values(audience), user_id, _within(audience),
            _programme(audience), self._narrowing(audience),
        )  # fmt: skip

    async def events(self, actor: Actor, kind: str, programme_id: int | None) -> list[Event]:
        """The seminars or competitions of the programme this person may manage."""
        if kind not in BEHAVIOURS:
            raise Refusal("stale")
        found = await behaviour_repo.events(self.db, kind, programme_id)
        return [event for event in found if may_manage(actor, event)]

    async def event(
        self, actor: Actor, kind: str, event_id: int, programme_id: int | None
    ) -> Event:
        """One of `events`: another programme's or a cancelled one is stale, one this person
        may not manage is not allowed, whatever button was pressed."""
        found = await behaviour_repo.event(self.db, kind, event_id) if kind in BEHAVIOURS else None
        if found is None or found.programme_id != programme_id:
            raise Refusal("stale")
        if not may_manage(actor, found):
            raise NotAllowed
        return found

    async def why_empty(self, chosen: Behaviour) -> str:
        """Why a behaviour leaves nobody, as a code the views word: the seminar has not ended
        (or started), the results are not out, or nobody did it at all; "narrowed" when some
        did but none of them is in the places, positions or reach chosen."""
        kind, event_id = chosen["kind"], int(chosen["id"])
        found = await behaviour_repo.event(self.db, EVENT_OF[kind], event_id)
        now = self.clock.now()
        if found is None:
            return "gone"
        if kind == "no_show" and found.ends_at > now:
            return "not_ended"
        if kind == "attended" and found.starts_at > now:
            return "not_started"
        if kind == "winners" and not found.published:
            return "not_published"
        if not await behaviour_repo.group(self.db, kind, event_id, utcnow_iso(now)):
            return kind
        return "narrowed"

    async def check(self, actor: Actor, audience: Audience) -> None:
        """An audience made by another screen ("message them"): every part must be one this
        person could have chosen in the selector."""
        kind, values = audience.get("kind"), {str(v) for v in audience.get("values") or []}
        if kind not in KINDS or (kind == "all" and values):
            raise Refusal("stale")
        programme_id = _programme(audience)
        if kind != "all" and not values <= {
            v for v, _ in await self.options(actor, kind, programme_id)
        }:
            raise Refusal("stale")
        positions = {v for v, _ in await self.options(actor, "positions", programme_id)}
        if not set(audience.get("positions") or []) <= positions:
            raise Refusal("stale")
        chosen = audience.get("behaviour")
        if chosen is not None:
            event_kind = EVENT_OF.get(str(chosen.get("kind")))
            if event_kind is None or not str(chosen.get("id", "")).isdigit():
                raise Refusal("stale")
            await self.event(actor, event_kind, int(chosen["id"]), programme_id)

    def _narrowing(self, audience: Audience) -> Narrowing:
        chosen = audience.get("behaviour")
        if chosen is not None and chosen["kind"] not in EVENT_OF:
            raise Refusal("stale")
        return Narrowing(
            positions=tuple(audience.get("positions") or ()),
            behaviour=(chosen["kind"], int(chosen["id"])) if chosen else None,
            now=utcnow_iso(self.clock.now()),
        )


def _programme(audience: Audience) -> int | None:
    found = audience.get("programme")
    return int(found) if found is not None else None


def _within(audience: Audience) -> list[int]:
    return [int(r) for r in audience.get("within") or []]
