"""A staff text written in one language only: readers of the other language get it with one
short note, in their own language, saying which language it was written in."""

from __future__ import annotations

from datetime import timedelta

from bot.core.texts import StaffTexts, note_room, telegram_length
from bot.i18n import translator
from tests.broadcasts.test_broadcasts import KY_TEXT, RU_TEXT, staff, to_audience
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members, expect, t, tap
from tests.seminars.helpers import drain, make_seminar, texts

KY_ONLY = "(Written in Kyrgyz only.)"
RU_ONLY = "(Written in Russian only.)"


async def test_a_kyrgyz_only_announcement_reaches_russian_readers_with_a_note(bot):
    await add_members(bot.services.db, bot.emulator.url, [5501, 5502])  # ky, ru
    admin = await staff(bot)
    await to_audience(admin, ru=None)
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "All members"))
    preview = await expect(admin, t("ru", "Preview"))
    assert (
        t(
            "ru",
            "Above: first the message for Kyrgyz readers, then for Russian readers. It is in "
            "one language only, so the other language's readers get a note saying so.",
        )
        in preview["text"]
    )
    shown = [m.get("text") for m in await admin.messages()]
    assert KY_TEXT in shown and KY_TEXT + "\n\n" + t("ru", KY_ONLY) in shown
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    await expect(admin, t("ru", "Broadcast #{id} finished.").format(id=1), timeout=10)
    russian = await bot.phone(5502).wait_for(lambda ms: any(KY_TEXT in m["text"] for m in ms))
    assert russian["text"] == KY_TEXT + "\n\n" + "(Текст написан только на кыргызском.)"
    assert russian["html"].endswith("<i>(Текст написан только на кыргызском.)</i>")
    kyrgyz = await bot.phone(5501).wait_for(lambda ms: any(KY_TEXT in m["text"] for m in ms))
    assert kyrgyz["text"] == KY_TEXT, "a reader of the written language gets no note"


async def test_a_bilingual_announcement_has_no_note(bot):
    await add_members(bot.services.db, bot.emulator.url, [5601, 5602])
    admin = await staff(bot)
    await to_audience(admin)
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "All members"))
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    await expect(admin, t("ru", "Broadcast #{id} finished.").format(id=1), timeout=10)
    for member, text in ((5601, KY_TEXT), (5602, RU_TEXT)):
        got = await bot.phone(member).wait_for(lambda ms, x=text: any(m["text"] == x for m in ms))
        assert got["text"] == text


async def test_a_text_that_may_go_alone_leaves_room_for_the_note(bot):
    """The wizard's limit counts the note, so the message the reader gets still fits 4096."""
    await add_members(bot.services.db, bot.emulator.url, [5701, 5702])  # ky, ru
    svc = bot.services.broadcast_wizard
    admin = await staff(bot)
    await admin.send("/broadcast")
    await expect(admin, t("ru", "Send the announcement in Kyrgyz. You can use bold and italics."))
    limit = 4096 - note_room()
    await admin.send("а" * (limit + 1))
    refused = await expect(admin, str(limit + 1))
    assert str(limit) in refused["text"]
    assert (await svc.current(ADMIN_ID)).step == "text_ky"
    await admin.send("а" * limit)
    await expect(admin, t("ru", "Now send it in Russian."))
    await tap(admin, t("ru", "Skip: Kyrgyz only"))
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "All members"))
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    await expect(admin, t("ru", "Broadcast #{id} finished.").format(id=1), timeout=10)
    assert await bot.services.broadcasts.counts(1) == {"sent": 2}
    russian = await bot.phone(5702).wait_for(lambda ms: any("ааа" in m["text"] for m in ms))
    assert russian["text"].endswith("(Текст написан только на кыргызском.)")
    assert telegram_length(russian["text"]) <= 4096


async def test_a_russian_text_beside_a_kyrgyz_one_has_the_whole_limit(bot):
    admin = await staff(bot)
    await to_audience(admin, ky=KY_TEXT, ru="б" * 4096)


async def test_a_russian_only_seminar_invitation_reaches_kyrgyz_readers_with_a_note(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7701, 7702])  # ky, ru
    await make_seminar(
        sbot, title_ky=None, title_ru="Бюджет для жителей", description_ky=None,
        description_ru="Как рассказать жителям о бюджете.",
    )  # fmt: skip
    await drain(sbot)
    note = "(Бул текст орус тилинде гана жазылган.)"
    (kyrgyz,) = [x for x in await texts(sbot, 7701) if "Бюджет для жителей" in x]
    assert kyrgyz.count(note) == 1, "one note for the title and the description"
    assert kyrgyz.index("Как рассказать жителям о бюджете.") < kyrgyz.index(note)
    assert t("ky", "You are invited to a seminar.") in kyrgyz
    (russian,) = [x for x in await texts(sbot, 7702) if "Бюджет для жителей" in x]
    assert "Текст написан" not in russian and note not in russian


async def test_a_kyrgyz_only_seminar_calendar_file_says_so(sbot):
    from bot.seminars.views.calendar import ics

    seminar = await make_seminar(sbot, title_ky="Бюджет", title_ru=None, description_ru=None)
    russian = ics(seminar, "ru").decode()
    assert "Текст написан только на кыргызском" in russian.replace("\r\n ", "")
    assert "жазылган" not in ics(seminar, "ky").decode().replace("\r\n ", "")


async def test_a_competition_call_with_kyrgyz_only_rules_has_one_note(sbot):
    await place_members(sbot, "Beshik-Jon", [8801, 8802])  # ky, ru
    await make_competition(sbot, rules_ky="Ар бир айыл аймагынан бир табыштама.", rules_ru=None)
    sbot.services.clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    note = "(Текст написан только на кыргызском.)"
    head = t("ru", "A competition is open.")
    (call,) = [x for x in await texts(sbot, 8802) if head in x]
    assert call.count(note) == 1
    assert "Ар бир айыл аймагынан бир табыштама." in call
    assert call.index("1 место: 500 000 сом") < call.index(note), "after the prizes"
    (kyrgyz,) = [x for x in await texts(sbot, 8801) if "Коммуналдык төлөмдөр боюнча маалымат" in x]
    assert "жазылган" not in kyrgyz


async def test_a_reminder_of_a_competition_titled_in_one_language_has_the_note(sbot):
    await place_members(sbot, "Beshik-Jon", [8901, 8902])  # ky, ru
    await make_competition(sbot, title_ru=None, description_ru=None, rules_ru=None,
                           prizes_ru=None, rules_ky="Эрежелер.")  # fmt: skip
    sbot.services.clock.set(DEADLINE - timedelta(days=3) + timedelta(minutes=1))
    await drain(sbot)
    head = t("ru", "Reminder: {entrant} has not sent its submission to «{title}» yet.")
    found = [x for x in await texts(sbot, 8902) if head.split("{")[0] in x]
    assert found
    assert all(x.endswith("\n(Текст написан только на кыргызском.)") for x in found)
    assert all("жазылган" not in x for x in await texts(sbot, 8901))


def test_one_note_per_message_in_each_language():
    for lang, expected in (
        ("ru", "(Текст написан только на кыргызском.)"),
        ("ky", ""),
        ("en", "(Written in Kyrgyz only.)"),
    ):
        staff = StaffTexts(translator(lang))
        staff.pick("Аталышы", None)
        staff.pick("Сүрөттөмө", None)
        staff.pick("Эки тилде", "На двух языках")
        assert staff.plain_note() == expected
    ky = StaffTexts(translator("ky"))
    ky.pick(None, "Только по-русски")
    assert ky.note() == "<i>(Бул текст орус тилинде гана жазылган.)</i>"
    en = StaffTexts(translator("en"))
    en.pick("Кыргызча гана", None)
    en.pick(None, "Только по-русски")
    assert en.plain_note() == "(Parts were written in Kyrgyz only, parts in Russian only.)"
    nothing = StaffTexts(translator("ru"))
    nothing.pick(None, None)
    assert nothing.note() == ""


def test_the_room_fits_every_note():
    for lang in ("ky", "ru", "en"):
        for msgid in (KY_ONLY, RU_ONLY):
            assert telegram_length("\n\n" + translator(lang)._(msgid)) <= note_room()
