"""Two programmes over the same municipalities, and a coordinator of each, for the tests of
how programmes are kept apart."""

from __future__ import annotations

from bot.core import users as users_repo
from bot.core.programmes import repo as programmes_repo
from bot.sandbox import demo
from tests.conftest import BotUnderTest

PSI, VOICE = demo.PSI, demo.VOICE
"""The sandbox's two programmes, which model the project's two."""


async def two_programmes(bot: BotUnderTest) -> tuple[int, int]:
    """Programme 1 (which holds whatever existed before) becomes PSI; Voice is added. Both
    work in every region unless a test narrows them."""
    db = bot.services.db
    await db.execute("UPDATE programmes SET code = 'psi' WHERE id = 1")
    psi, _ = await bot.services.programmes.save(PSI, [])
    voice, _ = await bot.services.programmes.save(VOICE, [])
    return psi.id, voice.id


async def coordinator_of(
    bot: BotUnderTest, telegram_id: int, programme_id: int, regions: list[int] | None = None
) -> int:
    """A coordinator of one programme, with a chat the bot can reach; returns the users id."""
    db = bot.services.db
    now = "2026-01-01T00:00:00+00:00"
    user = await users_repo.ensure(db, telegram_id, f"Coordinator {telegram_id}", now)
    await users_repo.update_fields(
        db, user.id, now, lang="ru", full_name=f"Coordinator {telegram_id}"
    )
    await users_repo.set_role(db, user.id, "coordinator", now)
    await programmes_repo.set_staff(db, programme_id, user.id, regions or [])
    return user.id
