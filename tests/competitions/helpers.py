"""What the competition tests share: members placed in chosen municipalities, a cluster, and
competitions made through the same service call as the wizard's confirm.

Tests use the `sbot` fixture (a bot on a ManualClock at tests.seminars.helpers.NOW, 2026-11-22 12:00
in Bishkek) and move the clock themselves.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.competitions.repo.competitions import Competition
from bot.core import users as users_repo
from bot.core.places import clusters as clusters_repo
from bot.emulator.client import Phone
from tests.conftest import ADMIN_ID, BotUnderTest
from tests.seminars.helpers import NOW

OPENS = NOW + timedelta(hours=1)
DEADLINE = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)  # 18:00 in Bishkek


async def municipality_id(bot: BotUnderTest, name_en: str) -> int:
    row = await bot.services.db.fetchone(
        "SELECT id FROM municipalities WHERE name_en = ?", (name_en,)
    )
    assert row is not None, name_en
    return row[0]


async def place_members(
    bot: BotUnderTest, municipality: str, ids: list[int], langs: tuple[str, ...] = ("ky", "ru")
) -> int:
    """Approved members of one municipality (by English name), each with a chat the bot can
    reach; returns the municipality id."""
    db = bot.services.db
    muni = await municipality_id(bot, municipality)
    for n, telegram_id in enumerate(ids):
        lang = langs[n % len(langs)]
        user = await users_repo.ensure(db, telegram_id, f"Member {telegram_id}", "2026-01-01")
        await users_repo.update_fields(
            db, user.id, "2026-01-01", lang=lang, full_name=f"Member {telegram_id}",
            municipality_id=muni, position="head", gender="female", phone="+996700000000",
        )  # fmt: skip
        await db.execute("UPDATE users SET status = 'approved' WHERE id = ?", (user.id,))
        phone = Phone(bot.emulator.url, telegram_id, language_code=lang)
        await phone.send("hello")
        await phone.close()
    return muni


async def make_cluster(
    bot: BotUnderTest, code: str, municipalities: list[str], programme_id: int = 1
) -> int:
    """A cluster of the first programme unless another is named."""
    db = bot.services.db
    cluster_id, _ = await clusters_repo.save(
        db, code, {"name_ky": f"{code} ky", "name_ru": f"{code} ru", "name_en": code},
        "2026-01-01T00:00:00+00:00", programme_id,
    )  # fmt: skip
    ids = [await municipality_id(bot, m) for m in municipalities]
    await clusters_repo.add_members(db, cluster_id, ids)
    return cluster_id


async def make_competition(
    bot: BotUnderTest, audience: dict | None = None, programme_id: int | None = None, **changes
) -> Competition:
    """An information campaign open to the municipalities named by `audience` (all by default),
    in the programme named (the only one by default)."""
    values = {
        "code": "IC",
        "title_ky": "Коммуналдык төлөмдөр боюнча маалымат кампаниясы",
        "title_ru": "Информационная кампания по оплате коммунальных услуг",
        "description_ky": "Тургундарга төлөмдөр тууралуу айтып бериңиз.",
        "description_ru": "Расскажите жителям об оплате услуг.",
        "rules_ky": None,
        "rules_ru": "Одна заявка от айылного аймака.",
        "prizes_ky": "1-орун: 500 000 сом",
        "prizes_ru": "1 место: 500 000 сом",
        "entrant_kind": "municipality",
        "opens_at": OPENS,
        "deadline": DEADLINE,
        "max_files": 5,
        "needs_residents": True,
    }
    values.update(changes)
    competition, _ = await bot.services.competitions.create(
        ADMIN_ID, values, audience or {"kind": "all", "values": []}, programme_id
    )
    return competition
