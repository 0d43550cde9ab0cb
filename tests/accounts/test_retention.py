"""Retention (MUNIBOT_RETENTION_DAYS): finished deliveries, idle drafts, old update ids and
attempts are pruned on the controlled clock; a broadcast's counts survive its rows."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_config
from bot.db import utcnow_iso
from bot.i18n import translator
from tests.accounts.life import broadcast
from tests.accounts.test_registration import admin_phone, register
from tests.conftest import ADMIN_ID, add_members, expect, t
from tests.seminars.helpers import drain


async def rows(db, table: str) -> int:
    return await db.count(f"SELECT COUNT(*) FROM {table}")


async def test_old_rows_go_and_the_counts_stay(ebot):
    svc, db, clock = ebot.services, ebot.services.db, ebot.clock
    await add_members(db, ebot.emulator.url, [4601, 4602, 4603])
    admin = await admin_phone(ebot)
    await broadcast(ebot, "Семинар пройдёт 5 декабря.")
    await broadcast(ebot, "Отложенное объявление.", "25.12.2030 14:30")
    await svc.broadcasts.stop(ADMIN_ID, 2)
    await drain(ebot)
    counts = {b: await svc.broadcasts.counts(b) for b in (1, 2)}
    assert counts == {1: {"sent": 3}, 2: {"cancelled": 3}}
    waiting = ebot.phone(4604)
    await register(ebot, waiting, name="Ждёт Решения")
    await expect(admin, "Ждёт Решения")
    await admin.send("/broadcast")
    await expect(admin, t("en", "Send the announcement in Kyrgyz. You can use bold and italics."))
    await drain(ebot)
    await db.execute(
        "INSERT INTO seen_updates (update_id, seen_at) VALUES (?, ?)",
        (10**9, utcnow_iso(clock.now())),
    )
    assert await rows(db, "attempts") == 2 and await rows(db, "flows") == 1
    outbox = await rows(db, "outbox")

    clock.advance(days=2)
    pruned = await svc.retention.prune()
    assert (pruned.outbox, pruned.flows) == (0, 0), "deliveries and drafts wait their 730 days"
    assert await db.count("SELECT COUNT(*) FROM seen_updates WHERE update_id = ?", (10**9,)) == 0
    assert await rows(db, "attempts") == 0 and await rows(db, "outbox") == outbox

    clock.advance(days=729)
    pruned = await svc.retention.prune()
    assert (pruned.outbox, pruned.flows) == (6, 1)
    assert {b: await svc.broadcasts.counts(b) for b in (1, 2)} == counts
    left = await db.fetchall("SELECT template, status FROM outbox")
    assert [tuple(r) for r in left] == [("approval_request", "sent")], (
        "a delivered card still showing someone stays: erasing them later edits it"
    )
    await admin.send("/broadcasts")
    line = t("en", "Sent: {sent} · failed: {failed} · blocked: {blocked} · of {total}")
    await expect(admin, line.format(sent=3, failed=0, blocked=0, total=3))
    stopped = translator("en").ngettext(
        "{count} message was not sent.", "{count} messages were not sent.", 3
    )
    await expect(admin, stopped.format(count=3))
    assert await svc.retention.prune() == type(pruned)(0, 0, 0, 0)


async def test_the_job_runs_daily(ebot):
    jobs = ebot.app.job_queue.get_jobs_by_name("retention")
    assert len(jobs) == 1 and jobs[0].job.trigger.interval.days == 1
    assert ebot.services.retention.days == 730


@pytest.mark.parametrize("raw", ["0", "-3", "two years", "99999"])
def test_a_bad_retention_setting_names_the_variable(raw):
    with pytest.raises(ConfigError) as caught:
        load_config({"MUNIBOT_RETENTION_DAYS": raw})
    assert caught.value.variable == "MUNIBOT_RETENTION_DAYS"


def test_retention_days_are_read():
    assert load_config({}).retention_days == 730
    assert load_config({"MUNIBOT_RETENTION_DAYS": "90"}).retention_days == 90
