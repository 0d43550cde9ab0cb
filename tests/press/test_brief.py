"""The donor brief, as Word and PDF, from the command line and from the period report's
button: the donor report's key figures and charts, marked a draft; an empty period refused.
And the press release from the command line, which says it has no photos without a token."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from bot.core.errors import Refusal
from bot.i18n import translator
from tests.conftest import ADMIN_ID, tap
from tests.press.helpers import PERIOD, read_back, seminar_scene
from tests.seminars.test_seminars import staff
from tests.test_cli import base_env, run_cli

RU = translator("ru")
PEOPLE_LINE = "Different people trained: {count}, of them women: {women} ({percent}%)."


def _pdf_text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def _check_brief(docx: bytes, pdf: bytes) -> None:
    people = RU._(PEOPLE_LINE).format(count=12, women=3, percent=25)
    text, props = read_back(docx)
    assert RU._("Key figures") in text and people in text
    assert props.category == "draft"
    assert len(Document(io.BytesIO(docx)).inline_shapes) >= 3, "the report's charts"
    printed, reader = _pdf_text(pdf)
    assert len(reader.pages) <= 2, "one or two pages"
    assert " ".join(people.split()) in " ".join(printed.split())
    assert reader.metadata.title.startswith(RU._("DRAFT: {headline}").split("{")[0])
    assert sum(len(page.images) for page in reader.pages) >= 3


async def test_the_brief_and_the_release_from_the_command_line(sbot, tmp_path):
    await seminar_scene(sbot)
    env = base_env(tmp_path, MUNIBOT_DB=str(sbot.config.db_path))
    out = tmp_path / "drafts" / "brief.docx"
    first, last = (d.isoformat() for d in PERIOD)
    code, printed, err = await run_cli(
        "draft", "brief", "--from", first, "--to", last, "--lang", "ru", "--out", str(out),
        env=env, timeout=90,
    )  # fmt: skip
    assert code == 0, err
    assert printed.split() == [str(out), str(out.with_suffix(".pdf"))]
    _check_brief(out.read_bytes(), out.with_suffix(".pdf").read_bytes())

    press = tmp_path / "drafts" / "press.docx"
    code, _, err = await run_cli(
        "draft", "press", "--seminars", first, last, "--lang", "ky", "--out", str(press),
        env=env, timeout=60,
    )  # fmt: skip
    assert code == 0, err
    assert "without BOT_TOKEN the draft has no photos" in err
    text, _ = read_back(press.read_bytes())
    women = translator("ky").ngettext("including {count} woman", "including {count} women", 3)
    assert women.format(count=3) in text

    code, _, err = await run_cli(
        "draft", "brief", "--from", "2025-01-01", "--to", "2025-01-31", env=env, timeout=60
    )
    assert code == 1 and err.strip(), "an empty period is refused with the reason"


async def test_the_period_reports_button_sends_the_brief_as_word_and_pdf(sbot):
    await seminar_scene(sbot)
    admin = await staff(sbot)
    await admin.send("/report 01.11.2026 31.12.2026")
    await tap(admin, "📄 " + RU._("Donor brief"), timeout=30)

    def both(state: dict) -> bool:
        names = {(m.get("document") or {}).get("file_name", "") for m in state["messages"]}
        return {n.rsplit(".", 1)[-1] for n in names if n.startswith("brief-")} == {"docx", "pdf"}

    state = await admin.wait_state(both, timeout=60)
    files = {m["document"]["file_name"].rsplit(".", 1)[-1]: m["document"]["file_id"]
             for m in state["messages"] if m.get("document")}  # fmt: skip
    _check_brief(await admin.download(files["docx"]), await admin.download(files["pdf"]))


async def test_a_period_with_nothing_in_it_has_no_brief(sbot):
    from datetime import date

    with pytest.raises(Refusal) as refused:
        await sbot.services.press.brief(ADMIN_ID, date(2025, 1, 1), date(2025, 1, 31))
    assert refused.value.code == "brief_empty"
