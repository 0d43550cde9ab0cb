"""/faq through the emulator: a coordinator adds a question (phrases, then the answer in Kyrgyz,
then in Russian), members get it in their language when they ask something close, and it is
removed after a confirmation. Members can't use /faq."""

from __future__ import annotations

from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from tests.conftest import expect, t, tap
from tests.questions.helpers import BESHIK, JALAL_COORDINATOR, ask, labels, world

RU = translator("ru")
PHRASES = "грант акчасы качан которулат\nкогда переведут грант\n\nкогда переведут грант"
ANSWER_KY = "Грант акчасы жеңүүчүлөр жарыялангандан кийин 30 күндүн ичинде которулат."
ANSWER_RU = "Деньги гранта переводятся в течение 30 дней после объявления победителей."
POINTER = "I didn't understand that. Use the menu buttons below, or send /help."


async def test_staff_add_a_question_members_get_it_and_staff_remove_it(sbot):
    await world(sbot)
    staff = sbot.phone(JALAL_COORDINATOR, lang="ru")
    await staff.send("/faq")
    await expect(staff, t("ru", "No questions yet. Add the ones members ask most, with the "
                                "answer in Kyrgyz and Russian: the bot answers them when a "
                                "member writes something close."))  # fmt: skip
    await tap(staff, "➕ " + t("ru", "Add a question"))
    await expect(staff, "1/3")
    await staff.send("когда грант\n???")
    await expect(staff, refusal_text(RU, Refusal("faq_no_words")))
    await staff.send(PHRASES)
    saved = RU.ngettext("{count} phrase saved.", "{count} phrases saved.", 2).format(count=2)
    await expect(staff, saved)
    await staff.send(ANSWER_KY)
    await expect(staff, t("ru", "Now the same answer in Russian."))
    await staff.send(ANSWER_RU)
    await expect(staff, t("ru", "Saved. Members who ask {phrase} now get this answer.").format(
        phrase="«грант акчасы качан которулат»"))  # fmt: skip
    listing = await expect(staff, "«когда переведут грант»")
    assert labels(listing) == ["🗑 " + t("ru", "Remove {number}").format(number=1),
                               "➕ " + t("ru", "Add a question")]  # fmt: skip
    assert await sbot.services.current_flow(JALAL_COORDINATOR) is None

    ky, ru = sbot.phone(BESHIK[0], lang="ky"), sbot.phone(BESHIK[1], lang="ru")
    got = await ask(ky, "грант акчасы качан которулабы", ANSWER_KY)
    assert not labels(got)
    await ask(ru, "когда переведут деньги по гранту", ANSWER_RU)

    await staff.send("/faq")
    await tap(staff, "🗑 " + t("ru", "Remove {number}").format(number=1))
    await expect(staff, t("ru", "Remove this question? Members will no longer get its answer."))
    await tap(staff, "🗑 " + t("ru", "Yes, remove it"))
    await expect(staff, t("ru", "No questions yet. Add the ones members ask most, with the "
                                "answer in Kyrgyz and Russian: the bot answers them when a "
                                "member writes something close."))  # fmt: skip
    answer = await ask(ru, "когда переведут грант", RU.ngettext(
        "{count} open competition", "{count} open competitions", 1).format(count=1))  # fmt: skip
    assert ANSWER_RU not in answer["text"], "the bot's own answer again: grants are competitions"


async def test_leaving_the_form_and_who_may_use_faq(sbot):
    await world(sbot)
    staff = sbot.phone(JALAL_COORDINATOR, lang="ru")
    await staff.send("/faq")
    await tap(staff, "➕ " + t("ru", "Add a question"))
    await expect(staff, "1/3")
    await staff.send("как сдать отчёт")
    await expect(staff, "2/3")
    await tap(staff, "✖️ " + t("ru", "Cancel"))
    await expect(staff, t("ru", "Cancelled."))
    assert await sbot.services.current_flow(JALAL_COORDINATOR) is None
    assert await sbot.services.faq.entries() == []

    member = sbot.phone(BESHIK[1], lang="ru")
    await member.send("/faq")
    await expect(member, t("ru", "This command is for project staff."))
    await ask(member, "как сдать отчёт", t("ru", POINTER))
