"""After a seminar ends, its organisers are asked to mark attendance and upload the photos and
the signed list; the uploads are kept with the seminar and listed on its card, and the one
reminder goes N days later only when nothing was uploaded. Planned in the database: moved with
the seminar, dropped when it is cancelled."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import translator
from bot.seminars.callbacks import CycleCb
from tests.conftest import ADMIN_ID, expect, tap
from tests.seminars.cycle_helpers import PDF, PNG, press_on_latest
from tests.seminars.helpers import END, START, drain, make_seminar, pushes
from tests.seminars.test_seminars import staff

RU = translator("ru")
ASKED = "The seminar «{title}» has ended. You are its organiser."
LATE = (
    "No photos or signed participants list for «{title}» yet. Please upload them: they are kept"
    " with the seminar for the report."
)


async def test_the_organiser_is_asked_after_the_end_and_the_uploads_show_on_the_card(sbot):
    admin = await staff(sbot)
    seminar = await make_seminar(sbot)
    rows = await pushes(sbot, "seminar_followup")
    assert len(rows) == 1 and rows[0]["not_before"] == END.isoformat(timespec="seconds")

    sbot.clock.set(END - timedelta(minutes=1))
    await drain(sbot)
    asked_text = RU._(ASKED).format(title=seminar.title_ru)
    assert not [m for m in await admin.messages() if asked_text in (m.get("text") or "")]
    sbot.clock.set(END + timedelta(minutes=1))
    await drain(sbot)
    asked = await expect(admin, asked_text)
    within = RU.ngettext(
        "Within {days} day, please: mark who attended, and upload the photos and the"
        " participants list with their signatures.",
        "Within {days} days, please: mark who attended, and upload the photos and the"
        " participants list with their signatures.",
        3,
    ).format(days=3)
    assert within in asked["text"]

    await tap(admin, "📷 " + RU._("Upload photos"))
    await expect(admin, RU._("Send the photos from «{title}». Press «Done» when all are in.")
                 .format(title=seminar.title_ru))  # fmt: skip
    await admin.send(photo=PNG)
    await expect(admin, RU.ngettext("{count} file kept.", "{count} files kept.", 1).format(count=1))
    await admin.send(document=("list.docx", b"PK\x03\x04 not a photo"))
    await expect(admin, RU._("Please send photos here, as photos or JPEG/PNG files."))
    await tap(admin, "✅ " + RU._("Done"))
    card = RU._("Photos: {photos} · signed list: {signed} · handouts: {handouts}")
    await expect(admin, card.format(photos=1, signed=0, handouts=0))

    await press_on_latest(admin, CycleCb(seminar_id=seminar.id, action="signed_list"))
    await admin.send(document=("signed.pdf", PDF))
    await expect(admin, RU.ngettext("{count} file kept.", "{count} files kept.", 1).format(count=1))
    kept = await sbot.services.db.fetchall(
        "SELECT purpose, kind, file_name FROM seminar_files WHERE seminar_id = ? ORDER BY id",
        (seminar.id,),
    )
    assert [tuple(r) for r in kept] == [("photo", "photo", None), ("signed_list", "document",
                                                                  "signed.pdf")]  # fmt: skip

    # uploads came in: the reminder three days on is dropped when it falls due, not sent
    sbot.clock.set(END + timedelta(days=3, minutes=1))
    await drain(sbot)
    [late] = await pushes(sbot, "seminar_followup_late")
    assert late["status"] == "cancelled"
    late_text = RU._(LATE).format(title=seminar.title_ru)
    assert not [m for m in await admin.messages() if late_text in (m.get("text") or "")]


async def test_the_reminder_comes_once_when_nothing_was_uploaded_and_moves_with_the_seminar(
    sbot,
):
    admin = await staff(sbot)
    seminar = await make_seminar(sbot)
    moved = {"starts_at": START + timedelta(days=1), "ends_at": END + timedelta(days=1)}
    await sbot.services.seminars.update(ADMIN_ID, seminar.id, moved, None)
    rows = await pushes(sbot, "seminar_followup")
    assert [r["not_before"] for r in rows if r["status"] == "pending"] == [
        (END + timedelta(days=1)).isoformat(timespec="seconds")
    ]
    sbot.clock.set(END + timedelta(days=4, minutes=1))
    await drain(sbot)
    late_text = RU._(LATE).format(title=seminar.title_ru)
    await expect(admin, late_text)
    await sbot.restart()
    sbot.clock.set(END + timedelta(days=9))
    await drain(sbot)
    late = [m for m in await admin.messages() if late_text in (m.get("text") or "")]
    assert len(late) == 1


async def test_a_cancelled_seminar_asks_nothing(sbot):
    await staff(sbot)
    seminar = await make_seminar(sbot)
    await sbot.services.seminars.cancel(ADMIN_ID, seminar.id)
    statuses = {r["status"] for t in ("seminar_followup", "seminar_followup_late")
                for r in await pushes(sbot, t)}  # fmt: skip
    assert statuses == {"cancelled"}


async def test_an_album_of_photos_gets_one_answer(sbot):
    admin = await staff(sbot)
    seminar = await make_seminar(sbot)
    sbot.clock.set(END + timedelta(hours=1))
    await admin.send("/seminars")
    await press_on_latest(admin, CycleCb(seminar_id=seminar.id, action="photos"))
    await expect(admin, RU._("Send the photos from «{title}». Press «Done» when all are in.")
                 .format(title=seminar.title_ru))  # fmt: skip
    await admin.send_album([{"photo": PNG} for _ in range(3)])
    three = RU.ngettext("{count} file kept.", "{count} files kept.", 3).format(count=3)
    await expect(admin, three)
    counted = [RU.ngettext("{count} file kept.", "{count} files kept.", n).format(count=n)
               for n in (1, 2, 3)]  # fmt: skip
    said = [m for m in await admin.messages()
            if any(c in (m.get("text") or "") for c in counted)]  # fmt: skip
    assert len(said) == 1, "one answer for the album, after its last item"
