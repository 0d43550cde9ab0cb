"""Who may do what. Every permission is decided here, never by which buttons were shown."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.config import LANGUAGES, Config
from bot.core import flows
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound
from bot.core.places import repo as places
from bot.core.users import User
from bot.db import Database, utcnow_iso
from bot.delivery.outbox import Outbox
from bot.i18n import resolve_lang


class UnknownRegion(ValueError):
    """A region code given to /promote that is not in the directory."""


class ConfiguredAdmin(NotAllowed):
    """Admins listed in MUNIBOT_ADMINS stay admins; only the configuration can change that."""


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
    def __init__(self, db: Database, config: Config, clock: Clock, outbox: Outbox) -> None:
        self.db = db
        self.config = config
        self.clock = clock
        self.outbox = outbox
        self.on_erase: list[Callable[[int], Awaitable[None]]] = []
        """Other features' clean-up for an erased member (their seminar places), by user id."""

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def actor(self, telegram_id: int) -> Actor:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        return await self.actor_of(telegram_id, user)

    async def actor_of(self, telegram_id: int, user: User | None) -> Actor:
        """The rights of a person whose row is already in hand."""
        is_admin = telegram_id in self.config.admins or (user is not None and user.role == "admin")
        is_coord = user is not None and user.role == "coordinator"
        regions = await users_repo.coordinator_region_ids(self.db, user.id) if is_coord else []
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

    async def set_language(self, telegram_id: int, lang: str, tg_name: str) -> None:
        if lang not in LANGUAGES:
            raise NotAllowed
        await users_repo.ensure(self.db, telegram_id, tg_name, self.now())
        await users_repo.set_lang(self.db, telegram_id, lang, self.now())

    async def set_reachable(self, telegram_id: int, reachable: bool) -> None:
        """Telegram told us the member blocked (or unblocked) the bot."""
        await self.outbox.set_reachable(telegram_id, reachable)

    async def set_muted(self, telegram_id: int, muted: bool) -> bool:
        """Only announcements are muted; False when there is no such member."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None:
            return False
        await users_repo.set_muted(self.db, telegram_id, muted, self.now())
        return True

    async def require_staff(self, telegram_id: int) -> Actor:
        actor = await self.actor(telegram_id)
        if not actor.is_staff:
            raise NotAllowed
        return actor

    async def set_role(
        self, admin_tid: int, target_tid: int, role: str, region_codes: list[str]
    ) -> User:
        """Admins promote and demote; a region list limits a coordinator to those regions."""
        actor = await self.actor(admin_tid)
        if not actor.is_admin:
            raise NotAllowed
        target = await users_repo.by_telegram_id(self.db, target_tid)
        if target is None:
            raise NotFound(str(target_tid))
        if target_tid in self.config.admins and role != "admin":
            raise ConfiguredAdmin
        region_ids = await self._region_ids(region_codes)
        await users_repo.set_role(self.db, target.id, role, self.now())
        await users_repo.set_coordinator_regions(
            self.db, target.id, region_ids if role == "coordinator" else []
        )
        await self.outbox.enqueue(
            f"role:{target.id}:{role}:{self.clock.now().isoformat()}",
            target_tid,
            "account",
            "role_changed",
            {"role": role},
        )
        updated = await users_repo.by_id(self.db, target.id)
        assert updated is not None
        return updated

    async def _region_ids(self, codes: list[str]) -> list[int]:
        by_code = {r.code: r.id for r in await places.all_regions(self.db)}
        unknown = [c for c in codes if c not in by_code]
        if unknown:
            raise UnknownRegion(", ".join(unknown))
        return [by_code[c] for c in codes]

    async def region_codes(self) -> list[str]:
        return [r.code for r in await places.all_regions(self.db)]

    async def staff_list(self, telegram_id: int) -> list[tuple[User, list[places.Place]]]:
        await self.require_staff(telegram_id)
        by_id = {r.id: r for r in await places.all_regions(self.db)}
        found = []
        for user in await users_repo.staff(self.db):
            ids = await users_repo.coordinator_region_ids(self.db, user.id)
            found.append((user, [by_id[i] for i in ids]))
        return found

    async def erase(self, telegram_id: int) -> bool:
        """Forget the person; pushes still queued to them are cancelled."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None:
            return False
        async with self.db.transaction():
            await flows.clear(self.db, telegram_id)
            await users_repo.erase_personal_data(self.db, user.id, self.now())
            await self.outbox.cancel_for_chat(telegram_id)
            await self.outbox.forget_person(user.id)
            for hook in self.on_erase:
                await hook(user.id)
        return True
