"""A member deactivated by staff gives up their places at seminars still ahead, so the
waitlist moves up; their answers and attendance at seminars already held stay as they were."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import translator
from tests.conftest import ADMIN_ID, add_members
from tests.seminars.helpers import START, drain, make_seminar, texts
from tests.seminars.test_seminars import answer


async def test_a_deactivated_members_seat_goes_to_the_waitlist_and_history_stays(sbot):
    leaving, waiting = 7601, 7602
    await add_members(sbot.services.db, sbot.emulator.url, [leaving, waiting])
    held = await make_seminar(sbot, starts_at=START, ends_at=START + timedelta(hours=6))
    ahead = await make_seminar(sbot, capacity=1, starts_at=START + timedelta(days=3),
                               ends_at=START + timedelta(days=3, hours=6))  # fmt: skip
    await answer(sbot, leaving, held.id, yes=True)
    await answer(sbot, leaving, ahead.id, yes=True)
    await answer(sbot, waiting, ahead.id, yes=True)
    sbot.clock.set(START + timedelta(minutes=5))
    await sbot.services.attendance.check_in(leaving, held.checkin_code, "code")
    await drain(sbot)

    user = await sbot.user(leaving)
    await sbot.services.membership.deactivate(ADMIN_ID, user.id)
    await drain(sbot)

    rows = await sbot.services.db.fetchall(
        "SELECT seminar_id, status, attended_at IS NOT NULL FROM seminar_invitations"
        " WHERE user_id = ? ORDER BY seminar_id",
        (user.id,),
    )
    assert [tuple(r) for r in rows] == [(held.id, "going", 1), (ahead.id, "declined", 0)]
    promoted = translator("ru")._("A place has opened up: you are now on the list of participants.")
    assert any(promoted in x for x in await texts(sbot, waiting))
    counts = (await sbot.services.seminars.card(ADMIN_ID, ahead.id))[1]
    assert counts["going"] == 1 and counts.get("waitlist", 0) == 0
