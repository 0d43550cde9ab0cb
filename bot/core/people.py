"""Who may do what. Every permission is decided here, never by which buttons were shown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from bot.clock import Clock
from bot.config import Config
from bot.core import users as users_repo
from bot.core.errors import NotAllowed
from bot.core.programmes import repo as programmes_repo
from bot.core.users import User
from bot.db import Database, utcnow_iso
from bot.delivery.outbox import Outbox
from bot.i18n import resolve_lang


@dataclass(frozen=True)
class Actor:
    """`region_ids` is the limit that applies to what is being done: within one programme
    (`within`), that programme's; outside any (approving a registration), the union."""

    telegram_id: int
    user: User | None
    is_admin: bool
    is_coordinator: bool
    region_ids: tuple[int, ...] = field(default=())
    programmes: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    """The programmes a coordinator is staff of, each with its region limit (empty: none)."""

    @property
    def is_staff(self) -> bool:
        return self.is_admin or self.is_coordinator

    @property
    def is_approved(self) -> bool:
        """A registered member a coordinator has approved."""
        return self.user is not None and self.user.status == "approved"

    def covers_region(self, region_id: int | None) -> bool:
        """Admins and unrestricted coordinators cover all regions."""
        return self.is_admin or not self.region_ids or region_id in self.region_ids

    def staff_of(self, programme_id: int | None) -> bool:
        return self.is_admin or (self.is_coordinator and programme_id in self.programmes)

    def within(self, programme_id: int | None) -> Actor:
        """This person as staff of one programme; NotAllowed when they are not."""
        if self.is_admin:
            return replace(self, region_ids=())
        if programme_id is None or not self.staff_of(programme_id):
            raise NotAllowed
        return replace(self, region_ids=self.programmes[programme_id])

    def manages(self, programme_id: int | None, created_by: int | None) -> bool:
        """The one rule for a seminar or competition: staff of its programme; of them, admins,
        its author, and coordinators without a region limit in that programme."""
        if not self.staff_of(programme_id):
            return False
        within = self.within(programme_id)
        own = within.user is not None and within.user.id == created_by
        return within.is_admin or own or not within.region_ids

    def programme_ids(self) -> list[int] | None:
        """None for admins, who see every programme."""
        return None if self.is_admin else sorted(self.programmes)


class People:
    """The person behind a Telegram id and their rights, as every feature asks for them."""

    def __init__(self, db: Database, config: Config, clock: Clock, outbox: Outbox) -> None:
        self.db = db
        self.config = config
        self.clock = clock
        self.outbox = outbox

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def actor(self, telegram_id: int) -> Actor:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        return await self.actor_of(telegram_id, user)

    async def actor_of(self, telegram_id: int, user: User | None) -> Actor:
        """The rights of a person whose row is already in hand."""
        is_admin = telegram_id in self.config.admins or (user is not None and user.role == "admin")
        is_coord = user is not None and user.role == "coordinator"
        if user is None or not is_coord:
            return Actor(telegram_id, user, is_admin, is_coord)
        member_of = await programmes_repo.memberships(self.db, user.id)
        limits = [set(regions) or await self._programme_regions(pid)
                  for pid, regions in member_of.items()]  # fmt: skip
        union = (
            () if not limits or any(not r for r in limits) else tuple(sorted(set().union(*limits)))
        )
        return Actor(telegram_id, user, is_admin, is_coord, union, member_of)

    async def _programme_regions(self, programme_id: int) -> set[int]:
        """An unlimited coordinator of a programme that works in some regions covers those."""
        return set(await programmes_repo.region_ids(self.db, programme_id))

    async def saved_lang(self, telegram_id: int) -> str | None:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        return user.lang if user else None

    async def lang_of(self, telegram_id: int) -> str:
        """For messages outside an update: saved choice, then the phone's language, then default."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None:
            return self.config.default_lang
        return resolve_lang(user.lang, user.tg_lang, self.config.default_lang)

    async def require_staff(self, telegram_id: int) -> Actor:
        actor = await self.actor(telegram_id)
        if not actor.is_staff:
            raise NotAllowed
        return actor
