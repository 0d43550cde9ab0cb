"""Broadcasts end to end: the wizard, delivery in each language, progress, stop, history, mute."""

from __future__ import annotations

import base64
import csv
import io
from datetime import UTC, datetime

from bot.broadcasts.callbacks import BroadcastCb, BroadcastWizardCb
from bot.core.texts import note_room
from bot.i18n import translator
from bot.seminars.callbacks import SeminarFormCb
from tests.conftest import ADMIN_ID, add_members, alert, button_shown, expect, t, tap

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
MUTED = (
    "Announcements are off. Messages about your own seminars, submissions and account "
    "still arrive. Send /unmute to turn them on."
)
KY_TEXT = "Семинар 5-декабрда Жалал-Абадда болот."
RU_TEXT = "Семинар пройдёт 5 декабря в Джалал-Абаде."


def reach(audience: str, count: int, lang: str = "ru") -> str:
    """The preview's line naming the audience: "Джалал-Абадская область: 3 человека"."""
    one, many = "{audience}: {count} person", "{audience}: {count} people"
    return translator(lang).ngettext(one, many, count).format(audience=audience, count=count)


async def staff(bot):
    admin = bot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/start")
    await expect(admin, t("ru", "You are project staff. Send /help to see your commands."))
    return admin


async def to_audience(admin, ky=KY_TEXT, ru=RU_TEXT):
    await admin.send("/broadcast")
    await expect(admin, t("ru", "Send the announcement in Kyrgyz. You can use bold and italics."))
    if ky:
        await admin.send(ky)
    else:
        await tap(admin, t("ru", "Skip: Russian only"))
    await expect(admin, t("ru", "Now send it in Russian."))
    if ru:
        await admin.send(ru)
    else:
        await tap(admin, t("ru", "Skip: Kyrgyz only"))
    await expect(admin, t("ru", "Send a photo or a document to attach, or continue without one."))


async def test_broadcast_by_region_with_a_photo_reaches_each_in_their_language(bot):
    await add_members(bot.services.db, bot.emulator.url, [5001, 5002, 5003])
    await add_members(bot.services.db, bot.emulator.url, [5004], region="osh")
    admin = await staff(bot)
    await to_audience(admin)
    await admin.send(photo=PNG)
    await expect(admin, t("ru", "Who should receive it?"))
    await tap(admin, t("ru", "By region"))
    await tap(admin, "Джалал-Абадская область")
    await button_shown(admin, "✓ Джалал-Абадская область")
    await tap(admin, t("ru", "Done"))
    preview = await expect(admin, t("ru", "Preview"))
    assert reach("Джалал-Абадская область", 3) in preview["text"], "the audience is named"
    shown = [m.get("caption") for m in await admin.messages() if m.get("photo")]
    assert shown == [KY_TEXT, RU_TEXT], "the preview is the message each language will get"
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    await expect(admin, t("ru", "Broadcast #{id} finished.").format(id=1), timeout=10)
    for member, text in ((5001, KY_TEXT), (5002, RU_TEXT), (5003, KY_TEXT)):
        phone = bot.phone(member)
        got = await phone.wait_for(lambda ms, text=text: any(m.get("caption") == text for m in ms))
        assert got is not None
        assert sum(1 for m in await phone.messages() if m.get("photo")) == 1
    outsider = bot.phone(5004)
    assert not any(m.get("photo") for m in await outsider.messages())


async def test_one_language_only_falls_back_and_the_preview_says_so(bot):
    await add_members(bot.services.db, bot.emulator.url, [5101, 5102])
    admin = await staff(bot)
    await to_audience(admin, ky=None)
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "All members"))
    preview = await expect(admin, t("ru", "Preview"))
    assert (
        t(
            "ru",
            "Above: first the message for Kyrgyz readers, then for Russian readers. It is in "
            "one language only, so the other language's readers get a note saying so.",
        )
        in (preview["text"])
    )
    with_note = RU_TEXT + "\n\n" + t("ky", "(Written in Russian only.)")
    shown = [m.get("text") for m in await admin.messages()]
    assert shown.count(with_note) == 1 and shown.count(RU_TEXT) == 1
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    kyrgyz_reader = bot.phone(5101)
    await kyrgyz_reader.wait_for(lambda ms: any(m.get("text") == with_note for m in ms))


async def test_bad_input_in_the_wizard(bot):
    await add_members(bot.services.db, bot.emulator.url, [5201])
    admin = await staff(bot)
    await admin.send("/broadcast")
    await tap(admin, t("ru", "Skip: Russian only"))
    await tap(admin, t("ru", "Skip: Kyrgyz only"))
    assert await alert(admin) == t("ru", "Please write the text in at least one language.")
    await admin.send("а" * 1500)
    await expect(admin, t("ru", "Send a photo or a document to attach, or continue without one."))
    await admin.send(sticker=True)
    await expect(admin, t("ru", "Only a photo or a document can be attached."))
    await admin.send(photo=PNG)
    too_long = await expect(admin, "1500")
    assert str(1024 - note_room()) in too_long["text"], "a Russian-only text gets the note"
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "By position"))
    await tap(admin, t("ru", "Done"))
    assert await alert(admin) == t(
        "ru", "No registered member matches this audience. Please choose another."
    )
    await tap(admin, t("ru", "Head of the aiyl okmotu"))
    await tap(admin, t("ru", "Done"))
    await tap(admin, t("ru", "Schedule"))
    await expect(admin, t("ru", "When should it go out?"))
    await admin.send("01.01.2020 10:00")
    await expect(admin, t("ru", "This time has already passed. Please give a time in the future."))
    await admin.send("завтра")
    await expect(admin, t("ru", "I couldn't read this time."))
    assert (await bot.services.broadcast_wizard.current(ADMIN_ID)).step == "schedule"


async def test_a_member_cannot_broadcast_or_stop_one(bot):
    await add_members(bot.services.db, bot.emulator.url, [5301, 5302])
    member = bot.phone(5301)
    await member.send("/broadcast")
    await expect(member, t("ky", "This command is for project staff."))
    last = (await member.messages())[-1]
    forged = BroadcastWizardCb(action="kind", value="all").pack()
    await member.press(message_id=last["message_id"], callback_data=forged)
    assert await alert(member) == t(
        "ky", "This button is from an earlier step. Here is where you are now:"
    )
    admin = await staff(bot)
    await to_audience(admin)
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "All members"))
    await tap(admin, t("ru", "Schedule"))
    await admin.send("25.12.2030 14:30")
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    scheduled = t("ru", "Broadcast #{id} is scheduled for {when} (Bishkek time).")
    when = translator("ru").datetime(datetime(2030, 12, 25, 8, 30, tzinfo=UTC))
    await expect(admin, scheduled.format(id=1, when=when))
    stop = BroadcastCb(broadcast_id=1, action="stop").pack()
    await member.press(message_id=last["message_id"], callback_data=stop)
    assert await alert(member) == t("ky", "You are not allowed to do this.")
    assert (await bot.services.broadcasts.counts(1)) == {"pending": 2}
    await member.send("/broadcasts")
    await expect(member, t("ky", "This command is for project staff."))


async def test_stop_history_csv_and_mute(bot):
    await add_members(bot.services.db, bot.emulator.url, [5401, 5402, 5403])
    quiet = bot.phone(5403)
    await quiet.send("/mute")
    await expect(
        quiet,
        t(
            "ky",
            MUTED,
        ),
    )
    admin = await staff(bot)
    await to_audience(admin)
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "All members"))
    preview = await expect(admin, t("ru", "Preview"))
    everyone = reach(t("ru", "All members"), 2)
    assert everyone in preview["text"], "the muted member is not counted"
    await tap(admin, t("ru", "Schedule"))
    await admin.send("25.12.2030 14:30")
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    await tap(admin, "⏹ " + t("ru", "Stop sending"))
    await expect(admin, t("ru", "Broadcast #{id} stopped.").format(id=1))
    assert await bot.services.broadcasts.counts(1) == {"cancelled": 2}
    await admin.send("/broadcasts")
    await tap(admin, t("ru", "Recipients (CSV)"))
    sent = await admin.wait_for(lambda ms: any(m.get("document") for m in ms))
    data = await admin.download(sent["document"]["file_id"])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted(int(r[t("ru", "Telegram ID")]) for r in rows) == [5401, 5402]
    assert {r[t("ru", "Status")] for r in rows} == {t("ru", "not sent (stopped or muted)")}
    await quiet.send("/unmute")
    await expect(quiet, t("ky", "Announcements are on again."))


async def test_a_text_longer_than_telegram_allows_is_refused_not_cut(bot):
    svc = bot.services.broadcast_wizard
    admin = await staff(bot)
    await admin.send("/broadcast")
    await expect(admin, t("ru", "Send the announcement in Kyrgyz. You can use bold and italics."))
    try:
        await svc.text(ADMIN_ID, "<b>x</b>" * 100, 5000)
    except Exception as exc:  # noqa: BLE001
        assert getattr(exc, "code", None) == "text_too_long"
    else:
        raise AssertionError("a 5000-character text was accepted")
    assert (await svc.current(ADMIN_ID)).step == "text_ky"
    await tap(admin, t("ru", "Skip: Russian only"))
    await expect(admin, t("ru", "Now send it in Russian."))
    await admin.send("ок")
    await admin.send("ещё текст")
    await expect(admin, t("ru", "Please choose with the buttons above."))


async def test_an_old_cancel_button_of_another_wizard_leaves_the_open_one_alone(bot):
    admin = await staff(bot)
    await admin.send("/newseminar")
    await expect(admin, t("ru", "Write the seminar's title in Kyrgyz."))
    await admin.send("/broadcast")
    await expect(admin, t("ru", "Send the announcement in Kyrgyz. You can use bold and italics."))
    last = (await admin.messages())[-1]
    old = SeminarFormCb(action="abort", value="-").pack()
    await admin.press(message_id=last["message_id"], callback_data=old)
    assert await alert(admin) == t(
        "ru", "This button is from an earlier step. Here is where you are now:"
    )
    assert (await bot.services.broadcast_wizard.current(ADMIN_ID)).step == "text_ky"
    cancel = BroadcastWizardCb(action="abort", value="-").pack()
    await admin.press(message_id=last["message_id"], callback_data=cancel)
    await expect(admin, t("ru", "Cancelled."))
    assert await bot.services.current_flow(ADMIN_ID) is None


async def test_leaving_the_announcement_form_after_three_answers_asks_first(bot):
    await add_members(bot.services.db, bot.emulator.url, [5201])
    admin = await staff(bot)
    await to_audience(admin)
    await tap(admin, t("ru", "No attachment"))
    await expect(admin, t("ru", "Who should receive it?"))
    await tap(admin, t("ru", "All members"))
    await expect(admin, t("ru", "Preview"))
    await admin.send("/cancel")
    await expect(admin, t("ru", "Leave the announcement form?"))
    await tap(admin, "▶️ " + t("ru", "Keep going"))
    await expect(admin, t("ru", "Preview"))
    assert (await bot.services.broadcast_wizard.current(ADMIN_ID)) is not None
    await admin.send("/cancel")
    await tap(admin, "🚪 " + t("ru", "Leave"))
    await expect(admin, t("ru", "Cancelled."))
    assert await bot.services.current_flow(ADMIN_ID) is None
