"""Report requests on the controlled clock: a published grant winner gets a project from the
Results screen, the bot asks its members monthly through the outbox, a restart neither loses
nor repeats a request, and requests stop when the project is marked done."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import ADMIN_ID, expect, t, tap
from tests.grants.helpers import (
    BESHIK,
    FIRST_ASK,
    KY,
    MASY,
    RU,
    SECOND_ASK,
    admin_phone,
    project_of,
    published,
    requests,
)
from tests.seminars.helpers import drain, texts

ASKED = "Time for a report on the grant project"


async def wake(sbot) -> int:
    """What the JobQueue's timed wake-up runs (handlers.grants.wake)."""
    return await sbot.services.grant_requests.wake()


async def test_monthly_requests_arrive_survive_a_restart_and_stop_when_done(sbot):
    scene = await published(sbot)
    admin = await admin_phone(sbot)
    await admin.send(f"/submissions {scene['competition'].id}")
    await tap(admin, "🏆 " + t("ru", "Results"))
    await tap(admin, "📈 " + t("ru", "Track the grants"))
    tracked = RU.ngettext(
        "{count} grant project is tracked.", "{count} grant projects are tracked.", 2
    ).format(count=2)
    listing = await expect(admin, tracked)
    assert "Бешик-Джон" in listing["text"] and "Массы" in listing["text"]
    again = await sbot.services.grants.track(ADMIN_ID, scene["competition"].id)
    assert len(again) == 2
    count = await sbot.services.db.fetchone("SELECT COUNT(*) FROM grant_projects")
    assert count[0] == 2, "the same tap again opens nothing twice"
    beshik = await project_of(sbot, scene["beshik"])
    masy = await project_of(sbot, scene["masy"])
    assert beshik["grant_kgs"] == 5_000_000 and beshik["schedule"] == "monthly"
    assert beshik["next_request_at"] == FIRST_ASK.isoformat()

    sbot.clock.set(FIRST_ASK - timedelta(minutes=1))
    assert await wake(sbot) == 0 and await requests(sbot) == []
    sbot.clock.set(FIRST_ASK + timedelta(minutes=3))
    assert await wake(sbot) == 2
    await drain(sbot)
    for member, tr in ((BESHIK[0], KY), (BESHIK[1], RU), (MASY[0], RU)):
        assert any(tr._(ASKED) in x for x in await texts(sbot, member)), member
    first = await requests(sbot)
    assert len(first) == 3 and {r["status"] for r in first} == {"sent"}

    assert await wake(sbot) == 0, "the same period is not asked twice"
    await sbot.restart()
    assert await wake(sbot) == 0, "nor after a restart"
    await drain(sbot)
    assert len(await requests(sbot)) == 3
    assert (await project_of(sbot, scene["beshik"]))["next_request_at"] == SECOND_ASK.isoformat()

    admin = await admin_phone(sbot)
    await admin.send("/grants")
    await tap(admin, "1. Бешик-Джон")
    await tap(admin, "🔄 " + t("ru", "Status"))
    await tap(admin, "✅ " + t("ru", "done"))
    card = await expect(admin, "✅ " + t("ru", "Saved."))
    done = "✅ " + RU._("done") + " · " + RU._("{percent}%").format(percent=100)
    assert RU._("Status: {status}").format(status=done) in card["text"]
    assert (await project_of(sbot, scene["beshik"]))["next_request_at"] is None

    sbot.clock.set(SECOND_ASK + timedelta(minutes=1))
    assert await wake(sbot) == 1, "only Masy is asked again"
    await drain(sbot)
    assert len(await requests(sbot, beshik["id"])) == 2, "done: no more requests"
    second = await requests(sbot, masy["id"])
    assert [r["not_before"] for r in second] == [FIRST_ASK.isoformat(), SECOND_ASK.isoformat()]
    asked = [x for x in await texts(sbot, BESHIK[1]) if RU._(ASKED) in x]
    assert len(asked) == 1
