"""Five minutes of 502 from the Bot API, then healthy: every push due meanwhile goes out once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.conftest import ADMIN_ID, add_members, expect, t
from tests.seminars.helpers import NOW, clocked_bot

MEMBERS = [7501, 7502, 7503, 7504]
FIRST = MEMBERS[0]
ROLES = ["coordinator", "admin"]
"""Two more pushes to the first member, due after its "member" one, queued last to first."""
DOWN = ["sendMessage", "editMessageText", "getMe", "answerCallbackQuery"]


async def rows(bot) -> list[dict]:
    found = await bot.services.db.fetchall(
        "SELECT chat_id, status, attempts, not_before FROM outbox WHERE kind = 'account'"
        " ORDER BY not_before"
    )
    return [dict(r) for r in found]


async def pass_of_the_dispatcher(bot, clock, **advance: float) -> None:
    clock.advance(**advance)
    bot.app.bot_data["dispatcher"].wake()
    await asyncio.sleep(0.25)


async def test_pushes_due_during_an_outage_go_out_once_after_it(emulator, tmp_path):
    bot, clock = await clocked_bot(emulator, tmp_path)
    try:
        await add_members(bot.services.db, emulator.url, MEMBERS)
        emulator.set_faults(error_rate=1.0, error_code=502, methods=DOWN)
        for n, chat in enumerate(MEMBERS):  # one a minute, all inside the outage
            await bot.services.outbox.enqueue(
                f"account:{chat}:outage", chat, "account", "role_changed", {"role": "member"},
                not_before=NOW + timedelta(minutes=n),
            )  # fmt: skip
        for n, role in reversed(list(enumerate(ROLES))):  # queued last to first
            await bot.services.outbox.enqueue(
                f"account:{FIRST}:order:{n}", FIRST, "account", "role_changed", {"role": role},
                not_before=NOW + timedelta(minutes=1, seconds=n),
            )  # fmt: skip
        for _ in range(30):  # five minutes, ten seconds at a time
            await pass_of_the_dispatcher(bot, clock, seconds=10)
        during = await rows(bot)
        assert {r["status"] for r in during} == {"pending"}, during
        assert bot.services.outbox.outage_since is not None
        await staff_see_the_outage(bot, emulator, waiting=len(MEMBERS) + len(ROLES))
        emulator.set_faults()
        await pass_of_the_dispatcher(bot, clock, seconds=61)
        for _ in range(40):
            if {r["status"] for r in await rows(bot)} == {"sent"}:
                break
            await pass_of_the_dispatcher(bot, clock, seconds=1)
        assert {r["status"] for r in await rows(bot)} == {"sent"}
        assert bot.services.outbox.outage_since is None
        for n, chat in enumerate(MEMBERS):
            lang = ("ky", "ru")[n % 2]  # as add_members gives them
            role = t(lang, "Your role is now: {role}.").format(role=t(lang, "member"))
            texts = [m.get("text") or "" for m in await bot.phone(chat).messages()]
            assert sum(role in x for x in texts) == 1, chat
        roles = [t("ky", "Your role is now: {role}.").format(role=t("ky", r))
                 for r in ["member", "coordinator", "administrator"]]  # fmt: skip
        texts = [m.get("text") or "" for m in await bot.phone(FIRST).messages()]
        order = [role for x in texts for role in roles if role in x]
        assert order == roles, "sent in order of not_before"
        admin = bot.phone(ADMIN_ID)
        await admin.send("/broadcasts")
        await expect(admin, t("ru", "Last interruption: Telegram did not answer from {start} to "
                                    "{end} (Bishkek time). What fell due meanwhile was sent "
                                    "afterwards.").split("{")[0])  # fmt: skip
    finally:
        await bot.close()


async def staff_see_the_outage(bot, emulator, waiting: int) -> None:
    """Telegram answers one staff command between failures; the clock stands still, so the
    dispatcher does not probe yet and still counts the outage."""
    emulator.set_faults()
    admin = bot.phone(ADMIN_ID)
    await admin.send("/start")
    await admin.send("/broadcasts")
    text = t("ru", "Telegram has not answered since {when} (Bishkek time). {count} message is "
                   "waiting; it goes out when Telegram answers again.")  # fmt: skip
    found = await expect(admin, text.split("{")[0])
    assert f"{waiting} " in found["text"] and bot.services.outbox.outage_since is not None
    emulator.set_faults(error_rate=1.0, error_code=502, methods=DOWN)


async def test_a_reply_the_api_refused_for_a_moment_still_arrives(bot, emulator):
    """Two seconds of 502 for every send: the answer to /help (for a newcomer, the language
    picker) is tried again and arrives."""
    phone = bot.phone(7601)
    emulator.set_faults(error_rate=1.0, error_code=502, methods=["sendMessage"])
    await phone.send("/help")
    await asyncio.sleep(2.0)
    emulator.set_faults()
    await expect(phone, t("ru", "Choose your language:"), timeout=10)
