"""What the question tests share: two municipalities far apart, a competition both may enter,
a seminar for each, a coordinator per region, and the answer read as a person reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.competitions.repo.competitions import Competition
from bot.emulator.client import Phone
from bot.seminars.repo.seminars import Seminar
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.conftest import BotUnderTest, expect
from tests.programmes import coordinator_of
from tests.seminars.helpers import drain, make_seminar

BESHIK = 5101, 5102
"""Members of Beshik-Jon (Jalal-Abad): 5101 reads Kyrgyz, 5102 Russian."""
KYZYL = 5201
"""A member of Kyzyl-Suu (Issyk-Kul), whose data the others must never get."""
JALAL_COORDINATOR = 5301
ISSYK_COORDINATOR = 5302


@dataclass
class World:
    beshik: int
    kyzyl: int
    competition: Competition
    seminar: Seminar
    kyzyl_seminar: Seminar
    kyzyl_receipt: str


async def region_id(bot: BotUnderTest, code: str) -> int:
    row = await bot.services.db.fetchone("SELECT id FROM regions WHERE code = ?", (code,))
    assert row is not None, code
    return row[0]


async def world(bot: BotUnderTest) -> World:
    """Beshik-Jon has sent nothing yet; Kyzyl-Suu has sent, and has a seminar of its own."""
    beshik = await place_members(bot, "Beshik-Jon", list(BESHIK))
    kyzyl = await place_members(bot, "Kyzyl-Suu", [KYZYL], langs=("ru",))
    await coordinator_of(bot, JALAL_COORDINATOR, 1, [await region_id(bot, "jalal-abad")])
    await coordinator_of(bot, ISSYK_COORDINATOR, 1, [await region_id(bot, "issyk-kul")])
    competition = await make_competition(bot)
    for_beshik = {"kind": "municipalities", "values": [beshik]}
    seminar = await make_seminar(bot, audience=for_beshik)
    kyzyl_seminar = await make_seminar(
        bot,
        audience={"kind": "municipalities", "values": [kyzyl]},
        title_ky="Ысык-Көлдөгү жыйын",
        title_ru="Встреча на Иссык-Куле",
        city="Каракол",
    )
    bot.clock.set(OPENS + timedelta(minutes=1))
    sent = await bot.services.submissions.submit(
        KYZYL, competition.id, kyzyl, "Провели сход жителей.", 900, [], None
    )
    await drain(bot)
    return World(beshik, kyzyl, competition, seminar, kyzyl_seminar, sent.submission.receipt)


async def ask(phone: Phone, text: str, fragment: str) -> dict:
    """Sends the question and waits for the answer that holds `fragment`."""
    await phone.send(text)
    return await expect(phone, fragment)


def labels(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]
