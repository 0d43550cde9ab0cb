"""Wrong answers get a clear reply in the member's language, and nothing already given is lost."""

from __future__ import annotations

import base64

from tests.accounts.test_registration import register
from tests.conftest import expect, t, tap

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


async def at_phone_step(bot, user_id, lang="ru"):
    phone = bot.phone(user_id, lang=lang)
    await phone.send("/start")
    await tap(phone, {"ru": "Русский", "ky": "Кыргызча"}[lang])
    await expect(phone, t(lang, "Please share your phone number with the button below."))
    return phone


async def at_region_step(bot, user_id, lang="ru"):
    phone = await at_phone_step(bot, user_id, lang)
    await tap(phone, t(lang, "📱 Share my phone number"))
    await expect(phone, t(lang, "Choose your region:"))
    return phone


async def test_text_and_someone_elses_contact_where_a_contact_is_expected(bot):
    phone = await at_phone_step(bot, 2001, "ky")
    await phone.send("0700 123 456")
    await expect(phone, t("ky", "Please press the «Share my phone number» button below."))
    other = {"phone_number": "+996555000111", "first_name": "Кошуна", "user_id": 777}
    await phone.send(contact=other)
    await expect(
        phone,
        t(
            "ky",
            "This is someone else's contact. Please share your own number with the button below.",
        ),
    )
    no_id = {"phone_number": "+996555000111", "first_name": "Кошуна"}
    await phone.send(contact=no_id)
    await expect(
        phone,
        t(
            "ky",
            "This is someone else's contact. Please share your own number with the button below.",
        ),
    )
    flow = await bot.services.registration.current(2001)
    assert flow.step == "phone" and "phone" not in flow.data
    await tap(phone, t("ky", "📱 Share my phone number"))
    await expect(phone, t("ky", "Choose your region:"))


async def test_a_name_with_no_match_shows_the_closest_or_whom_to_ask(bot):
    phone = await at_region_step(bot, 2002)
    await phone.send("Бешик-Джонн")
    await expect(phone, t("ru", "Is it one of these?"))
    await phone.send("Кызыл-Жар")
    near = await expect(phone, "Кызыл-Жар")
    assert near["buttons"], "closest names are offered as buttons"
    await phone.send("Zzzzqqq")
    await expect(phone, "Zzzzqqq")
    await phone.send("Я&" * 2048)  # a whole pasted text: repeated back only in part
    await expect(phone, "«" + "Я&" * 49 + "Я…»")
    flow = await bot.services.registration.current(2002)
    assert flow.step == "region" and flow.data["phone"]


async def test_bad_names_are_refused_and_html_is_shown_as_typed(bot):
    phone = await at_region_step(bot, 2003)
    await tap(phone, "Джалал-Абадская область")
    await tap(phone, "Базар-Коргонский район")
    await tap(phone, "Бешик-Джон")
    await tap(phone, t("ru", "Other"))
    await expect(phone, t("ru", "Please write your position."))
    await phone.send("---")
    await expect(phone, t("ru", "This can't be empty. Please write a few words."))
    await phone.send("Бухгалтер")
    await expect(phone, t("ru", "Please write your full name (surname, first name)."))
    await phone.send("12345")
    await expect(phone, t("ru", "The name can't be empty. Please write your full name."))
    await phone.send("Я" * 101)
    too_long = translator_ngettext("ru", 100)
    await expect(phone, too_long)
    await phone.send("<b>Асан</b> & *Усон* _мл_")
    await tap(phone, t("ru", "Male"))
    summary = await expect(phone, t("ru", "Please check your details:"))
    assert "<b>Асан</b> & *Усон* _мл_" in summary["text"]
    assert "&lt;b&gt;Асан&lt;/b&gt; &amp;" in summary["html"]
    assert "(Бухгалтер)" in summary["text"]


def translator_ngettext(lang, n):
    from bot.i18n import translator

    return (
        translator(lang)
        .ngettext(
            "That is too long. Please keep it within {limit} character.",
            "That is too long. Please keep it within {limit} characters.",
            n,
        )
        .format(limit=n)
    )


async def test_an_old_button_gets_a_notice_and_the_current_question(bot):
    phone = await at_region_step(bot, 2004)
    await tap(phone, "Джалал-Абадская область")
    await expect(phone, t("ru", "Choose your district:"))
    await phone.send("/language")
    await expect(phone, t("ru", "Choose your language:"))
    await tap(phone, "Русский")
    await expect(phone, t("ru", "Language: {language}").format(language="Русский"))
    await expect(phone, t("ru", "Choose your district:"))
    district = await expect(phone, t("ru", "Choose your district:"))
    region_button = "pick1:region:1"  # what the keyboard held one step earlier
    await phone.press(message_id=district["message_id"], callback_data=region_button)
    answer = await phone.wait_callback_answer()
    assert answer["text"] == t(
        "ru", "This button is from an earlier step. Here is where you are now:"
    )
    await expect(phone, t("ru", "Choose your district:"))
    flow = await bot.services.registration.current(2004)
    assert flow.step == "district"


async def test_photo_or_sticker_in_the_middle_of_a_flow(bot):
    phone = await at_region_step(bot, 2005, "ky")
    media = t("ky", "I can't use a photo, file or sticker here. Please answer the question above.")
    await phone.send(photo=PNG)
    await expect(phone, media)
    await phone.send(sticker=True)
    await expect(phone, media)
    await phone.send(document=("plan.pdf", b"%PDF-1.4", "application/pdf"))
    await expect(phone, media)
    await expect(phone, t("ky", "Choose your region:"))
    assert (await bot.services.registration.current(2005)).step == "region"


async def test_start_when_registered_and_unknown_commands(bot):
    phone = bot.phone(2006, lang="ru")
    await register(bot, phone, "ru")
    await phone.send("/start")
    await expect(
        phone,
        t(
            "ru",
            "Your registration is waiting for a coordinator's approval. "
            "You will get a message here.",
        ),
    )
    await phone.send("/frobnicate")
    await expect(phone, t("ru", "I don't know this command. Send /help to see what I can do."))
    await phone.send("просто текст")
    await expect(phone, t("ru", "Send /help to see what I can do."))
    assert (await bot.user(2006)).status == "pending"


async def test_cancel_leaves_the_flow_and_start_begins_again(bot):
    phone = await at_region_step(bot, 2007)
    await phone.send("/cancel")
    await expect(phone, t("ru", "Cancelled."))
    assert await bot.services.registration.current(2007) is None
    await phone.send("/cancel")
    await expect(phone, t("ru", "There is nothing to cancel."))
    await phone.send("/start")
    await expect(phone, t("ky", "Choose your language:"))


async def test_long_lists_page_and_back_goes_up_a_level(bot, tmp_path):
    rows = "".join(
        f"issyk-kul,issyk-kul/tup,Айыл {n},Айыл {n},Village {n:02d},aiyl_aimak\n" for n in range(12)
    )
    csv_file = tmp_path / "many.csv"
    csv_file.write_text("region,district,name_ky,name_ru,name_en,kind\n" + rows, encoding="utf-8")
    from bot.core.places.importer import import_municipalities

    await import_municipalities(bot.services.db, csv_file)
    phone = await at_region_step(bot, 2008)
    await tap(phone, "Иссык-Кульская область")
    await tap(phone, "Тюпский район")
    first = await expect(phone, t("ru", "Choose your aiyl aimak or town:"))
    labels = [b["text"] for row in first["buttons"] for b in row]
    assert "Айыл 0" in labels and "Айыл 11" not in labels and "▶" in labels
    await phone.press("1/2")
    await phone.wait_callback_answer()
    await phone.press("▶")
    await phone.wait_for(
        lambda ms: any(b["text"] == "Айыл 11" for m in ms for r in m["buttons"] for b in r)
    )
    await tap(phone, t("ru", "« Back"))
    await expect(phone, t("ru", "Choose your district:"))
    texts = [m["text"] for m in await phone.messages()]
    assert t("ru", "Something went wrong on our side. Please try again.") not in texts
    await tap(phone, t("ru", "« Back"))
    await expect(phone, t("ru", "Choose your region:"))
    assert (await bot.services.registration.current(2008)).step == "region"


async def test_a_municipality_imported_while_running_can_be_found(bot, tmp_path):
    from bot.core.places.importer import import_municipalities

    phone = await at_region_step(bot, 2009)
    await phone.send("Санташ")
    await expect(phone, "Санташ")
    csv_file = tmp_path / "one.csv"
    csv_file.write_text(
        "region,district,name_ky,name_ru,name_en,kind\n"
        "issyk-kul,issyk-kul/tup,Санташ,Санташ,Santash,aiyl_aimak\n",
        encoding="utf-8",
    )
    await import_municipalities(bot.services.db, csv_file)
    await phone.send("Санташ")
    await expect(phone, t("ru", "Is it one of these?"))
    await tap(phone, "Санташ")
    await expect(phone, t("ru", "What is your position?"))
