"""A poll's results as files: PNG charts drawn by the reports' chart code (in a child process,
DejaVu Sans for ө ү ң), and an XLSX with a table per question, a native Excel chart beside it,
and for a named poll who answered what. The workbook is built in a worker thread."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from bot.core.sheets import Look, Sheet, sheet_title
from bot.core.texts import clip
from bot.db import Row
from bot.i18n import Translator
from bot.polls.service.results import QuestionResult, Results
from bot.polls.views.member import number, option_text
from bot.polls.views.staff import group_heading, group_name, title_of
from bot.reports.charts import Chart, Series, render

BOLD = Look(font=Font(bold=True))
COLOURS = ("#2E86AB", "#F18F01", "#C73E1D", "#3B1F2B", "#6A994E", "#A23B72", "#8D99AE",
           "#E9C46A", "#264653", "#F4A261")  # fmt: skip
CHART_COLUMN = "F"


def chart_specs(tr: Translator, results: Results) -> list[Chart]:
    """Per option question: the answers, and the answers by region stacked by option."""
    specs = []
    for n, found in enumerate(results.questions):
        q = found.question
        if q.kind not in ("one", "many") or not found.n:
            continue
        names = [clip(option_text(tr, o), 40) for o in q.options]
        title = clip(_plain(tr, found), 60)
        specs.append(Chart(f"poll-{results.poll.id}-{n + 1}", title, tr._("Answers"), names,
                           [Series(tr._("Answers"), COLOURS[0], list(found.counts))],
                           legend=False))  # fmt: skip
        regions = (found.groups or {}).get("region") or ()
        if regions:
            categories = [group_name(tr, "region", g) for g in regions]
            series = [Series(names[i], COLOURS[i % len(COLOURS)], [g.counts[i] for g in regions])
                      for i in range(len(names))]  # fmt: skip
            specs.append(Chart(f"poll-{results.poll.id}-{n + 1}-regions",
                               title + " · " + group_heading(tr, "region"), tr._("Answers"),
                               categories, series, layout="stacked"))  # fmt: skip
    return specs


async def charts(tr: Translator, results: Results) -> list[tuple[str, bytes]]:
    return await render(chart_specs(tr, results))


def _plain(tr: Translator, found: QuestionResult) -> str:
    q = found.question
    text = (q.text_ky if tr.lang == "ky" else q.text_ru) or q.text_ru or q.text_ky or ""
    return text.replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "")


async def workbook(tr: Translator, results: Results, answers: Sequence[Row]) -> bytes:
    """Built off the loop: a big poll's answers would hold every other user up."""
    return await asyncio.to_thread(_workbook, tr, results, list(answers))


def _workbook(tr: Translator, results: Results, answers: list[Row]) -> bytes:
    book = Workbook(write_only=True)
    sheet = Sheet(book, sheet_title(tr._("Results")), max_width=40)
    sheet.add([title_of(tr, results.poll)], BOLD)
    sheet.add([tr._("Answered"), results.answered, tr._("Asked"), results.poll.total])
    for n, found in enumerate(results.questions):
        _question_table(sheet, tr, n, found)
    sheets = [sheet]
    if answers:
        sheets.append(_answers(book, tr, results, answers))
    for s in sheets:
        s.write()
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _question_table(ws: Sheet, tr: Translator, n: int, found: QuestionResult) -> None:
    _ = tr._
    q = found.question
    ws.blank()
    ws.add([f"{n + 1}. {_plain(tr, found)}"], BOLD)
    if q.kind in ("one", "many"):
        head = ws.next_row
        ws.add([_("Option"), _("Answers")], BOLD)
        for option, count in zip(q.options, found.counts, strict=True):
            ws.add([option_text(tr, option), count])
        _chart(ws, _plain(tr, found), head, ws.next_row - 1)
        while ws.next_row < head + 16:
            ws.blank()
    elif q.kind == "number":
        ws.add([_("Answers"), found.n, _("Average"), found.average, _("Lowest"), found.low,
                _("Highest"), found.high])  # fmt: skip
    else:
        ws.add([_("Answers"), found.n])
    for group, groups in (found.groups or {}).items():
        if not groups:
            continue
        options = [option_text(tr, o) for o in q.options]
        ws.add([group_heading(tr, group), *options, _("Answers")], BOLD)
        for g in groups:
            extra = [number(g.average)] if q.kind == "number" else []
            ws.add([group_name(tr, group, g), *g.counts, g.n, *extra])


def _chart(ws: Sheet, title: str, head_row: int, last_row: int) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = clip(title, 60)
    chart.height, chart.width = 7.5, 15
    data = Reference(ws.ws, min_col=2, max_col=2, min_row=head_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws.ws, min_col=1, min_row=head_row + 1, max_row=last_row))
    ws.ws.add_chart(chart, f"{CHART_COLUMN}{head_row}")


def _answers(book: Workbook, tr: Translator, results: Results, answers: list[Row]) -> Sheet:
    """Who answered what (named polls): one row per answer."""
    _ = tr._
    ws = Sheet(book, sheet_title(_("Answers")), freeze="A2", max_width=50)
    ws.add([_("Name"), _("Municipality"), _("Question"), _("Answer")], BOLD)
    questions = results.poll.questions
    for r in answers:
        q = questions[r["question"]]
        if r["choice"] is not None and r["choice"] < len(q.options):
            value: str | float = option_text(tr, q.options[r["choice"]])
        else:
            value = r["number"] if r["number"] is not None else (r["text"] or "")
        place = {"ky": r["name_ky"], "ru": r["name_ru"]}.get(tr.lang, r["name_en"]) or ""
        ws.add([r["full_name"] or "—", place, r["question"] + 1, value])
    return ws
