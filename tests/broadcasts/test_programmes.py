"""Broadcasts in an installation with two programmes: each goes out under its programme, to
the members it reaches and not to those who muted it; its staff alone see and stop it."""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, datetime

from bot.broadcasts.callbacks import BroadcastCb, BroadcastWizardCb
from bot.core.programmes import repo as programmes_repo
from bot.core.programmes.repo import NewProgramme
from bot.core.texts import note_room
from bot.i18n import translator
from tests.broadcasts.test_broadcasts import staff
from tests.conftest import ADMIN_ID, add_members, alert, button_shown, expect, t, tap
from tests.programmes import coordinator_of, two_programmes

RU = translator("ru")
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
WHICH = "Which programme is this for?"
LATER = "25.12.2030 14:30"
NOT_ALLOWED = "You are not allowed to do this."


async def name(bot, programme_id: int, lang: str = "ru") -> str:
    return (await bot.services.programmes.get(programme_id)).name(lang)


async def announce(bot, phone, programme_id: int | None, text: str, when: str | None = None):
    """Through the wizard as the author taps it: the programme (when asked), a Russian text
    only, no attachment, all members, then now or at `when`. Returns the reach the preview
    told and the new broadcast's id."""
    await phone.send("/broadcast")
    if programme_id is not None:
        await expect(phone, RU._(WHICH))
        await tap(phone, await name(bot, programme_id))
    await expect(phone, t("ru", "Send the announcement in Kyrgyz. You can use bold and italics."))
    await tap(phone, t("ru", "Skip: Russian only"))
    await expect(phone, t("ru", "Now send it in Russian."))
    await phone.send(text)
    await tap(phone, t("ru", "No attachment"))
    await expect(phone, t("ru", "Who should receive it?"))
    await tap(phone, t("ru", "All members"))
    preview = await expect(phone, t("ru", "Preview"))
    if when is None:
        await tap(phone, t("ru", "Send now"))
    else:
        await tap(phone, t("ru", "Schedule"))
        await phone.send(when)
    before = await bot.services.db.count("SELECT COALESCE(MAX(id), 0) FROM broadcasts")
    await tap(phone, "✅ " + t("ru", "Confirm and send"))
    deadline = asyncio.get_running_loop().time() + 5
    while await bot.services.broadcast_wizard.current(phone.user_id) is not None:
        assert asyncio.get_running_loop().time() < deadline, "the broadcast was not confirmed"
        await asyncio.sleep(0.02)
    found = await bot.services.db.count("SELECT COALESCE(MAX(id), 0) FROM broadcasts")
    assert found == before + 1
    return preview["text"], found


def reach(count: int) -> str:
    """The preview's audience line for all members."""
    one, many = "{audience}: {count} person", "{audience}: {count} people"
    return RU.ngettext(one, many, count).format(audience=RU._("All members"), count=count)


async def settle(bot, broadcast_id: int) -> dict[str, int]:
    """Waits (bounded) until nothing of the broadcast is left to send."""
    deadline = asyncio.get_running_loop().time() + 20
    while True:
        counts = await bot.services.broadcasts.counts(broadcast_id)
        if not counts.get("pending") and not counts.get("sending"):
            return counts
        assert asyncio.get_running_loop().time() < deadline, counts
        bot.app.bot_data["dispatcher"].wake()
        await asyncio.sleep(0.05)


def texts(messages: list[dict]) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in messages]


async def test_each_programme_labels_its_broadcasts_and_a_muted_one_stays_quiet(bot):
    psi, voice = await two_programmes(bot)
    await add_members(bot.services.db, bot.emulator.url, [7001, 7002])  # ky, ru
    admin = await staff(bot)
    shown, first = await announce(bot, admin, psi, "Новости PSI")
    assert reach(2) in shown
    assert RU._("Programme: {name}").format(name=await name(bot, psi)) in shown
    _, second = await announce(bot, admin, voice, "Новости Voice")
    for broadcast_id in (first, second):
        assert await settle(bot, broadcast_id) == {"sent": 2}
    for member, lang in ((7001, "ky"), (7002, "ru")):
        got = texts(await bot.phone(member, lang=lang).messages())
        note = "\n\n" + t("ky", "(Written in Russian only.)") if lang == "ky" else ""
        assert "📌 " + await name(bot, psi, lang) + "\nНовости PSI" + note in got
        assert "📌 " + await name(bot, voice, lang) + "\nНовости Voice" + note in got

    _, early = await announce(bot, admin, psi, "Заранее PSI", when=LATER)
    await bot.services.programmes.set_muted(7002, psi, True)
    shown, muted_psi = await announce(bot, admin, psi, "Снова PSI")
    assert reach(1) in shown, "the member who muted PSI is not counted"
    _, voice_again = await announce(bot, admin, voice, "Снова Voice")
    await bot.services.db.execute(
        "UPDATE outbox SET not_before = '2000-01-01T00:00:00+00:00' WHERE broadcast_id = ?",
        (early,),
    )
    assert await settle(bot, muted_psi) == {"sent": 1}
    assert await settle(bot, voice_again) == {"sent": 2}
    assert await settle(bot, early) == {"sent": 1, "cancelled": 1}
    dropped = await bot.services.db.fetchone(
        "SELECT status, last_error FROM outbox WHERE broadcast_id = ? AND chat_id = 7002",
        (early,),
    )
    assert tuple(dropped) == ("cancelled", "programme muted")
    quiet = "\n".join(texts(await bot.phone(7002).messages()))
    assert "Снова Voice" in quiet
    assert "Снова PSI" not in quiet and "Заранее PSI" not in quiet
    heard = "\n".join(texts(await bot.phone(7001, lang="ky").messages()))
    assert "Снова PSI" in heard and "Заранее PSI" in heard


async def test_a_coordinator_of_one_programme_cannot_touch_another_programmes_broadcast(bot):
    psi, voice = await two_programmes(bot)
    db = bot.services.db
    await add_members(db, bot.emulator.url, [7101, 7102])
    coordinator_tid = 7150
    coordinator_id = await coordinator_of(bot, coordinator_tid, psi)
    await programmes_repo.set_staff(db, voice, coordinator_id, [])
    coordinator = bot.phone(coordinator_tid, lang="ru", first_name="Coordinator")
    _, own_voice = await announce(bot, coordinator, voice, "Голос: заранее", when=LATER)
    _, own_psi = await announce(bot, coordinator, psi, "PSI: заранее", when=LATER)
    admin = await staff(bot)
    _, admins_voice = await announce(bot, admin, voice, "Голос от админа", when=LATER)
    await programmes_repo.drop_staff(db, coordinator_id, voice)

    before = [
        tuple(r) for r in await db.fetchall("SELECT id, status FROM broadcasts ORDER BY id")
    ] + [tuple(r) for r in await db.fetchall("SELECT id, status FROM outbox ORDER BY id")]
    seen = {m["message_id"] for m in await coordinator.messages()}
    await coordinator.send("/broadcasts")
    scheduled = t("ru", "Broadcast #{id} is scheduled for {when} (Bishkek time).")
    when = RU.datetime(datetime(2030, 12, 25, 8, 30, tzinfo=UTC))
    await expect(coordinator, scheduled.format(id=own_psi, when=when))
    last = (await coordinator.messages())[-1]
    for broadcast_id in (own_voice, admins_voice):
        for action in ("stop", "csv"):
            forged = BroadcastCb(broadcast_id=broadcast_id, action=action).pack()
            await coordinator.press(message_id=last["message_id"], callback_data=forged)
            assert await alert(coordinator) == t("ru", NOT_ALLOWED)
    after = [
        tuple(r) for r in await db.fetchall("SELECT id, status FROM broadcasts ORDER BY id")
    ] + [tuple(r) for r in await db.fetchall("SELECT id, status FROM outbox ORDER BY id")]
    assert after == before
    messages = await coordinator.messages()
    assert not any(m.get("document") for m in messages)
    listed = "\n".join(texts([m for m in messages if m["message_id"] not in seen]))
    for hidden in (own_voice, admins_voice):
        assert scheduled.format(id=hidden, when=when) not in listed
    history = await bot.services.broadcasts.history(coordinator_tid)
    assert [b.id for b, _ in history] == [own_psi]

    await admin.send("/broadcasts")
    item = await expect(admin, scheduled.format(id=admins_voice, when=when))
    assert item["text"].startswith("📌 " + await name(bot, voice))


async def test_the_programme_step_is_only_for_who_works_in_several(bot):
    psi, voice = await two_programmes(bot)
    db = bot.services.db
    await add_members(db, bot.emulator.url, [7201])
    both_id = await coordinator_of(bot, 7250, psi)
    await programmes_repo.set_staff(db, voice, both_id, [])
    await coordinator_of(bot, 7251, psi)
    other, _ = await bot.services.programmes.save(
        NewProgramme(code="other", name_ky="Башка", name_ru="Другая", name_en="Other"), []
    )

    single = bot.phone(7251, lang="ru", first_name="Single")
    await single.send("/broadcast")
    await expect(single, t("ru", "Send the announcement in Kyrgyz. You can use bold and italics."))
    assert not any(RU._(WHICH) in text for text in texts(await single.messages()))
    assert (await bot.services.broadcast_wizard.current(7251)).data["programme"] == psi

    both = bot.phone(7250, lang="ru", first_name="Both")
    await both.send("/broadcast")
    step = await expect(both, RU._(WHICH))
    labels = {b["text"] for row in step["buttons"] for b in row}
    assert {await name(bot, psi), await name(bot, voice)} <= labels
    assert other.name("ru") not in labels
    forged = BroadcastWizardCb(action="programme", value=str(other.id)).pack()
    await both.press(message_id=step["message_id"], callback_data=forged)
    assert await alert(both) == t("ru", NOT_ALLOWED)
    assert (await bot.services.broadcast_wizard.current(7250)).step == "programme"
    await tap(both, await name(bot, voice))
    await expect(both, t("ru", "Send the announcement in Kyrgyz. You can use bold and italics."))
    await tap(both, t("ru", "Skip: Russian only"))
    await expect(both, t("ru", "Now send it in Russian."))
    await both.send("Голос: новости")
    await tap(both, t("ru", "No attachment"))
    await tap(both, t("ru", "All members"))
    await tap(both, t("ru", "Send now"))
    await button_shown(both, "✅ " + t("ru", "Confirm and send"))
    await programmes_repo.drop_staff(db, both_id, voice)  # no longer staff when confirming
    await tap(both, "✅ " + t("ru", "Confirm and send"))
    assert await alert(both) == t("ru", NOT_ALLOWED)
    assert await db.count("SELECT COUNT(*) FROM broadcasts") == 0
    assert await db.count("SELECT COUNT(*) FROM outbox WHERE kind = 'broadcast'") == 0


async def test_a_programme_with_target_municipalities_reaches_only_them(bot):
    psi, voice = await two_programmes(bot)
    db = bot.services.db
    await add_members(db, bot.emulator.url, [7301])
    await add_members(db, bot.emulator.url, [7302], region="osh")
    target = (await bot.user(7301)).municipality_id
    await programmes_repo.set_targets(db, voice, [target])
    admin = await staff(bot)

    await admin.send("/broadcast")
    await tap(admin, await name(bot, voice))
    await tap(admin, t("ru", "Skip: Russian only"))
    await expect(admin, t("ru", "Now send it in Russian."))
    await admin.send("Только целевым")
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "By region"))
    regions = await db.fetchall("SELECT code, name_ru FROM regions")
    names = {code: name_ru for code, name_ru in regions}
    await button_shown(admin, names["jalal-abad"])
    picker = (await admin.messages())[-1]
    offered = {b["text"] for row in picker["buttons"] for b in row}
    assert names["osh"] not in offered, "the picker offers only what the programme reaches"
    await tap(admin, t("ru", "Cancel"))
    await expect(admin, t("ru", "Cancelled."))

    shown, voice_id = await announce(bot, admin, voice, "Голос: только целевым")
    assert reach(1) in shown
    shown, psi_id = await announce(bot, admin, psi, "PSI: всем")
    assert reach(2) in shown
    assert await settle(bot, voice_id) == {"sent": 1}
    assert await settle(bot, psi_id) == {"sent": 2}
    outside = "\n".join(texts(await bot.phone(7302).messages()))
    assert "PSI: всем" in outside and "Голос: только целевым" not in outside
    inside = "\n".join(texts(await bot.phone(7301, lang="ky").messages()))
    assert "Голос: только целевым" in inside


async def test_a_caption_leaves_room_for_the_programme_label(bot):
    psi, _ = await two_programmes(bot)
    programme = await bot.services.programmes.get(psi)
    label = max(len(f"📌 {programme.name(lang)}\n") + 1 for lang in ("ky", "ru", "en"))
    room = label + note_room()  # the text is in Russian only: Kyrgyz readers get the note
    admin = await staff(bot)
    await admin.send("/broadcast")
    await tap(admin, programme.name("ru"))
    await tap(admin, t("ru", "Skip: Russian only"))
    await expect(admin, t("ru", "Now send it in Russian."))
    await admin.send("а" * 1020)
    await expect(admin, t("ru", "Send a photo or a document to attach, or continue without one."))
    await admin.send(photo=PNG)
    refused = await expect(admin, "1020")
    assert str(1024 - room) in refused["text"], "the label and note would pass 1024"
    assert (await bot.services.broadcast_wizard.current(ADMIN_ID)).step == "attachment"
