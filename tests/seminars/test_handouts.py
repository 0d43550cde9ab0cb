"""Files for members: the agenda the invitations carry (and those already invited get by a
button), and handouts staff send after the seminar, which reach the attendees only, once, even
across a restart. A file of the wrong type is refused and nothing of it is kept."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import translator
from bot.seminars.callbacks import CycleCb, FileCb
from tests.conftest import ADMIN_ID, add_members, expect, tap
from tests.seminars.cycle_helpers import PDF, alert_after, audit_rows, press_on_latest
from tests.seminars.helpers import START, drain, make_seminar, pushes
from tests.seminars.test_seminars import answer, staff

RU, KY = translator("ru"), translator("ky")
MATERIALS = "Materials from the seminar «{title}», which you attended."


def named(messages: list[dict], name: str) -> list[dict]:
    return [m for m in messages if (m.get("document") or {}).get("file_name") == name]


async def kept(bot, purpose: str) -> list[str]:
    rows = await bot.services.db.fetchall(
        "SELECT file_name FROM seminar_files WHERE purpose = ? ORDER BY id", (purpose,)
    )
    return [r[0] for r in rows]


async def test_handouts_reach_the_attendees_only_and_once_across_a_restart(sbot):
    came, said_yes, silent = 7801, 7802, 7803
    await add_members(sbot.services.db, sbot.emulator.url, [came, said_yes, silent])
    seminar = await make_seminar(sbot)
    for member in (came, said_yes):
        await answer(sbot, member, seminar.id, yes=True)
    admin = await staff(sbot)
    await admin.send("/seminars")
    handouts = CycleCb(seminar_id=seminar.id, action="handouts")
    not_yet = await alert_after(admin, handouts)
    assert not_yet == RU._(
        "Handouts, photos and the signed list can be added once the seminar has started ({time})."
    ).format(time=RU.datetime(seminar.starts_at))

    sbot.clock.set(START + timedelta(hours=8))
    await sbot.services.attendance.toggle(ADMIN_ID, seminar.id, (await sbot.user(came)).id)
    await press_on_latest(admin, handouts)
    ready = RU.ngettext("{count} file ready to send.", "{count} files ready to send.", 0)
    await expect(admin, ready.format(count=0))
    await admin.send(document=("setup.exe", b"MZ\x90\x00"))
    await expect(admin, RU._("Handouts can be PDF, Word, Excel or PowerPoint files, or photos."))
    assert await kept(sbot, "handout") == []
    await admin.send(document=("notes.pdf", PDF))
    send = RU.ngettext("📤 Send to {count} attendee", "📤 Send to {count} attendees", 1)
    await tap(admin, send.format(count=1))
    await expect(
        admin,
        "📤 "
        + RU.ngettext(
            "{files} going to {count} attendee.", "{files} going to {count} attendees.", 1
        ).format(files=RU.ngettext("{count} file", "{count} files", 1).format(count=1), count=1),
    )
    await drain(sbot)

    got = await sbot.phone(came).wait_state(
        lambda st: any(
            m.get("document", {}).get("file_name") == "notes.pdf" for m in st["messages"]
        )
    )
    handout = next(
        m for m in got["messages"] if m.get("document", {}).get("file_name") == "notes.pdf"
    )
    assert KY._(MATERIALS).format(title=seminar.title_ky) in handout["caption"]
    for other in (said_yes, silent):
        assert not named(await sbot.phone(other).messages(), "notes.pdf")

    await sbot.restart()
    await drain(sbot)
    assert len(named(await sbot.phone(came).messages(), "notes.pdf")) == 1
    assert [r["status"] for r in await pushes(sbot, "seminar_handout")] == ["sent"]
    admin = sbot.phone(ADMIN_ID)
    nothing = await alert_after(admin, CycleCb(seminar_id=seminar.id, action="send_handouts"))
    assert nothing == RU._("There are no new handouts to send. Send the files first.")
    assert len(await audit_rows(sbot, "handouts_sent")) == 1


async def test_the_agenda_goes_with_new_invitations_and_by_a_button_to_those_invited(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7811])
    seminar = await make_seminar(sbot)
    await drain(sbot)
    admin = await staff(sbot)
    await admin.send("/seminars")
    await press_on_latest(admin, CycleCb(seminar_id=seminar.id, action="agenda"))
    await admin.send(document=("agenda.xlsx", b"PK\x03\x04"))
    await expect(admin, RU._("The agenda must be a PDF or Word file."))
    assert await kept(sbot, "agenda") == []
    await admin.send(document=("agenda.pdf", PDF))
    await expect(admin, RU._("The agenda is attached to «{title}». New invitations carry it.")
                 .format(title=seminar.title_ru))  # fmt: skip
    assert await kept(sbot, "agenda") == ["agenda.pdf"]

    # a member approved now is invited with the agenda attached
    await add_members(sbot.services.db, sbot.emulator.url, [7812])
    newcomer = await sbot.user(7812)
    assert await sbot.services.seminars.welcome(newcomer.id, 7812) == 1
    await drain(sbot)
    invited = KY._("You are invited to a seminar.")
    got = await expect(sbot.phone(7812), invited)
    assert got["document"]["file_name"] == "agenda.pdf"

    # one invited before gets it from the calendar link's invitation
    early = sbot.phone(7811, lang="ky")
    await early.send(f"/start seminar_{seminar.id}")
    await expect(early, invited)
    await tap(early, "📄 " + KY._("Agenda"))
    await early.wait_state(
        lambda st: any(
            m.get("document", {}).get("file_name") == "agenda.pdf" for m in st["messages"]
        )
    )
    # a member of no invitation can't get it with a forged button
    await add_members(sbot.services.db, sbot.emulator.url, [7813])
    stranger = sbot.phone(7813, lang="ky")
    await stranger.send("/seminars")
    agenda_id = (await sbot.services.seminar_files.agenda(seminar.id)).id
    refused = await alert_after(stranger, FileCb(seminar_id=seminar.id, file_id=agenda_id))
    assert refused == KY._("This invitation is not for you.")
