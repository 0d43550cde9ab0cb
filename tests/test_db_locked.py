"""Another process holding the database (a backup, a tool) delays the bot; it does not break it."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

import pytest

from bot.db import DatabaseBusy, open_database
from tests import pg_tests
from tests.conftest import add_members, t

pytestmark = pytest.mark.skipif(bool(pg_tests.SERVER), reason="SQLite only: SQLite's file locks")


def hold_lock(path, seconds: float, ready: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    threading.Event().wait(seconds)
    conn.execute("ROLLBACK")
    conn.close()


async def test_a_write_waits_out_another_processs_lock_and_the_reply_comes(bot):
    await add_members(bot.services.db, bot.emulator.url, [7401])
    phone = bot.phone(7401, "ru")
    ready = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(bot.config.db_path, 6.0, ready))
    holder.start()
    ready.wait(5)
    await phone.send("/language")  # a read, then the tap below writes the choice
    await phone.wait_for(lambda ms: any("Кыргызча" in str(m.get("buttons")) for m in ms), 10)
    await phone.press("Кыргызча")
    done = t("ky", "The menu is now in this language.")
    await phone.wait_for(lambda ms: any(done in (m.get("text") or "") for m in ms), 20)
    await asyncio.to_thread(holder.join)
    texts = [m.get("text") or "" for m in await phone.messages()]
    assert not any(t("ky", "Something went wrong on our side. Please try again.") in x
                   for x in texts)  # fmt: skip
    assert (await bot.user(7401)).lang == "ky"


async def test_a_lock_held_past_the_patience_is_told_not_hidden(tmp_path):
    db = await open_database(tmp_path / "locked.sqlite3")
    db.patience = 0.5
    ready = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(str(tmp_path / "locked.sqlite3"), 3.0, ready))
    holder.start()
    ready.wait(5)
    try:
        with pytest.raises(DatabaseBusy):
            await db.execute("INSERT INTO seen_updates (update_id, seen_at) VALUES (1, 'x')")
    finally:
        await asyncio.to_thread(holder.join)
        await db.close()
