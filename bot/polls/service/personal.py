"""A person's polls in their copy of their data (/mydata), and what erasing them (/deleteme)
leaves: their named answers become counts with no person, and their typed words go."""

from __future__ import annotations

from collections.abc import Mapping

from bot.db import Database
from bot.polls import repo


async def export(db: Database, user_id: int) -> Mapping[str, object]:
    return {"poll_answers": [dict(r) for r in await repo.personal(db, user_id)]}


async def forget(db: Database, user_id: int, telegram_id: int) -> None:
    await repo.anonymise(db, user_id)
