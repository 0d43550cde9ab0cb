"""Pushes about one thing to one reader that are still unsent fold into one, the latest state
winning (issue 22, §5): the outbox on its own, then a submission's status and a seminar's
changes as the member reads them after coming back."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.clock import ManualClock
from bot.db import open_database
from bot.delivery.outbox import REPLACED, Outbox, Push
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members, database_for, expect, t
from tests.seminars.helpers import NOW, drain, make_seminar, pushes, texts


def push(key: str, chat: int, fold: str | None, **params) -> Push:
    return Push(key, chat, "note", params, fold=fold, merge=("fields",))


async def rows(db) -> dict[str, tuple[str, str | None, dict]]:
    found = await db.fetchall("SELECT dedupe_key, status, last_error, params FROM outbox")
    return {r[0]: (r[1], r[2], json.loads(r[3])) for r in found}


async def test_a_newer_push_replaces_the_unsent_ones_of_its_reader(tmp_path):
    db = await open_database(database_for(tmp_path / "fold.sqlite3"))
    try:
        outbox = Outbox(db, ManualClock(NOW))
        await outbox.enqueue_many([
            push("a1", 1, "seminar-changed:7", fields=["title"]),
            push("b1", 2, "seminar-changed:7", fields=["title"]),
            push("c1", 1, "seminar-changed:8", fields=["venue"]),
            push("d1", 1, None),
            push("e1", 1, "seminar-changed:7", fields=["capacity"]),
        ])  # fmt: skip
        found = await rows(db)
        assert "a1" not in found, "one call folds its own pushes too"
        assert found["e1"] == ("pending", None, {"fields": ["title", "capacity"]})
        await db.execute("UPDATE outbox SET status = 'blocked' WHERE dedupe_key = 'e1'")
        await db.execute("UPDATE outbox SET status = 'sent' WHERE dedupe_key = 'b1'")
        await outbox.enqueue_many([push("a2", 1, "seminar-changed:7", fields=["starts_at"])])
        await outbox.enqueue_many([push("b2", 2, "seminar-changed:7", fields=["city"])])
        found = await rows(db)
        assert found["e1"][:2] == ("cancelled", REPLACED), "a parked row is unsent too"
        assert found["a2"] == ("pending", None, {"fields": ["title", "capacity", "starts_at"]})
        assert found["b1"][0] == "sent" and found["b2"] == ("pending", None, {"fields": ["city"]})
        assert found["c1"][0] == found["d1"][0] == "pending", "another thing, or no fold"
        await outbox.enqueue("a3", 1, "notice", "note", {"fields": []}, fold="seminar-changed:7")
        found = await rows(db)
        assert found["a2"][:2] == ("cancelled", REPLACED) and found["a3"][0] == "pending"
        assert not await outbox.enqueue("a3", 1, "notice", "note", fold="seminar-changed:7")
        assert (await rows(db))["a3"][0] == "pending", "the same row again leaves it alone"
    finally:
        await db.close()


async def test_two_status_changes_reach_a_member_as_the_latest(sbot):
    muni = await place_members(sbot, "Beshik-Jon", [7701], langs=("ru",))
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    sent = await sbot.services.submissions.submit(
        7701, competition.id, muni, "Встречи с жителями.", 10, [], None
    )
    phone = sbot.phone(7701, lang="ru")
    await phone.block()
    reviews = sbot.services.reviews
    await reviews.set_status(ADMIN_ID, sent.submission.id, "under_review")
    await drain(sbot)
    sbot.clock.advance(minutes=3)
    await reviews.set_status(ADMIN_ID, sent.submission.id, "accepted")
    await drain(sbot)
    await phone.unblock()
    await phone.send("/start")
    await drain(sbot)
    head = t("ru", "The submission of {entrant} to «{title}» ({receipt}) is now: {status}.")
    accepted = head.format(entrant="Бешик-Джон", title=competition.title_ru,
                           receipt=sent.submission.receipt, status=t("ru", "accepted"))  # fmt: skip
    await expect(phone, accepted.split(" (")[0])
    await drain(sbot)
    status_pushes = [x for x in await texts(sbot, 7701) if sent.submission.receipt in x]
    assert len(status_pushes) == 1 and t("ru", "accepted") in status_pushes[0], status_pushes
    assert t("ru", "under review") not in status_pushes[0]
    queued = await pushes(sbot, "submission_status", 7701)
    assert [(r["status"], r["last_error"]) for r in queued] == [
        ("cancelled", REPLACED),
        ("sent", None),
    ]


async def test_two_changes_to_a_seminar_reach_a_member_as_one_notice(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7711])  # Kyrgyz
    seminar = await make_seminar(sbot)
    await drain(sbot)
    phone = sbot.phone(7711, lang="ky")
    await expect(phone, t("ky", "You are invited to a seminar."))
    await phone.block()
    seminars = sbot.services.seminars
    await seminars.update(ADMIN_ID, seminar.id, {"title_ky": "Бюджет жана тургундар"}, None)
    await drain(sbot)
    sbot.clock.advance(minutes=5)
    day = timedelta(days=1)
    moved = {"starts_at": seminar.starts_at + day, "ends_at": seminar.ends_at + day}
    await seminars.update(ADMIN_ID, seminar.id, moved, None)
    await drain(sbot)
    await phone.unblock()
    await phone.send("/start")
    await drain(sbot)
    what = ", ".join([t("ky", "title"), t("ky", "date and time")])
    head = "✏️ " + t("ky", "The seminar has changed: {what}.").format(what=what)
    notice = await expect(phone, head)
    assert "Бюджет жана тургундар" in notice["caption"], "the seminar as it is now"
    assert notice["document"]["file_name"] == f"seminar-{seminar.id}.ics"
    changed = [x for x in await texts(sbot, 7711) if "✏️" in x]
    assert changed == [notice["caption"]], "one notice, not two"
