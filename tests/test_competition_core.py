"""The competition core on a clock: the call, reminders only to entrants that have not sent,
receipts, versions, deadlines, extensions and newcomers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.repositories.submissions import StoredFile
from bot.services.steps import StepError
from tests.competition_helpers import DEADLINE, OPENS, make_competition, place_members
from tests.seminar_helpers import drain, pushes, texts


def photo(n: int) -> StoredFile:
    return StoredFile(n, "photo", f"file-{n}", f"uniq-{n}", None, "image/jpeg", 1000)


async def test_reminders_go_only_to_entrants_that_have_not_sent(sbot):
    beshik = await place_members(sbot, "Beshik-Jon", [8101, 8102])
    await place_members(sbot, "Masy", [8201])
    competition = await make_competition(sbot)
    rows = await pushes(sbot, "competition_reminder")
    assert {r["chat_id"] for r in rows} == {8101, 8102, 8201}
    assert len(rows) == 3 * 4
    clock = sbot.services.clock
    clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    assert any("Информационная" in x or "Коммуналдык" in x for x in await texts(sbot, 8101))
    sent = await sbot.services.submissions.submit(
        8101, competition.id, beshik, "Мы провели встречи.", 120, [photo(1)], None
    )
    assert sent.submission.receipt == "IC-2026-001"
    assert sent.told == 1
    clock.set(DEADLINE - timedelta(days=3) + timedelta(minutes=1))
    await drain(sbot)
    reminded = {r["chat_id"] for r in await pushes(sbot, "competition_reminder")
                if r["status"] == "sent"}  # fmt: skip
    assert reminded == {8201}


async def test_after_the_deadline_only_an_extension_lets_an_entrant_send(sbot):
    beshik = await place_members(sbot, "Beshik-Jon", [8301])
    competition = await make_competition(sbot)
    sbot.services.clock.set(DEADLINE + timedelta(minutes=5))
    with pytest.raises(StepError) as refused:
        await sbot.services.submissions.submit(8301, competition.id, beshik, "x", 1, [], None)
    assert refused.value.code == "closed"
    until = DEADLINE + timedelta(days=2)
    await sbot.services.competitions.extend(900_001, competition.id, beshik, until)
    sent = await sbot.services.submissions.submit(8301, competition.id, beshik, "x", 1, [], None)
    assert sent.version == 1
