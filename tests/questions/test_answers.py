"""Plain questions answered through the emulator: the next seminar with its answer buttons, the
deadline and time left, our submission's receipt, the registration, the language, the pointer
with the coordinator for what the bot can't answer, and another municipality's data only for
staff who cover it."""

from __future__ import annotations

from bot.i18n import translator
from tests.conftest import ADMIN_ID, expect, t
from tests.questions.helpers import (
    BESHIK,
    ISSYK_COORDINATOR,
    JALAL_COORDINATOR,
    KYZYL,
    ask,
    labels,
    world,
)

KY, RU = translator("ky"), translator("ru")


async def test_the_next_seminar_is_answered_with_its_buttons_in_kyrgyz(sbot):
    found = await world(sbot)
    phone = sbot.phone(BESHIK[0], lang="ky")
    shown = await ask(phone, "качан семинар", t("ky", "Your next seminar"))
    assert found.seminar.title_ky in shown["text"]
    assert KY.span(found.seminar.starts_at, found.seminar.ends_at) in shown["text"]
    assert "ул. Ленина, 1" in shown["text"]
    assert t("ky", "You haven't answered yet.") in shown["text"]
    assert found.kyzyl_seminar.title_ky not in shown["text"], "another municipality's seminar"
    yes = "✅ " + t("ky", "I will attend")
    assert labels(shown) == [yes, "❌ " + t("ky", "I can't attend")]

    await phone.press(yes, message_id=shown["message_id"])
    await phone.wait_callback_answer()
    again = await ask(phone, "seminar kachan", t("ky", "Your next seminar"))
    assert t("ky", "You haven't answered yet.") not in again["text"]
    assert labels(again) == ["❌ " + t("ky", "I can't attend")], "only the other answer is left"
    row = await sbot.services.db.fetchone(
        "SELECT i.status FROM seminar_invitations i JOIN users u ON u.id = i.user_id"
        " WHERE u.telegram_id = ? AND i.seminar_id = ?",
        (BESHIK[0], found.seminar.id),
    )
    assert row[0] == "going"


async def test_the_deadline_and_time_left_lead_to_our_submission_in_russian(sbot):
    found = await world(sbot)
    phone = sbot.phone(BESHIK[1], lang="ru")
    head = RU.ngettext("{count} open competition", "{count} open competitions", 1)
    shown = await ask(phone, "когда дедлайн", head.format(count=1))
    assert found.competition.title_ru in shown["text"]
    left = RU._("Deadline: {date} ({left} left).").split("{date}")[0]
    assert left in shown["text"] and RU.datetime(found.competition.deadline) in shown["text"]
    assert "📭 " + RU._("Not sent yet.") in shown["text"]
    assert found.kyzyl_receipt not in shown["text"]
    prepare = "📝 " + t("ru", "Prepare our submission")
    assert labels(shown) == [prepare]
    await phone.press(prepare, message_id=shown["message_id"])
    await expect(phone, RU._("For: {entrant}").format(entrant="Бешик-Джон"))


async def test_our_submission_is_answered_with_its_receipt_version_and_status(sbot):
    found = await world(sbot)
    kyzyl = sbot.phone(KYZYL, lang="ru")
    shown = await ask(kyzyl, "наша заявка дошла", t("ru", "Our submissions"))
    line = RU._("Receipt {receipt} · {status} · version {version}").format(
        receipt=found.kyzyl_receipt, status=RU._("received"), version=1
    )
    assert line in shown["text"]
    assert labels(shown) == ["✏️ " + t("ru", "Edit our submission")]

    beshik = sbot.phone(BESHIK[0], lang="ky")
    mine = await ask(beshik, "табыштамабыз келдиби", t("ky", "Our submissions"))
    assert found.kyzyl_receipt not in mine["text"]
    assert "📭 " + KY._("Not sent yet.") in mine["text"]


async def test_registration_and_language_questions(sbot):
    await world(sbot)
    phone = sbot.phone(BESHIK[1], lang="ru")
    head = t("ru", "Your registration is approved. This is what the bot knows about you:")
    shown = await ask(phone, "моя регистрация одобрена", head)
    assert "Member 5102" in shown["text"] and "Бешик-Джон" in shown["text"]
    assert "✏️ " + t("ru", "Name") in labels(shown)

    chooser = await ask(phone, "как поменять язык", "/language")
    assert "Кыргызча" in labels(chooser)
    await phone.press("Кыргызча", message_id=chooser["message_id"])
    await expect(phone, t("ky", "Language: {language}").format(language="Кыргызча"))
    assert (await sbot.user(BESHIK[1])).lang == "ky"


async def test_what_the_bot_cant_answer_gets_the_menu_and_the_regions_coordinator(sbot):
    await world(sbot)
    phone = sbot.phone(BESHIK[0], lang="ky")
    pointer = t("ky", "I didn't understand that. Use the menu buttons below, or send /help.")
    shown = await ask(phone, "салам кандайсыз", pointer)
    assert f'href="tg://user?id={JALAL_COORDINATOR}"' in shown["html"]
    assert f"Coordinator {JALAL_COORDINATOR}" in shown["text"]
    assert str(ISSYK_COORDINATOR) not in shown["html"], "the coordinator of another region"

    kyzyl = sbot.phone(KYZYL, lang="ru")
    other = await ask(kyzyl, "погода какая", t("ru", "I didn't understand that. Use the menu "
                                                    "buttons below, or send /help."))  # fmt: skip
    assert f'href="tg://user?id={ISSYK_COORDINATOR}"' in other["html"]


async def test_another_municipality_is_answered_for_staff_who_cover_it_only(sbot):
    found = await world(sbot)
    member = sbot.phone(BESHIK[1], lang="ru")
    note = t("ru", "I can tell you only about your own municipality, {place}.").format(
        place="Бешик-Джон"
    )
    shown = await ask(member, "Кызыл-Суу подали заявку", note)
    assert found.kyzyl_receipt not in shown["text"]
    assert "📭 " + RU._("Not sent yet.") in shown["text"], "their own, not Kyzyl-Suu's"

    admin = sbot.phone(ADMIN_ID, lang="ru")
    staff = await ask(admin, "Кызыл-Суу тапшырдыбы", found.kyzyl_receipt)
    assert "Кызыл-Суу" in staff["text"] and found.competition.title_ru in staff["text"]
    opened = "📂 " + t("ru", "Open the submission") + " 1 · IC"
    assert labels(staff) == [opened]
    await admin.press(opened, message_id=staff["message_id"])
    await expect(admin, RU._("Status: {status}").format(status=RU._("received")))

    other = await ask(admin, "Масы подали заявку", "📭 " + RU._("Not sent yet."))
    assert "Массы" in other["text"] and found.kyzyl_receipt not in other["text"]

    jalal = sbot.phone(JALAL_COORDINATOR, lang="ru")
    outside = t("ru", "{place} is outside the regions you cover.").format(place="Кызыл-Суу")
    refused = await ask(jalal, "заявка от кызыл суу пришла", outside)
    assert found.kyzyl_receipt not in refused["text"] and not labels(refused)
