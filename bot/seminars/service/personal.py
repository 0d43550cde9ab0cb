"""A member's seminar data, for the accounts feature's erasure and "download my data" hooks
(wired in bot.wiring): seminars never import accounts, accounts never import seminars."""

from __future__ import annotations

from typing import TypedDict

from bot.config import Config
from bot.db import Database
from bot.delivery.outbox import Outbox
from bot.seminars.repo import personal as repo
from bot.seminars.repo.personal import SeminarRecord
from bot.seminars.service.rsvp import withdraw


class SeminarData(TypedDict):
    seminars: list[SeminarRecord]


async def forget(outbox: Outbox, config: Config, user_id: int, telegram_id: int) -> None:
    """The member gives up their places (the waitlist moves up) and their comments go."""
    await withdraw(outbox, user_id, config)
    await repo.clear_comments(outbox.db, user_id)


async def leave(outbox: Outbox, config: Config, user_id: int) -> None:
    """A deactivated member gives up their places at seminars still ahead."""
    await withdraw(outbox, user_id, config, ahead_only=True)


async def export(db: Database, user_id: int) -> SeminarData:
    return SeminarData(seminars=await repo.records(db, user_id))
