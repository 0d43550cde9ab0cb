"""A member never gets another municipality's data: every question in tests/data/questions.yaml
(those that name Kyzyl-Suu among them), asked by a member of Beshik-Jon while Kyzyl-Suu has a
submission and a seminar of its own, in both languages."""

from __future__ import annotations

from bot.i18n import translator
from bot.questions import repo as faq_repo
from bot.questions.views import answers as views
from tests.questions.helpers import BESHIK, world
from tests.questions.test_matcher import load

NAMES = ("Кызыл-Суу", "Kyzyl-Suu")


async def test_a_member_never_gets_another_municipalitys_data(sbot):
    found = await world(sbot)
    db = sbot.services.db
    data = load()
    for entry in data["faq"]:
        await faq_repo.add(db, entry["phrases"], entry["ky"], entry["ru"], None, "2026-11-01")
    kyzyl_sub = await db.fetchone("SELECT id FROM submissions WHERE entrant_id = ?", (found.kyzyl,))
    forbidden = {
        found.kyzyl_receipt, *NAMES, found.kyzyl_seminar.title_ky, found.kyzyl_seminar.title_ru,
        "Каракол",
    }  # fmt: skip
    kinds = set()
    questions = [q["text"] for q in data["questions"]] + ["Кызыл-Суу", "kyzyl suu kandai"]
    for member in BESHIK:
        for text in questions:
            answer = await sbot.services.questions.ask(member, text)
            kinds.add(answer.kind)
            assert not answer.about_place and not answer.entries, text
            assert all(s.entrant.id == found.beshik for s in answer.standings), text
            assert all(i.seminar.id != found.kyzyl_seminar.id for i in answer.seminars), text
            for lang in ("ky", "ru"):
                screen = views.answer(translator(lang), answer)
                shown = [screen.text]
                markup = screen.markup
                for row in getattr(markup, "inline_keyboard", ()):
                    shown += [b.text for b in row]
                    data_ = [b.callback_data or "" for b in row]
                    assert not any(d.startswith("rev1:") for d in data_), text
                    assert not any(
                        f":{found.kyzyl}:" in d for d in data_ if d.startswith("sub1")
                    ), text
                    assert not any(
                        d.startswith(f"rsvp1:{found.kyzyl_seminar.id}:") for d in data_
                    ), text
                for secret in forbidden:
                    assert all(secret not in s for s in shown), (text, lang, secret)
                assert kyzyl_sub is None or f"rev1:{kyzyl_sub[0]}" not in str(markup)
    assert kinds >= {"seminar", "competition", "submission", "registration", "language", "faq",
                     "none"}  # fmt: skip
