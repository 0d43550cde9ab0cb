"""A person's account after registration: language, roles, reachability, and erasing it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from bot.accounts.repo import cards as cards_repo
from bot.accounts.repo import erasure as erasure_repo
from bot.accounts.repo import menus as menus_repo
from bot.accounts.service import cards, personal
from bot.accounts.service.personal import Document, ExportHook
from bot.config import LANGUAGES
from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, Refusal
from bot.core.people import People
from bot.core.places import repo as places
from bot.core.programmes import repo as programmes_repo
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import region_ids_of
from bot.core.users import User

log = logging.getLogger(__name__)
AfterErase = Callable[[], Awaitable[None]]
"""What a feature does once the erasure is committed (deleting files from disk)."""
EraseHook = Callable[[int, int], Awaitable[AfterErase | None]]
"""A feature's clean-up for an erased person, by users id and Telegram id, in the erasure's
transaction; it may hand back a step for after the commit."""


@dataclass(frozen=True)
class ChatMenu:
    """The command menu one chat gets: the staff or the member set, in this language."""

    telegram_id: int
    lang: str
    staff: bool


MENUS_PAGE = 100
"""Members' menus are read this many at a time, so that one written late at start is at most
a few seconds older than the person's choice."""


@dataclass(frozen=True)
class StaffEntry:
    user: User
    programmes: list[tuple[Programme, list[places.Place]]]
    """Each programme the person works in, with the regions they are limited to there."""


class Accounts:
    def __init__(self, people: People) -> None:
        self.people = people
        self.db = people.db
        self.config = people.config
        self.outbox = people.outbox
        self.on_erase: list[EraseHook] = []
        """Other features' clean-up for an erased person (seminar places and comments, files
        and audit actors, broadcast progress cards)."""
        self.on_export: list[ExportHook] = []
        """Other features' sections of a person's copy of their data."""
        self.on_demote: list[Callable[[int], Awaitable[None]]] = []
        """What ends, by Telegram id, when someone is no longer staff (console sessions)."""

    async def set_language(self, telegram_id: int, lang: str, tg_name: str) -> None:
        if lang not in LANGUAGES:
            raise NotAllowed
        now = self.people.now()
        await users_repo.ensure(self.db, telegram_id, tg_name, now)
        await users_repo.set_lang(self.db, telegram_id, lang, now)

    async def set_reachable(self, telegram_id: int, reachable: bool) -> None:
        """Telegram told us the member blocked (or unblocked) the bot."""
        await self.outbox.set_reachable(telegram_id, reachable)

    async def set_role(self, admin_tid: int, target_tid: int, role: str, args: list[str]) -> User:
        """Admins promote and demote. A coordinator works in one programme per /promote (the
        code may be left out when there is only one), limited to the regions named after it;
        /demote with a code takes them out of that programme only."""
        actor = await self.people.actor(admin_tid)
        if not actor.is_admin:
            raise Refusal("admins_only")
        target = await users_repo.by_telegram_id(self.db, target_tid)
        if target is None:
            raise Refusal("person_unknown", what=str(target_tid))
        if target_tid in self.config.admins and role != "admin":
            raise Refusal("configured_admin")
        programme, codes = await self._programme_arg(args, role)
        region_ids = await region_ids_of(self.db, codes)
        if role == "coordinator" and programme is not None:
            await programmes_repo.set_staff(self.db, programme.id, target.id, region_ids)
        elif role == "member" and programme is not None:
            await programmes_repo.drop_staff(self.db, target.id, programme.id)
            if await programmes_repo.memberships(self.db, target.id):
                role = "coordinator"
        else:
            await programmes_repo.drop_staff(self.db, target.id)
        await users_repo.set_role(self.db, target.id, role, self.people.now())
        if role == "member":
            for hook in self.on_demote:
                await hook(target_tid)
        await audit.record(self.db, _id(actor.user), "role_changed", "user", target.id, role)
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

    async def _programme_arg(
        self, args: list[str], role: str
    ) -> tuple[Programme | None, list[str]]:
        """The programme named first, if one is; a coordinator needs one (the only open one
        when there is a single programme)."""
        if args:
            found = await programmes_repo.by_code(self.db, args[0])
            if found is not None:
                if not found.active:
                    raise Refusal("programme_closed")
                return found, args[1:]
        if role != "coordinator":
            return None, args
        open_ = await programmes_repo.listing(self.db, active_only=True)
        if len(open_) == 1:
            return open_[0], args
        raise Refusal("name_the_programme", codes=", ".join(p.code for p in open_))

    async def staff_list(self, telegram_id: int) -> list[StaffEntry]:
        await self.people.require_staff(telegram_id)
        regions = {r.id: r for r in await places.all_regions(self.db)}
        known = {p.id: p for p in await programmes_repo.listing(self.db)}
        found = []
        for user in await users_repo.staff(self.db):
            member_of = await programmes_repo.memberships(self.db, user.id)
            found.append(
                StaffEntry(
                    user,
                    [(known[pid], [regions[r] for r in limit]) for pid, limit in member_of.items()],
                )  # fmt: skip
            )
        return found

    async def erase(self, telegram_id: int) -> bool:
        """Forget the person (see `_forget`); False when nothing was stored about them."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None:
            return False
        async with self.db.transaction():
            after, edited, dropped = await self._forget(user)
            await audit.record(
                self.db, None, "account_erased", "user", None if dropped else user.id
            )
        for step in after:
            try:
                await step()
            except Exception as exc:  # noqa: BLE001 - the erasure itself is committed
                log.error("user %s erased; a clean-up step failed: %s", user.id, type(exc).__name__)
        log.info(
            "user %s erased their personal data: %s delivered cards to edit%s",
            user.id, edited, ", no anonymous row kept" if dropped else "",
        )  # fmt: skip
        return True

    async def _forget(self, user: User) -> tuple[list[AfterErase], int, bool]:
        """Name, phone and Telegram account go from every row that stays: the users row keeps
        municipality, position and gender for anonymous counts; pushes still queued to them
        are cancelled; cards that showed them to reviewers are edited to "erased member";
        other features drop what is theirs. A registration never approved has nothing to
        count, and its row goes too when nothing points at it."""
        tid = user.telegram_id
        assert tid is not None
        await flows.clear(self.db, tid)
        await users_repo.erase_personal_data(self.db, user.id, self.people.now())
        await self.outbox.cancel_for_chat(tid)
        await self.outbox.forget_person(user.id)
        edited = await cards.erase_all(self.outbox, user.id)
        after = []
        for hook in self.on_erase:
            step = await hook(user.id, tid)
            if step is not None:
                after.append(step)
        await erasure_repo.scrub_outbox(self.db, tid)
        return after, edited, await self._drop_row(user)

    async def _drop_row(self, user: User) -> bool:
        counted = user.status == "approved" or user.role != "member"
        if counted or await cards_repo.ever_approved(self.db, user.id):
            return False
        if await erasure_repo.referenced(self.db, user.id):
            return False
        await cards_repo.drop_about(self.db, user.id)
        await users_repo.delete(self.db, user.id)
        return True

    async def staff_menus(self) -> list[ChatMenu]:
        """Every staff member's menu (configured admins included), in their saved language or
        the default."""
        default = self.config.default_lang
        found = {u.telegram_id: u.lang for u in await users_repo.staff(self.db) if u.telegram_id}
        for telegram_id in self.config.admins:
            found.setdefault(telegram_id, await self.people.saved_lang(telegram_id))
        return [ChatMenu(tid, lang or default, True) for tid, lang in found.items()]

    async def member_menus(self) -> AsyncIterator[list[ChatMenu]]:
        """Approved members who chose a language, a page at a time: each gets the member set
        in that language, whatever their phone's."""
        after = 0
        while page := await menus_repo.members_with_language(self.db, after, MENUS_PAGE):
            yield [ChatMenu(tid, lang, False) for _, tid, lang in page]
            after = page[-1][0]

    async def menu_of(self, telegram_id: int) -> ChatMenu | None:
        """The menu this person's chat should have now; None for someone with none of their
        own (not approved, not staff, no language chosen)."""
        actor = await self.people.actor(telegram_id)
        lang = actor.user.lang if actor.user is not None else None
        if actor.is_staff:
            return ChatMenu(telegram_id, lang or self.config.default_lang, True)
        if actor.is_approved and lang:
            return ChatMenu(telegram_id, lang, False)
        return None

    async def my_data(self, telegram_id: int) -> Document | None:
        """Everything stored about the person; None when there is nothing."""
        return await personal.collect(self.db, telegram_id, self.on_export)


def _id(user: User | None) -> int | None:
    return user.id if user is not None else None
