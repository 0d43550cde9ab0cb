"""Certificates of attendance end to end: the PDF a member asks for, in ky and in ru; staff
sending everyone's once, across a restart; /verify; the ZIP from the command line."""

from __future__ import annotations

import asyncio
import io
import zipfile
from datetime import timedelta

from pypdf import PdfReader

from bot.__main__ import main
from bot.i18n import translator
from bot.seminars.callbacks import CertificateCb, SeminarCb
from tests.conftest import ADMIN_ID, add_members, expect, t, tap
from tests.seminars.helpers import END, START, drain, forge, make_seminar

TITLE_KY = "Өнүгүү жана аң-сезим: кызматтар"
TITLE_RU = "Развитие и услуги"
NAMES = {7801: "Төлөгөн Үсөнбаев Аңсар", 7802: "Анна Петрова"}
LONG_NAME = (
    "Абдыкадырова-Жээнбекова Гүлүмкан Өмүрбековна кызы Ташиева Ыңгайлуу Түркүнбаева "
    "Мөлмөлбүбү Асанова"
)


async def attended(sbot, members: dict[int, str], came: list[int]):
    """A seminar the members were invited to, those in `came` marked as attended by staff,
    and the clock after its end."""
    db = sbot.services.db
    await add_members(db, sbot.emulator.url, list(members))
    for telegram_id, name in members.items():
        await db.execute(
            "UPDATE users SET full_name = ? WHERE telegram_id = ?", (name, telegram_id)
        )
    seminar = await make_seminar(sbot, title_ky=TITLE_KY, title_ru=TITLE_RU)
    sbot.clock.set(START)
    for telegram_id in came:
        user = await sbot.user(telegram_id)
        assert await sbot.services.attendance.toggle(ADMIN_ID, seminar.id, user.id)
    sbot.clock.set(END + timedelta(hours=1))
    await drain(sbot)
    return seminar


def text_of(pdf: bytes) -> str:
    """The page's words in order, lines joined: a wrapped name reads whole again."""
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


async def documents(phone) -> list[dict]:
    return [m for m in await phone.messages() if m.get("document")]


async def my_certificate(sbot, telegram_id: int, lang: str) -> tuple[bytes, dict]:
    """Through the member's own /seminars list, as they would."""
    phone = sbot.phone(telegram_id, lang=lang)
    before = len(await documents(phone))
    await phone.send("/seminars")
    await tap(phone, "📜 " + t(lang, "My certificate"))
    state = await phone.wait_state(lambda s: sum(bool(m.get("document")) for m in s["messages"])
                                   > before)  # fmt: skip
    message = [m for m in state["messages"] if m.get("document")][-1]
    return await phone.download(message["document"]["file_id"]), message


async def code_of(sbot, seminar_id: int, telegram_id: int) -> str:
    row = await sbot.services.db.fetchone(
        "SELECT c.code FROM seminar_certificates c JOIN users u ON u.id = c.user_id"
        " WHERE c.seminar_id = ? AND u.telegram_id = ?",
        (seminar_id, telegram_id),
    )
    return row[0]


async def test_an_attendee_gets_the_pdf_in_their_language_and_the_same_one_again(sbot):
    seminar = await attended(sbot, NAMES, [7801, 7802])
    ky_pdf, ky_message = await my_certificate(sbot, 7801, "ky")
    code = await code_of(sbot, seminar.id, 7801)
    shown = f"{code[:4]}-{code[4:]}"
    ky = translator("ky")
    ky_text = text_of(ky_pdf)
    day = ky.days(START.date(), START.date(), year=True)
    for part in (ky._("CERTIFICATE"), NAMES[7801], TITLE_KY, day, shown, "Жалал-Абад"):
        assert part in ky_text, (part, ky_text)
    assert "ө" in ky_text and "ү" in ky_text and "ң" in ky_text
    assert ky_message["document"]["file_name"] == f"certificate-{seminar.id}-{code}.pdf"
    assert shown in ky_message["caption"] and TITLE_KY in ky_message["caption"]

    again, _ = await my_certificate(sbot, 7801, "ky")
    assert again == ky_pdf, "asking twice gives the same certificate"
    assert await code_of(sbot, seminar.id, 7801) == code
    mine = await sbot.services.accounts.my_data(7801)
    assert [r["certificate_code"] for r in mine["seminars"]] == [code], "in /mydata too"

    ru_pdf, _ = await my_certificate(sbot, 7802, "ru")
    ru_text = text_of(ru_pdf)
    ru = translator("ru")
    ru_code = await code_of(sbot, seminar.id, 7802)
    for part in (ru._("CERTIFICATE"), NAMES[7802], TITLE_RU, f"{ru_code[:4]}-{ru_code[4:]}",
                 ru.pgettext("certificate", "took part in the seminar")):  # fmt: skip
        assert part in ru_text, (part, ru_text)
    assert TITLE_KY not in ru_text and ru_code != code


async def test_someone_who_did_not_attend_is_refused_in_their_language(sbot):
    seminar = await attended(sbot, {7811: "Айгүл", 7812: "Ольга"}, [])
    mine = CertificateCb(seminar_id=seminar.id, action="mine").pack()
    for telegram_id, lang in ((7811, "ky"), (7812, "ru")):
        phone = sbot.phone(telegram_id, lang=lang)
        await phone.send("/seminars")
        await expect(phone, t(lang, "Past seminars"))
        refused = await forge(phone, mine)
        assert refused == t(
            lang,
            "A certificate is given only to those marked as attended. If "
            "you were there, please ask the organiser to mark you.",
        )
        assert await documents(phone) == []
    count = await sbot.services.db.count("SELECT COUNT(*) FROM seminar_certificates")
    assert count == 0


async def test_staff_send_to_every_attendee_once_across_a_restart(sbot):
    members = {7821: "Бермет", 7822: "Иван", 7823: "Нурлан", 7824: "Сергей"}
    seminar = await attended(sbot, members, [7821, 7822, 7823])
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/seminars")
    listing = await admin.wait_state(lambda s: s["messages"] and s["messages"][-1].get("buttons"))
    open_card = SeminarCb(seminar_id=seminar.id, action="open").pack()
    await admin.press(message_id=listing["messages"][-1]["message_id"], callback_data=open_card)
    await tap(admin, "📜 " + t("ru", "Send certificates"))
    ru = translator("ru")
    ask = ru.ngettext(
        "Send a certificate of attendance for «{title}» to {count} attendee?",
        "Send certificates of attendance for «{title}» to {count} attendees?",
        3,
    ).format(title=TITLE_RU, count=3)
    await expect(admin, ask)
    await tap(admin, "📜 " + t("ru", "Yes, send"))
    on_their_way = ru.ngettext(
        "The certificate is on its way to {count} attendee.",
        "Certificates are on their way to {count} attendees.",
        3,
    ).format(count=3)
    await expect(admin, on_their_way)
    await sbot.restart()
    await drain(sbot)

    await tap(admin, "« " + t("ru", "Back"))
    await tap(admin, "📜 " + t("ru", "Send certificates"))
    already = ru.ngettext(
        "{count} of them already has theirs and will not get it again.",
        "{count} of them already have theirs and will not get them again.",
        3,
    ).format(count=3)
    await expect(admin, already)
    await tap(admin, "📜 " + t("ru", "Yes, send"))
    await expect(admin, t("ru", "Everyone marked as attended already has their certificate."))
    await sbot.restart()
    await drain(sbot)

    for telegram_id in (7821, 7822, 7823):
        got = await documents(sbot.phone(telegram_id))
        assert len(got) == 1, (telegram_id, got)
        pdf = await sbot.phone(telegram_id).download(got[0]["document"]["file_id"])
        assert members[telegram_id] in text_of(pdf)
    assert await documents(sbot.phone(7824)) == []
    sent = await sbot.services.db.count(
        "SELECT COUNT(*) FROM outbox WHERE template = 'seminar_certificate' AND status = 'sent'"
    )
    assert sent == 3


async def test_verify_confirms_a_code_however_typed_and_refuses_guesses(sbot):
    seminar = await attended(sbot, {7831: "Төлөгөн Үсөнбаев"}, [7831])
    await my_certificate(sbot, 7831, "ky")
    code = await code_of(sbot, seminar.id, 7831)
    stranger = sbot.phone(7839, lang="ru", first_name="Работодатель")
    ru = translator("ru")
    genuine = ru._("Certificate {code} is genuine.").format(code=f"{code[:4]}-{code[4:]}")
    attended_line = ru._("{name} attended the seminar «{title}»: {dates}, {place}.").format(
        name="Төлөгөн Үсөнбаев",
        title=TITLE_RU,
        dates=ru.days(START.date(), START.date(), year=True),
        place="Жалал-Абад, ул. Ленина, 1",
    )
    await stranger.send(f"/verify {code[:4]}-{code[4:]}")
    found = await expect(stranger, genuine)
    assert attended_line in found["text"]
    typed = " ".join(code.lower()[:4]) + "  " + code.lower()[4:]
    await stranger.send(f"/verify {typed}")
    await expect(stranger, genuine)

    unknown = ru._(
        "There is no certificate with the code {code}. Please check it: 8 letters and digits, "
        "as printed at the bottom of the certificate."
    )
    await stranger.send("/verify ZZZZ-9999")
    await expect(stranger, unknown.format(code="ZZZZ-9999"))
    for _ in range(4):
        await stranger.send("/verify AAAA-2222")
        await expect(stranger, unknown.format(code="AAAA-2222"))
    await stranger.send(f"/verify {code}")
    wait = ru._("Too many unknown codes. Please try again after {time}.").split("{time}")[0]
    await expect(stranger, wait)
    assert await sbot.user(7839) is None, "checking a code registers nobody"


async def test_the_command_line_zip_holds_one_pdf_per_attendee(sbot, tmp_path, monkeypatch):
    members = {7841: "Айгүл Төрөбекова", 7842: "Мария Иванова", 7843: "Нурбек"}
    seminar = await attended(sbot, members, [7841, 7842])
    for name in ("BOT_TOKEN", "MUNIBOT_ADMINS", "MUNIBOT_API_BASE", "MUNIBOT_DEFAULT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MUNIBOT_DB", sbot.config.db_path)
    monkeypatch.setattr("builtins.print", lambda *a, **k: None)
    out = tmp_path / "certs.zip"
    argv = ["export", "certificates", "--seminar", str(seminar.id), "--out", str(out)]
    assert await asyncio.to_thread(main, argv) == 0
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        texts = [text_of(archive.read(n)) for n in names]
    assert len(names) == 2 and all(n.endswith(".pdf") for n in names)
    ky_text = next(x for x in texts if members[7841] in x)
    ru_text = next(x for x in texts if members[7842] in x)
    assert TITLE_KY in ky_text and translator("ky")._("CERTIFICATE") in ky_text
    assert TITLE_RU in ru_text
    assert not any(members[7843] in x for x in texts)
    codes = {await code_of(sbot, seminar.id, m) for m in (7841, 7842)}
    assert {n.rsplit("-", 1)[1].removesuffix(".pdf") for n in names} == codes
    argv = ["export", "certificates", "--seminar", "999", "--out", str(out)]
    assert await asyncio.to_thread(main, argv) == 1


async def test_a_name_too_long_for_the_line_is_wrapped_not_cut(sbot):
    await attended(sbot, {7851: LONG_NAME}, [7851])
    pdf, _ = await my_certificate(sbot, 7851, "ky")
    page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert LONG_NAME in text_of(pdf)
    assert LONG_NAME not in page, "the name is on more than one line"
