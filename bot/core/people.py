"""Who may do what. Every permission is decided here, never by which buttons were shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock
from bot.config import Config
from bot.core import users as users_repo
from bot.core.errors import NotAllowed
from bot.core.users import User
from bot.db import Database, utcnow_iso
from bot.delivery.outbox import Outbox
from bot.i18n import resolve_lang


@dataclass(frozen=True)
class Actor:
    telegram_id: int
    user: User | None
    is_admin: bool
    is_coordinator: bool
    region_ids: tuple[int, ...] = field(default=())

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
        regions: list[int] = []
        is_coord = user is not None and user.role == "coordinator"
        if user is not None and is_coord:
            regions = await users_repo.coordinator_region_ids(self.db, user.id)
        return Actor(telegram_id, user, is_admin, is_coord, tuple(regions))

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
