"""What the grant tests share: a competition whose results are published with two grant
winners (Beshik-Jon, two members; Masy, one), and the admin's phone.

The clock stands at the day after the deadline, 2026-12-11 18:00 in Bishkek; tracking opened
then asks first on 2027-01-11 at 10:00 in Bishkek (04:00 UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.submissions import Result
from bot.i18n import translator
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, expect, t

RU = translator("ru")
KY = translator("ky")
BESHIK = [9101, 9102]
MASY = [9201]
FIRST_ASK = datetime(2027, 1, 11, 4, 0, tzinfo=UTC)
SECOND_ASK = datetime(2027, 2, 11, 4, 0, tzinfo=UTC)


async def published(sbot) -> dict:
    """Beshik-Jon wins 5 000 000 KGS, Masy an incentive prize with 1 000 000; published."""
    db = sbot.services.db
    beshik = await place_members(sbot, "Beshik-Jon", BESHIK, ("ky", "ru"))
    masy = await place_members(sbot, "Masy", MASY, ("ru",))
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=5))
    for member, entrant in ((BESHIK[0], beshik), (MASY[0], masy)):
        await sbot.services.submissions.submit(member, competition.id, entrant, "План", 100, [],
                                               None)  # fmt: skip
    sbot.clock.set(DEADLINE + timedelta(days=1))
    now = sbot.clock.now().isoformat()
    for result in (Result(beshik, "place", 1, 5_000_000, None),
                   Result(masy, "incentive", None, 1_000_000, None)):  # fmt: skip
        await subs_repo.record_result(db, competition.id, result, None, now)
    await comp_repo.update(db, competition.id, now, results_published_at=now)
    return {"competition": competition, "beshik": beshik, "masy": masy}


async def admin_phone(sbot):
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/start")
    await expect(admin, t("ru", "You are project staff. Send /help to see your commands."))
    return admin


async def project_of(sbot, entrant_id: int) -> dict:
    row = await sbot.services.db.fetchone(
        "SELECT * FROM grant_projects WHERE entrant_id = ?", (entrant_id,)
    )
    assert row is not None
    return dict(row)


async def requests(sbot, project_id: int | None = None) -> list[dict]:
    sql, params = "SELECT * FROM outbox WHERE template = 'grant_request'", []
    if project_id is not None:
        sql += " AND dedupe_key LIKE ?"
        params.append(f"grant-req:{project_id}:%")
    rows = await sbot.services.db.fetchall(sql + " ORDER BY id", params)
    return [dict(r) for r in rows]
