"""Co-organisers: a coordinator limited to other regions can't touch a seminar until its
organisers add them from the card; then they edit it and mark attendance, and the audit log
names them. Only staff of the seminar's programme can be added, whatever button is forged."""

from __future__ import annotations

from bot.i18n import translator
from bot.seminars.callbacks import AttendCb, CycleCb, OrganiserCb
from tests.conftest import ADMIN_ID, add_members, expect, tap
from tests.programmes import coordinator_of
from tests.seminars.cycle_helpers import alert_after, audit_rows, labels, press_on_latest
from tests.seminars.helpers import START, make_seminar
from tests.seminars.test_seminars import answer, staff

RU, KY = translator("ru"), translator("ky")
NOT_ORGANISER = RU._("This is for the seminar's organisers only.")


async def test_a_co_organiser_edits_and_marks_attendance_under_their_own_name(sbot):
    db = sbot.services.db
    osh = (await db.fetchone("SELECT id FROM regions WHERE code = 'osh'"))[0]
    coord = 7701
    coord_user = await coordinator_of(sbot, coord, 1, regions=[osh])
    await add_members(db, sbot.emulator.url, [7702, 7703])
    seminar = await make_seminar(sbot)
    await answer(sbot, 7702, seminar.id, yes=True)
    member = (await sbot.user(7702)).id
    helper = sbot.phone(coord, first_name="Бакыт")
    await helper.send("/seminars")
    await expect(helper, RU._("There are no seminars yet. Send /newseminar to create one."))
    sbot.clock.set(START)
    assert await alert_after(helper, AttendCb(seminar_id=seminar.id, user_id=member)) == (
        NOT_ORGANISER
    )

    admin = await staff(sbot)
    await admin.send("/seminars")
    await press_on_latest(admin, CycleCb(seminar_id=seminar.id, action="organisers"))
    await tap(admin, f"➕ Coordinator {coord}")
    await expect(admin, f"• Coordinator {coord}")
    admin_user = (await sbot.user(ADMIN_ID)).id
    assert await audit_rows(sbot, "coorganiser_added") == [(admin_user, f"#{coord_user}")]
    # pressed twice (a double tap), they are added once
    await alert_after(admin, OrganiserCb(seminar_id=seminar.id, user_id=coord_user, add=1))
    assert len(await audit_rows(sbot, "coorganiser_added")) == 1

    await helper.send("/seminars")
    await helper.wait_state(lambda st: any(seminar.title_ru in x for x in labels(st)))
    await press_on_latest(helper, AttendCb(seminar_id=seminar.id, user_id=member))
    await helper.wait_state(lambda st: "✅ Member 7702" in labels(st))
    assert await audit_rows(sbot, "attendance_marked") == [(coord_user, f"#{member} ✓")]
    await sbot.services.seminars.update(coord, seminar.id, {"capacity": 40}, None)
    assert await audit_rows(sbot, "seminar_edited") == [(coord_user, "capacity")]
    followups = await db.fetchall(
        "SELECT chat_id FROM outbox WHERE template = 'seminar_followup' AND status = 'pending'"
    )
    assert {r[0] for r in followups} == {ADMIN_ID, coord}, "both organisers get the follow-up"

    await press_on_latest(admin, OrganiserCb(seminar_id=seminar.id, user_id=coord_user, add=0))
    await expect(admin, RU._("Each co-organiser can edit the seminar and mark attendance. Add:"))
    assert await audit_rows(sbot, "coorganiser_removed") == [(admin_user, f"#{coord_user}")]
    assert await alert_after(helper, AttendCb(seminar_id=seminar.id, user_id=member)) == (
        NOT_ORGANISER
    )


async def test_a_member_or_a_stranger_can_not_be_made_co_organiser(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7711])
    seminar = await make_seminar(sbot)
    admin = await staff(sbot)
    await admin.send("/seminars")
    member = (await sbot.user(7711)).id
    refused = await alert_after(admin, OrganiserCb(seminar_id=seminar.id, user_id=member, add=1))
    assert refused == RU._(
        "Only coordinators of this seminar's programme can be its co-organisers."
    )
    assert await sbot.services.db.count("SELECT COUNT(*) FROM seminar_organisers") == 0
    # a member can't add themselves, nor open the organisers of a seminar
    phone = sbot.phone(7711, lang="ky")
    await phone.send("/seminars")
    await expect(phone, KY._("Upcoming seminars"))
    not_theirs = KY._("This is for the seminar's organisers only.")
    assert await alert_after(phone, OrganiserCb(seminar_id=seminar.id, user_id=member, add=1)) == (
        not_theirs
    )
    assert await alert_after(phone, CycleCb(seminar_id=seminar.id, action="organisers")) == (
        not_theirs
    )
    assert await sbot.services.db.count("SELECT COUNT(*) FROM seminar_organisers") == 0
