"""What the seminar tests share: a bot on a clock they move, and seminars made by the service."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.clock import ManualClock
from bot.seminars.repo.seminars import Seminar
from tests.conftest import ADMIN_ID, BotUnderTest, seed

NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)  # 12:00 in Bishkek
START = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)  # 10:00 in Bishkek
END = START + timedelta(hours=7)


async def clocked_bot(emulator, tmp_path) -> tuple[BotUnderTest, ManualClock]:
    db_path = tmp_path / "seminars.sqlite3"
    await seed(db_path)
    clock = ManualClock(NOW)
    bot = BotUnderTest(emulator, db_path, clock)
    await bot.start()
    return bot, clock


async def make_seminar(bot: BotUnderTest, **changes) -> Seminar:
    """A seminar for every member, made through the same service call as the wizard's confirm."""
    values = {
        "title_ky": "Жеке сектор жана кызматтар",
        "title_ru": "Частный сектор и услуги",
        "description_ky": None,
        "description_ru": "Как привлечь частный сектор к услугам.",
        "starts_at": START,
        "ends_at": END,
        "city": "Жалал-Абад",
        "address": "ул. Ленина, 1",
        "latitude": None,
        "longitude": None,
        "capacity": 30,
        "rsvp_deadline": START - timedelta(hours=12),
        "organiser": "Айгүл, +996 555 000 111",
    }
    programme_id = changes.pop("programme_id", None)
    values.update(changes)
    audience = changes.pop("audience", None) or {"kind": "all", "values": []}
    values.pop("audience", None)
    seminar, _ = await bot.services.seminars.create(ADMIN_ID, values, audience, programme_id)
    return seminar


async def pushes(bot: BotUnderTest, template: str, chat_id: int | None = None) -> list[dict]:
    sql = "SELECT * FROM outbox WHERE template = ?"
    params: list = [template]
    if chat_id is not None:
        sql += " AND chat_id = ?"
        params.append(chat_id)
    return [dict(r) for r in await bot.services.db.fetchall(sql + " ORDER BY id", params)]


async def drain(bot: BotUnderTest, timeout: float = 10.0) -> None:
    """Waits (bounded) until nothing due is pending or in flight."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    now = bot.services.clock.now().isoformat(timespec="seconds")
    while True:
        row = await bot.services.db.fetchone(
            "SELECT COUNT(*) FROM outbox WHERE status = 'sending'"
            " OR (status = 'pending' AND not_before <= ?)",
            (now,),
        )
        if row[0] == 0:
            return
        assert loop.time() < deadline, "the outbox did not drain"
        bot.app.bot_data["dispatcher"].wake()
        await asyncio.sleep(0.05)


async def texts(bot: BotUnderTest, user_id: int) -> list[str]:
    state = await bot.emulator_state(user_id)
    return [m.get("text") or m.get("caption") or "" for m in state["messages"]]


async def forge(phone, data: str) -> str:
    """A button the member was never shown, sent on their latest message as a modified client
    could; returns the alert the bot answers with."""
    state = await phone.wait_state(lambda st: st["messages"])
    await phone.press(message_id=state["messages"][-1]["message_id"], callback_data=data)
    return (await phone.wait_callback_answer())["text"] or ""
