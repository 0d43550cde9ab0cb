"""Programmes as admins, coordinators and members meet them: staff per programme, one shared
approval, a member's mute switches, a guarded close, and the command line."""

from __future__ import annotations

from bot.core.programmes.callbacks import ProgrammeCb
from tests.accounts.test_registration import admin_phone, register
from tests.conftest import ADMIN_ID, PILOT_CSV, add_members, alert, expect, t, tap
from tests.programmes import PSI, VOICE, coordinator_of, two_programmes
from tests.seminars.helpers import make_seminar
from tests.test_cli import base_env, run_cli

MEMBER = 810_001


async def region(bot, code: str) -> int:
    return (await bot.services.db.fetchone("SELECT id FROM regions WHERE code = ?", (code,)))[0]


async def test_promote_names_the_programme_when_there_are_several(bot):
    admin = await admin_phone(bot)
    person = bot.phone(820_001)
    await person.send("/start")
    await expect(person, "")  # known to the bot before anyone promotes them
    await admin.send("/promote 820001 naryn")  # one programme: no code needed
    await admin.send("/staff")
    await expect(admin, "main: Naryn")
    await two_programmes(bot)
    await admin.send("/promote 820001")
    await expect(admin, "/promote 12345 psi")
    await admin.send("/promote 820001 voice naryn")
    await admin.send("/promote 820001 psi")
    await admin.send("/staff")
    listing = await expect(admin, "voice: Naryn")
    assert "psi: " + t("en", "all regions") in listing["text"]
    actor = await bot.services.people.actor(820_001)
    assert actor.programmes == {1: (), 2: (await region(bot, "naryn"),)}
    await admin.send("/demote 820001 psi")
    await admin.send("/staff")
    await expect(admin, "(id 820001): ")
    actor = await bot.services.people.actor(820_001)
    assert set(actor.programmes) == {2} and actor.is_coordinator


async def test_any_programme_working_in_the_region_may_approve(bot):
    psi, voice = await two_programmes(bot)
    await coordinator_of(bot, 830_001, voice, [await region(bot, "naryn")])
    await coordinator_of(bot, 830_002, psi, [await region(bot, "jalal-abad")])
    naryn, jalal = bot.phone(830_001), bot.phone(830_002)
    for phone in (naryn, jalal):
        await phone.send("/pending")
    await register(bot, bot.phone(830_010), "ru", name="Осмонов Бакыт")  # Beshik-Jon, Jalal-Abad
    await naryn.send("/pending")
    await jalal.send("/pending")
    card = await expect(jalal, "Осмонов Бакыт")
    assert card["buttons"], "the PSI coordinator of Jalal-Abad gets the card to decide"
    texts = [m["text"] for m in await naryn.messages()]
    assert not any("Осмонов Бакыт" in text for text in texts)


async def test_a_member_mutes_one_programme_with_a_tap(bot):
    psi, voice = await two_programmes(bot)
    await add_members(bot.services.db, bot.emulator.url, [MEMBER])
    phone = bot.phone(MEMBER, lang="ky")
    await phone.send("/programmes")
    await expect(phone, t("ky", "The programmes that work with your municipality:"))
    await tap(phone, t("ky", "🔕 Mute {name}").format(name=PSI.name_ky))
    screen = await expect(
        phone, t("ky", "🔕 {name}: its announcements are muted").format(name=PSI.name_ky)
    )
    assert "🔔 " + VOICE.name_ky in screen["text"]
    found = {m.programme.code: m.muted for m in await bot.services.programmes.of_member(MEMBER)}
    assert found == {"psi": True, "voice": False}
    await tap(phone, t("ky", "🔔 Hear from {name}").format(name=PSI.name_ky))
    await expect(phone, "🔔 " + PSI.name_ky + "\n")
    assert not (await bot.services.programmes.of_member(MEMBER))[0].muted

    await bot.services.db.execute(
        "INSERT INTO programme_targets (programme_id, municipality_id)"
        " SELECT ?, id FROM municipalities WHERE name_en = 'Masy'",
        (voice,),
    )  # Voice now works only with Masy: the member's Beshik-Jon is out of its reach
    forged = ProgrammeCb(action="mute", programme_id=voice).pack()
    last = (await phone.messages())[-1]
    await phone.press(message_id=last["message_id"], callback_data=forged)
    assert await alert(phone) == t(
        "ky", "This button is from an earlier step. Here is where you are now:"
    )
    assert await bot.services.db.fetchall("SELECT * FROM programme_mutes") == []


async def test_closing_says_what_it_stops_and_marks_the_pushes(bot):
    psi, voice = await two_programmes(bot)
    await add_members(bot.services.db, bot.emulator.url, [MEMBER])
    await bot.services.outbox.enqueue(
        "test-later", MEMBER, "broadcast", "broadcast", {"broadcast_id": 0},
        not_before=bot.services.clock.now().replace(year=2099), programme_id=voice,
    )  # fmt: skip
    await coordinator_of(bot, 840_001, voice)
    coordinator = bot.phone(840_001)
    forged = ProgrammeCb(action="confirm_close", programme_id=voice).pack()
    await coordinator.send("/programmes")
    listing = await expect(coordinator, t("ru", "Programmes:"))
    assert not listing["buttons"], "only an administrator closes a programme"
    await coordinator.press(message_id=listing["message_id"], callback_data=forged)
    assert await alert(coordinator) == t("ru", "This command is for administrators.")

    admin = await admin_phone(bot)
    await admin.send("/programmes")
    await tap(admin, t("en", "Close {name}").format(name=VOICE.name_en))
    confirm = await expect(admin, t("en", "This can't be undone."))
    assert "1 scheduled message will not be sent." in confirm["text"]
    await tap(admin, t("en", "Yes, close it"))
    await expect(admin, t("en", "«{name}» is closed.").format(name=VOICE.name_en))
    row = await bot.services.db.fetchone(
        "SELECT status, last_error FROM outbox WHERE dedupe_key = 'test-later'"
    )
    assert tuple(row) == ("cancelled", "programme closed")
    assert [
        p.code
        for p in await bot.services.programmes.open_to(await bot.services.people.actor(ADMIN_ID))
    ] == ["psi"]


async def test_status_groups_by_programme_for_a_member_of_both(sbot):
    bot = sbot
    psi, voice = await two_programmes(bot)
    await add_members(bot.services.db, bot.emulator.url, [MEMBER])
    await make_seminar(bot, title_ky="Бюджет ПСИ", programme_id=psi)
    await make_seminar(bot, title_ky="Голос бюджет", programme_id=voice)
    phone = bot.phone(MEMBER)
    await phone.send("/status")
    status = await expect(phone, "Голос бюджет")
    text = status["text"]
    assert text.index(PSI.name_ky) < text.index("Бюджет ПСИ") < text.index(VOICE.name_ky)
    assert text.index(VOICE.name_ky) < text.index("Голос бюджет")  # the member reads Kyrgyz


async def test_the_command_line_adds_lists_closes_and_imports_targets(tmp_path):
    env = base_env(tmp_path)
    assert (await run_cli("import-municipalities", str(PILOT_CSV), env=env))[0] == 0
    code, out, _ = await run_cli(
        "programme", "add", "voice", "--name-ky", VOICE.name_ky, "--name-ru", VOICE.name_ru,
        "--name-en", VOICE.name_en, "--donor", "Switzerland", "--implementers", "DPI",
        "--regions", "jalal-abad,naryn", "--starts", "2026-01-01", "--ends", "2028-12-31", env=env,
    )  # fmt: skip
    assert code == 0 and "programme voice added" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("municipality\nBeshik-Jon\nAtlantis\n", encoding="utf-8")
    code, out, _ = await run_cli("import-targets", "voice", str(bad), env=env)
    assert code == 1 and "line 3" in out and "Atlantis" in out and "nothing was imported" in out
    good = tmp_path / "good.csv"
    good.write_text("municipality\nBeshik-Jon\nМасы\n", encoding="utf-8")
    code, out, _ = await run_cli("import-targets", "voice", str(good), env=env)
    assert code == 0 and "2 target municipalities" in out
    code, out, _ = await run_cli("programme", "list", env=env)
    assert "voice\tactive" in out and "targets: 2" in out and "reaches 2 municipalities" in out
    code, out, _ = await run_cli("programme", "add", "x y", "--name-ky", "a", "--name-ru", "b",
                                 "--name-en", "c", env=env)  # fmt: skip
    assert code == 1 and "x y" in out
    code, out, _ = await run_cli("programme", "close", "voice", "--yes", env=env)
    assert code == 0 and "closed; 0 scheduled pushes dropped" in out
    code, out, _ = await run_cli("programme", "list", env=env)
    assert "voice\tclosed" in out
