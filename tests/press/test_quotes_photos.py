"""Quotes with consent and the follow-up's photos in a seminar's press release: a member
allows quoting in the chat, staff mark the quote, the draft prints it with the author's name,
position and municipality; a withdrawal or an erasure takes it out; a comment without consent
can't be marked; photos that open are laid out, one that doesn't is named at the end."""

from __future__ import annotations

import io

from docx import Document
from PIL import Image

from bot.i18n import translator
from bot.seminars.callbacks import CycleCb, QuoteMarkCb, SeminarCb
from tests.conftest import ADMIN_ID, alert, button_shown, expect, tap
from tests.press.helpers import read_back, seminar_scene
from tests.seminars.cycle_helpers import PNG as BROKEN_PNG
from tests.seminars.cycle_helpers import press_on_latest
from tests.seminars.helpers import forge
from tests.seminars.test_seminars import staff

KY, RU = translator("ky"), translator("ru")
SAID = "Семинар абдан пайдалуу болду"
AUTHOR = 8301
"""The first seminar's attendee, a woman from Jalal-Abad region, writing in Kyrgyz."""


async def _comment(sbot, seminar_id: int, text: str, member: int = AUTHOR, tr=KY):
    """The rating (the survey's button is tested with the survey), then the comment typed in
    the chat."""
    phone = sbot.phone(member, lang=tr.lang)
    await sbot.services.attendance.rate(member, seminar_id, 5)
    await phone.send(text)
    await expect(phone, tr._("Thank you! Your comment is saved."))
    return phone


async def _draft_text(sbot, seminar_id: int, lang: str = "ru") -> str:
    from bot.press import document
    from bot.press.views import seminars

    tr = translator(lang)
    found = await sbot.services.press.seminar(ADMIN_ID, seminar_id)
    return read_back(document.render(tr, seminars.draft(tr, found)))[0]


async def test_a_consented_quote_marked_by_staff_reaches_the_draft_until_withdrawn(sbot):
    made = await seminar_scene(sbot)
    sid = made[0].id
    member = await _comment(sbot, sid, SAID)
    await tap(member, "✅ " + KY._("Yes, you may quote me"))
    await expect(member, KY._(
        "Thank you! The project may quote your comment with your name, position and"
        " municipality. You can take this back here at any time."))  # fmt: skip
    assert SAID not in await _draft_text(sbot, sid), "allowed, but not marked by staff yet"

    admin = await staff(sbot)
    await forge(admin, SeminarCb(seminar_id=sid, action="feedback").pack())
    listed = await expect(admin, RU._("Comments that may be quoted"))
    assert SAID in listed["text"] and "Member 8301" in listed["text"]
    await tap(admin, "☆ 1")
    await expect(admin, "1. ⭐ «")
    text = await _draft_text(sbot, sid)
    assert RU._("What participants said") in text
    quote = next(line for line in text.splitlines() if SAID in line)
    region_muni = await sbot.services.db.fetchone(
        "SELECT m.name_ru FROM users u JOIN municipalities m ON m.id = u.municipality_id"
        " WHERE u.telegram_id = ?",
        (AUTHOR,),
    )
    assert quote == f"«{SAID}» — Member 8301, {RU._('Head of the aiyl okmotu')}, {region_muni[0]}"

    await tap(member, KY._("Don't quote me after all"))
    await expect(member, KY._("Understood: your comment will not be quoted. Thank you for your"
                              " answer!"))  # fmt: skip
    assert SAID not in await _draft_text(sbot, sid), "leave taken back: out of the press"
    await admin.press("⭐ 1")  # the screen staff still have
    assert await alert(admin) == RU._(
        "Its author has not allowed quoting this comment, or has taken it back."
    )
    row = await sbot.services.db.fetchone(
        "SELECT quote_consent, quote_marked FROM seminar_invitations i JOIN users u"
        " ON u.id = i.user_id WHERE u.telegram_id = ? AND i.seminar_id = ?",
        (AUTHOR, sid),
    )
    assert tuple(row) == (0, 0)


async def test_a_comment_without_consent_cannot_be_marked_and_erasure_removes_a_quote(sbot):
    made = await seminar_scene(sbot)
    sid = made[0].id
    await _comment(sbot, sid, "Без согласия", member=8302, tr=RU)
    quiet = await sbot.user(8302)
    admin = await staff(sbot)
    answer = await forge(admin, QuoteMarkCb(seminar_id=sid, user_id=quiet.id, mark="on").pack())
    assert answer == RU._("Its author has not allowed quoting this comment, or has taken it back.")
    marked = await sbot.services.db.fetchone(
        "SELECT COUNT(*) FROM seminar_invitations WHERE quote_marked = 1"
    )
    assert marked[0] == 0

    member = await _comment(sbot, sid, SAID)
    await tap(member, "✅ " + KY._("Yes, you may quote me"))
    await button_shown(member, KY._("Don't quote me after all"))
    author = await sbot.user(AUTHOR)
    await sbot.services.quotes.mark(ADMIN_ID, sid, author.id, True)
    assert SAID in await _draft_text(sbot, sid)
    await sbot.services.accounts.erase(AUTHOR)
    text = await _draft_text(sbot, sid)
    assert SAID not in text and RU._("What participants said") not in text


def _png(width: int = 320, height: int = 200) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


async def test_follow_up_photos_are_laid_out_and_an_unreadable_one_is_named(sbot):
    made = await seminar_scene(sbot)
    sid = made[0].id
    admin = await staff(sbot)
    await forge(admin, SeminarCb(seminar_id=sid, action="open").pack())
    await press_on_latest(admin, CycleCb(seminar_id=sid, action="photos"))
    for photo in (_png(), BROKEN_PNG, _png(400, 300)):
        await admin.send(photo=photo)
    await expect(admin, RU.ngettext("{count} file kept.", "{count} files kept.", 3).format(count=3))
    await tap(admin, "✅ " + RU._("Done"))
    broken = await sbot.services.db.fetchone(
        "SELECT id FROM seminar_files WHERE seminar_id = ? AND purpose = 'photo'"
        " ORDER BY id LIMIT 1 OFFSET 1",
        (sid,),
    )

    await forge(admin, SeminarCb(seminar_id=sid, action="open").pack())
    await tap(admin, "📰 " + RU._("Press release"))
    state = await admin.wait_state(
        lambda st: any((m.get("document") or {}).get("file_name", "").endswith(".docx")
                       for m in st["messages"]), timeout=15,
    )  # fmt: skip
    doc_file = next(m["document"] for m in state["messages"] if m.get("document"))
    data = await admin.download(doc_file["file_id"])
    doc = Document(io.BytesIO(data))
    assert len(doc.inline_shapes) == 2, "the two photos that open"
    text = read_back(data)[0]
    assert RU._("Photos") in text
    left_out = RU._("Photos left out because they could not be read: {ids}.")
    assert left_out.format(ids=f"#{broken[0]}") in text
