"""Walk-ins recorded from the roster: a registered member who was not invited, found by name and
marked as attended; a guest by name and gender, who counts in the seminar's report and the donor
report as trained (and among the women), never as a distinct registered person."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from bot.core.errors import Refusal
from bot.i18n import translator
from bot.reports.views import summary as donor_summary
from bot.reports.xlsx import workbook
from bot.seminars.callbacks import CycleCb, GuestCb, SeminarCb, WalkinCb
from bot.seminars.repo import seminars as repo
from bot.seminars.views.report import summary
from tests.conftest import ADMIN_ID, add_members, expect, tap
from tests.seminars.cycle_helpers import alert_after, audit_rows, labels, press_on_latest
from tests.seminars.helpers import START, drain, make_seminar
from tests.seminars.test_seminars import answer, staff

RU = translator("ru")
GUEST, GUESTS = (
    f"Of them {{count}} {word} without registration ({{women}} women): counted as trained and"
    " among the women, not among the different people."
    for word in ("guest", "guests")
)


async def test_a_member_found_by_name_and_a_guest_are_recorded_and_counted(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7601])
    seminar = await make_seminar(sbot)
    await answer(sbot, 7601, seminar.id, yes=True)
    await add_members(sbot.services.db, sbot.emulator.url, [7602])  # approved later: not invited
    admin = await staff(sbot)
    sbot.clock.set(START + timedelta(minutes=30))

    await admin.send("/seminars")
    await press_on_latest(admin, SeminarCb(seminar_id=seminar.id, action="roster"))
    await tap(admin, "➕ " + RU._("Record a walk-in"))
    await admin.send("member 7602")
    state = await admin.wait_state(lambda st: any(x.startswith("Member 7602") for x in labels(st)))
    await admin.press(next(x for x in labels(state) if x.startswith("Member 7602")))
    assert (await admin.wait_callback_answer())["text"] == "✅ " + RU._("Recorded as attended.")
    found = await repo.invitation(sbot.services.db, seminar.id, (await sbot.user(7602)).id)
    assert found is not None and found.attended_at and found.attended_via == "staff"
    walked_in = (await sbot.user(7602)).id

    # already on the roster now: the same button again (or a forged one) records nothing
    refused = await alert_after(admin, WalkinCb(seminar_id=seminar.id, user_id=walked_in))
    assert refused == RU._(
        "This member can't be recorded here: they are already on the list or outside your regions."
    )

    await tap(admin, "➕ " + RU._("Record a walk-in"))
    await tap(admin, "👤 " + RU._("Add a guest"))
    await expect(admin, RU._("Write the guest's full name, as for the participants list."))
    await admin.send("Ж" * 101)
    await expect(admin, RU.ngettext(
        "This answer can have at most {limit} character.",
        "This answer can have at most {limit} characters.", 100).format(limit=100))  # fmt: skip
    with pytest.raises(Refusal):
        await sbot.services.walkins.guest_name(ADMIN_ID, "   ")
    await admin.send("Айгүл   Токтосунова")
    await tap(admin, RU._("Female"))
    await expect(admin, RU._("Guests without registration: {names}").format(
        names="Айгүл Токтосунова ♀"))  # fmt: skip
    guests = await sbot.services.db.fetchall("SELECT full_name, gender FROM seminar_guests")
    assert [tuple(g) for g in guests] == [("Айгүл Токтосунова", "female")]
    # a gender pressed again, with no guest name asked for, adds nobody
    assert await alert_after(admin, GuestCb(seminar_id=seminar.id, gender="male"))
    assert await sbot.services.db.count("SELECT COUNT(*) FROM seminar_guests") == 1
    admin_user = (await sbot.user(ADMIN_ID)).id
    assert await audit_rows(sbot, "walkin_recorded") == [
        (admin_user, f"#{walked_in}"), (admin_user, "guest")
    ]  # fmt: skip

    report = await sbot.services.seminar_reports.for_seminar(ADMIN_ID, seminar.id)
    assert report.total.attended == 2 and report.women.attended == 2, "the walk-in and the guest"
    assert report.people.people == 1 and report.guests.count == 1
    guest_line = RU.ngettext(GUEST, GUESTS, 1).format(count=1, women=1)
    assert guest_line in summary(RU, report)
    day = START.date()
    donor = await sbot.services.donor_reports.for_period(ADMIN_ID, day, day)
    assert donor.seminars.total.attended == 2 and donor.seminars.people.people == 1
    assert guest_line in donor_summary(RU, donor)
    [month] = donor.months
    assert (month.attended, month.people) == (2, 1), "the month's trainings count the guest"
    book = load_workbook(io.BytesIO(workbook(donor, RU, None, None)))
    listed = [r for r in book[RU._("Participants")].iter_rows(values_only=True)]
    [guest_row] = [r for r in listed if r[2] == "Айгүл Токтосунова"]
    assert guest_row[3] == RU._("Female") and guest_row[4] == RU._(
        "Guest, not registered with the bot"
    )
    await drain(sbot)


async def test_walk_ins_are_refused_before_check_in_opens_and_for_a_cancelled_seminar(sbot):
    seminar = await make_seminar(sbot)
    admin = await staff(sbot)
    opens = RU._("Check-in opens at {time}.").format(
        time=RU.datetime(seminar.starts_at - timedelta(hours=1))
    )
    await admin.send("/seminars")
    walkin = CycleCb(seminar_id=seminar.id, action="walkin")
    assert await alert_after(admin, walkin) == opens
    await sbot.services.seminars.cancel(ADMIN_ID, seminar.id)
    sbot.clock.set(START)
    assert await alert_after(admin, walkin) == RU._("This seminar has been cancelled.")
