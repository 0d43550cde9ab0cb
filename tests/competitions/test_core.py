"""The competition core on a clock: the call, reminders only to entrants that have not sent,
receipts, versions, deadlines, extensions and newcomers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.competitions.repo.submissions import StoredFile
from bot.core.errors import Refusal
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.seminars.helpers import drain, pushes, texts


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
    with pytest.raises(Refusal) as refused:
        await sbot.services.submissions.submit(8301, competition.id, beshik, "x", 1, [], None)
    assert refused.value.code == "closed"
    until = DEADLINE + timedelta(days=2)
    await sbot.services.competitions.extend(900_001, competition.id, beshik, until)
    sent = await sbot.services.submissions.submit(8301, competition.id, beshik, "x", 1, [], None)
    assert sent.version == 1


async def test_a_region_limited_coordinator_reaches_only_clusters_within_their_regions(sbot):
    from tests.competitions.helpers import make_cluster

    await place_members(sbot, "Beshik-Jon", [8401])
    await sbot.services.accounts.set_role(900_001, 8401, "coordinator", ["jalal-abad"])
    ours = await make_cluster(sbot, "nooken", ["Masy", "Dostuk"])
    await make_cluster(sbot, "osh-water", ["Bulolu", "Isanov"])
    await make_cluster(sbot, "mixed", ["Kenesh", "Isanov"])
    actor = await sbot.services.people.actor(8401)
    found = await sbot.services.competitions.entrant_ids(actor, "cluster", {"kind": "all"})
    assert found == [ours]
    admin = await sbot.services.people.actor(900_001)
    assert len(await sbot.services.competitions.entrant_ids(admin, "cluster", {"kind": "all"})) == 3


async def test_a_second_round_with_the_same_code_goes_on_with_the_receipt_numbers(sbot):
    beshik = await place_members(sbot, "Beshik-Jon", [8501])
    first = await make_competition(sbot)
    second = await make_competition(sbot, title_ru="Второй тур")
    sbot.services.clock.set(OPENS + timedelta(minutes=1))
    submit = sbot.services.submissions.submit
    one = await submit(8501, first.id, beshik, "Первый тур", 10, [], None)
    two = await submit(8501, second.id, beshik, "Второй тур", 10, [], None)
    assert (one.submission.receipt, two.submission.receipt) == ("IC-2026-001", "IC-2026-002")


def test_residents_take_plain_digits_only():
    from bot.competitions.service.submissions import check_residents

    assert check_residents("1 200") == 1200
    for bad in ("²", "①", "-5", "12.5", "много"):
        with pytest.raises(Refusal):
            check_residents(bad)


async def test_starting_another_draft_keeps_the_open_one(sbot):
    beshik = await place_members(sbot, "Beshik-Jon", [8601])
    first = await make_competition(sbot)
    second = await make_competition(sbot, code="SIAP")
    sbot.services.clock.set(OPENS + timedelta(minutes=1))
    draft = sbot.services.submission_draft
    await draft.begin(8601, first.id, beshik)
    await draft.text(8601, "Черновик, который нельзя потерять")
    with pytest.raises(Refusal) as refused:
        await draft.begin(8601, second.id, beshik)
    assert refused.value.code == "other_flow_open"
    kept = await draft.draft(8601)
    assert kept is not None and "нельзя потерять" in str(kept)


def test_typed_numbers_take_digits_and_spaces_only():
    from bot.competitions.service.results import check_grant
    from bot.competitions.service.reviews import check_score

    assert check_grant("5 000 000") == 5_000_000 and check_grant("5,000,000") == 5_000_000
    assert check_score(" 87 ") == 87
    for bad in ("²", "①", "101", "-1", "8.5"):
        with pytest.raises(Refusal):
            check_score(bad)
