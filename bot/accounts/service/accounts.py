"""A person's account after registration: language, roles, reachability, and erasing it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.config import LANGUAGES
from bot.core import flows
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, Refusal
from bot.core.people import People
from bot.core.places import repo as places
from bot.core.users import User

log = logging.getLogger(__name__)


class Accounts:
    def __init__(self, people: People) -> None:
        self.people = people
        self.db = people.db
        self.config = people.config
        self.outbox = people.outbox
        self.on_erase: list[Callable[[int], Awaitable[None]]] = []
        """Other features' clean-up for an erased member (their seminar places), by user id."""

    async def set_language(self, telegram_id: int, lang: str, tg_name: str) -> None:
        if lang not in LANGUAGES:
            raise NotAllowed
        now = self.people.now()
        await users_repo.ensure(self.db, telegram_id, tg_name, now)
        await users_repo.set_lang(self.db, telegram_id, lang, now)

    async def set_reachable(self, telegram_id: int, reachable: bool) -> None:
        """Telegram told us the member blocked (or unblocked) the bot."""
        await self.outbox.set_reachable(telegram_id, reachable)

    async def set_role(
        self, admin_tid: int, target_tid: int, role: str, region_codes: list[str]
    ) -> User:
        """Admins promote and demote; a region list limits a coordinator to those regions."""
        actor = await self.people.actor(admin_tid)
        if not actor.is_admin:
            raise Refusal("admins_only")
        target = await users_repo.by_telegram_id(self.db, target_tid)
        if target is None:
            raise Refusal("person_unknown", what=str(target_tid))
        if target_tid in self.config.admins and role != "admin":
            raise Refusal("configured_admin")
        region_ids = await self._region_ids(region_codes)
        await users_repo.set_role(self.db, target.id, role, self.people.now())
        await users_repo.set_coordinator_regions(
            self.db, target.id, region_ids if role == "coordinator" else []
        )
        await self.outbox.enqueue(
            f"role:{target.id}:{role}:{self.people.clock.now().isoformat()}",
            target_tid,
            "account",
            "role_changed",
            {"role": role},
        )
        log.info("user %s is now %s, set by user %s", target.id, role, _id(actor.user))
        updated = await users_repo.by_id(self.db, target.id)
        assert updated is not None
        return updated

    async def _region_ids(self, codes: list[str]) -> list[int]:
        by_code = {r.code: r.id for r in await places.all_regions(self.db)}
        unknown = [c for c in codes if c not in by_code]
        if unknown:
            raise Refusal("unknown_region", codes=", ".join(unknown), known=", ".join(by_code))
        return [by_code[c] for c in codes]

    async def staff_list(self, telegram_id: int) -> list[tuple[User, list[places.Place]]]:
        await self.people.require_staff(telegram_id)
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
            await users_repo.erase_personal_data(self.db, user.id, self.people.now())
            await self.outbox.cancel_for_chat(telegram_id)
            await self.outbox.forget_person(user.id)
            for hook in self.on_erase:
                await hook(user.id)
        log.info("user %s erased their personal data", user.id)
        return True


def _id(user: User | None) -> int | None:
    return user.id if user is not None else None
