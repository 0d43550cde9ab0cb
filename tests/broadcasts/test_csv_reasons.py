"""The recipients' CSV says in the reader's language why a message did not go; Telegram's own
answer stays beside it, as Telegram wrote it."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Awaitable, Callable

from bot.broadcasts.service.history import reason
from bot.broadcasts.views.history import REASONS, deliveries_csv
from bot.core import users as users_repo
from bot.i18n import translator
from bot.sandbox.scripts import queue_broadcast
from tests.conftest import ADMIN_ID, add_members, t

RU = translator("ru")
FORBIDDEN = "Forbidden: bot was blocked by the user"


def sheet(data: bytes) -> dict[str, dict[str, str]]:
    """The CSV's rows by Telegram id, each by its (Russian) column header."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    head = rows[0]
    return {row[0]: dict(zip(head, row, strict=True)) for row in rows[1:]}


async def until(bot, read: Callable[[], Awaitable[int]], wanted: int) -> None:
    """Waits (bounded) for a count the bot changes in its own time."""
    for _ in range(400):
        if await read() == wanted:
            return
        bot.app.bot_data["dispatcher"].wake()
        await asyncio.sleep(0.05)
    assert await read() == wanted


def test_our_reasons_come_from_a_code_and_telegrams_text_is_kept_apart():
    ours = {
        "blocked the bot earlier": "blocked_earlier",
        "cancelled by staff": "stopped",
        "no longer applies": "no_longer_applies",
        "no longer applies: its time has passed": "expired",
        "programme closed": "programme_closed",
        "programme muted": "programme_muted",
        "muted": "muted",
        "broadcast not found": "broadcast_gone",
        "recipient erased their data": "erased",
        "internal error: KeyError('broadcast_id')": "internal",
    }
    for error, code in ours.items():
        assert reason("cancelled", error) == (code, ""), error
    assert reason("blocked", FORBIDDEN) == ("blocked", FORBIDDEN)
    assert reason("blocked", "Chat not found") == ("unreached", "Chat not found")
    assert reason("blocked", "Forbidden: user is deactivated").code == "deactivated"
    assert reason("failed", "Message is too long") == ("refused", "Message is too long")
    assert reason("pending", "Timed out") == ("retry", "Timed out")
    assert reason("sent", None) == (None, "")
    for code, msgid in REASONS.items():
        assert t("ru", msgid) and t("ky", msgid), code  # translated in both catalogs


async def test_the_csv_in_russian_with_telegrams_answer_beside(bot):
    db = bot.services.db
    await add_members(db, bot.emulator.url, [8601, 8602, 8603])
    ghost = 8604  # approved, but never opened a chat with the bot
    await users_repo.ensure(db, ghost, "Ghost", "2026-01-01")
    await db.execute(
        "UPDATE users SET status = 'approved', municipality_id = 1 WHERE telegram_id = ?", (ghost,)
    )
    for chat in (8602, 8603):
        await bot.phone(chat).block()
    blocked = "SELECT COUNT(*) FROM users WHERE unreachable = 1"
    await until(bot, lambda: db.count(blocked), 2)  # the bot heard of both (my_chat_member)
    # 8603's block was not heard after all: Telegram will answer 403 when the message goes.
    await db.execute("UPDATE users SET unreachable = 0 WHERE telegram_id = 8603")

    broadcast_id = await queue_broadcast(bot.services, ADMIN_ID, "Эртең семинар")
    waiting = (
        "SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?"
        " AND (status IN ('pending', 'sending') OR lease_until IS NOT NULL)"
    )
    await until(bot, lambda: db.count(waiting, (broadcast_id,)), 0)
    rows = sheet(
        deliveries_csv(RU, await bot.services.broadcasts.deliveries(ADMIN_ID, broadcast_id))
    )
    error, answer = t("ru", "Error"), t("ru", "Telegram's answer")
    assert (rows["8601"][error], rows["8601"][answer]) == ("", "")
    earlier = rows["8602"]
    assert earlier[error] == t("ru", "had blocked the bot before this announcement")
    assert earlier[answer] == "", "our own reason, not Telegram's"
    assert rows["8603"][error] == t("ru", "blocked the bot")
    assert rows["8603"][answer] == FORBIDDEN
    assert rows[str(ghost)][error] == t("ru", "has not started the bot yet")
    assert "chat not found" in rows[str(ghost)][answer].lower()

    later = await queue_broadcast(bot.services, ADMIN_ID, "Кийин", when="31.12.2030 10:00")
    await bot.services.broadcasts.stop(ADMIN_ID, later)
    rows = sheet(deliveries_csv(RU, await bot.services.broadcasts.deliveries(ADMIN_ID, later)))
    stopped = t("ru", "the announcement was stopped by staff")
    assert {row[error] for row in rows.values()} == {stopped}
    assert {row[answer] for row in rows.values()} == {""}
