"""Seminars in and out as files: the schedule import and the donor report, on a real database."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.__main__ import main
from bot.clock import ManualClock
from bot.config import load_config
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, Refusal
from bot.core.places import repo as places
from bot.core.programmes import repo as programmes_repo
from bot.db import Database, open_database
from bot.i18n import translator
from bot.seminars.repo import seminars as repo
from bot.seminars.service.importer import import_seminars
from bot.seminars.service.reports import SeminarReports, Tally
from bot.seminars.views.imports import explain
from bot.seminars.views.xlsx import workbook
from bot.wiring import Services
from tests.conftest import database_for, seed

NOW = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
ADMIN = 900_001
BISHKEK = load_config({}).zone
HEADER = "title_ky,title_ru,starts,ends,city,address,capacity,organiser,audience_kind,audience"


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    db_path = tmp_path / "bot.sqlite3"
    await seed(db_path)
    db = await open_database(database_for(db_path))
    config = load_config({"MUNIBOT_DB": database_for(db_path), "MUNIBOT_ADMINS": str(ADMIN)})
    try:
        yield Services.build(config, db, ManualClock(NOW))
    finally:
        await db.close()


async def member(
    db: Database, telegram_id: int, gender: str | None, position: str, place: str
) -> int:
    """An approved member in the municipality named `place` (English name)."""
    muni = await db.fetchone("SELECT id FROM municipalities WHERE name_en = ?", (place,))
    user = await users_repo.ensure(db, telegram_id, f"tg{telegram_id}", "2026-01-01")
    await users_repo.update_fields(
        db, user.id, "2026-01-01", lang="ru", full_name=f"Member {telegram_id}", gender=gender,
        position=position, municipality_id=muni[0], phone=f"+996700{telegram_id}",
    )  # fmt: skip
    await db.execute("UPDATE users SET status = 'approved' WHERE id = ?", (user.id,))
    return user.id


async def people(db: Database) -> dict[int, int]:
    """Telegram id -> user id, across three regions."""
    found = {}
    for tid, gender, position, place in [
        (101, "female", "head", "Masy"),  # Jalal-Abad, Nooken
        (102, "male", "head", "Dostuk"),  # Jalal-Abad, Nooken
        (103, "female", "specialist", "Kerege-Tash"),  # Issyk-Kul, Ak-Suu
        (104, "male", "council_chair", "Bulolu"),  # Osh, Alai
        (105, "female", "other", "Toktogul"),  # Jalal-Abad, Toktogul
    ]:
        found[tid] = await member(db, tid, gender, position, place)
    return found


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


async def invited(db: Database, seminar_id: int) -> set[int]:
    rows = await db.fetchall(
        "SELECT u.telegram_id FROM seminar_invitations i JOIN users u ON u.id = i.user_id"
        " WHERE i.seminar_id = ?",
        (seminar_id,),
    )
    return {r[0] for r in rows}


async def invite_pushes(db: Database) -> list[tuple[int, int]]:
    rows = await db.fetchall(
        "SELECT chat_id, params FROM outbox WHERE template = 'seminar_invite' ORDER BY id"
    )
    return [(r[0], json.loads(r[1])["seminar_id"]) for r in rows]


async def count(db: Database, table: str) -> int:
    return (await db.fetchone(f"SELECT COUNT(*) FROM {table}"))[0]


async def test_a_csv_creates_seminars_and_invites_exactly_their_audience(services, tmp_path):
    await people(services.db)
    path = write(tmp_path, "plan.csv", "\n".join([
        HEADER,
        'Бюджет,Бюджет 2027,25.12.2026 10:00,25.12.2026 17:00,Jalal-Abad,"Lenin St 1, hall",30,'
        "Aida +996555000000,regions,jalal-abad",
        ",Закупки,2026-12-26 09:30,13:00,Karakol,Toktogul St 5,20,Bakyt,municipalities,"
        '"Кереге-Таш; Bulolu"',
        "Жер,,27.12.2026 10:00,27.12.2026 12:00,Bishkek,Chui Ave 10,5,Aida,positions,head",
        "Суу,,28.12.2026 10:00,28.12.2026 12:00,Osh,Kurmanjan 3,5,Aida,districts,"
        "jalal-abad/nooken",
    ]))  # fmt: skip

    report = await import_seminars(services.seminars, path, BISHKEK, explain)

    assert report.rejected == [] and report.created == 4 and report.invited == 9
    assert [(n, k) for n, _, k in report.seminars] == [(2, 3), (3, 2), (4, 2), (5, 2)]
    ids = [sid for _, sid, _ in report.seminars]
    assert [await invited(services.db, sid) for sid in ids] == [
        {101, 102, 105}, {103, 104}, {101, 102}, {101, 102},
    ]  # fmt: skip
    pushes = await invite_pushes(services.db)
    assert sorted(pushes) == sorted(
        [(t, ids[0]) for t in (101, 102, 105)] + [(t, ids[1]) for t in (103, 104)]
        + [(t, ids[2]) for t in (101, 102)] + [(t, ids[3]) for t in (101, 102)]
    )  # fmt: skip
    first, second = await repo.get(services.db, ids[0]), await repo.get(services.db, ids[1])
    assert first.starts_at == datetime(2026, 12, 25, 4, 0, tzinfo=UTC)  # 10:00 in Bishkek
    assert first.rsvp_deadline == first.starts_at
    assert (first.title_ky, first.title_ru, first.address) == (
        "Бюджет",
        "Бюджет 2027",
        "Lenin St 1, hall",
    )
    assert first.audience == {
        "kind": "regions", "values": [first.audience["values"][0]], "programme": 1,
    }  # fmt: skip
    assert first.programme_id == 1, "the only programme, when none is named"
    assert second.title_ky is None and second.ends_at == datetime(2026, 12, 26, 7, 0, tzinfo=UTC)
    assert "line 3: seminar" in "\n".join(report.lines())


async def test_an_excel_semicolon_csv_with_a_bom_and_decimal_commas(services, tmp_path):
    await people(services.db)
    text = (
        "title_ru;starts;ends;rsvp_deadline;city;address;latitude;longitude;capacity;organiser\n"
        "Семинар;01.12.2026 10:00;01.12.2026 12:00;30.11.2026 18:00;Ош;Ленина 1;40,5283;72,7985;"
        "10;Айгүл\n;;;;;;;;;\n"
    )
    path = write(tmp_path, "excel.csv", text, encoding="utf-8-sig")

    report = await import_seminars(services.seminars, path, BISHKEK, explain)

    assert report.rejected == [] and report.created == 1 and report.invited == 5
    seminar = await repo.get(services.db, report.seminars[0][1])
    assert (seminar.latitude, seminar.longitude) == (40.5283, 72.7985)
    assert seminar.rsvp_deadline == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert seminar.audience == {"kind": "all", "values": [], "programme": 1}


async def test_a_yaml_file_takes_dates_yaml_already_parsed(services, tmp_path):
    await people(services.db)
    path = write(
        tmp_path,
        "plan.yaml",
        """
seminars:
  - title_ru: Местный бюджет
    description_ru: Как читать бюджет
    starts: 2026-12-20 10:00:00
    ends: "20.12.2026 17:00"
    city: Jalal-Abad
    address: Toktogul St 1
    latitude: 40.93
    longitude: 73.0
    capacity: 25
    organiser: Aida
    audience_kind: positions
    audience: [head, specialist]
  - title_ky: Жер
    starts: "2026-12-21 10:00"
    ends: "2026-12-21 12:00"
    city: Karakol
    address: Abdrakhmanov 5
    capacity: 10
    organiser: Bakyt
    audience_kind: municipalities
    audience: [Бүргөндү, jalal-abad/nooken/Масы]
""",
    )

    report = await import_seminars(services.seminars, path, BISHKEK, explain)

    assert report.rejected == [] and report.created == 2 and report.invited == 4
    first, second = [await repo.get(services.db, sid) for _, sid, _ in report.seminars]
    assert first.starts_at == datetime(2026, 12, 20, 4, 0, tzinfo=UTC)
    assert first.description_ru == "Как читать бюджет" and first.latitude == 40.93
    assert await invited(services.db, first.id) == {101, 102, 103}
    assert await invited(services.db, second.id) == {101}


async def test_a_bad_file_names_every_bad_row_and_creates_nothing(services, tmp_path):
    await people(services.db)
    ok = "Жер,,27.12.2026 10:00,27.12.2026 12:00,Bishkek,Chui 10,5,Aida,regions,jalal-abad"
    path = write(tmp_path, "bad.csv", "\n".join([
        HEADER,
        ok,
        "Жер,,32.13.2026 10:00,27.12.2026 12:00,Bishkek,Chui 10,5,Aida,all,",
        "Жер,,27.12.2026 10:00,27.12.2026 09:00,Bishkek,Chui 10,5,Aida,all,",
        "Жер,,27.12.2026 10:00,27.12.2026 12:00,Bishkek,Chui 10,0,Aida,all,",
        "Жер,,27.12.2026 10:00,27.12.2026 12:00,Bishkek,Chui 10,-3,Aida,all,",
        "x" * 201 + ",,27.12.2026 10:00,27.12.2026 12:00,Bishkek,Chui 10,5,Aida,all,",
        "Жер,,28.12.2026 10:00,28.12.2026 12:00,Bishkek,Chui 10,5,Aida,regions,atlantis",
        "Жер,,01.10.2026 10:00,01.10.2026 12:00,,Chui 10,5,Aida,all,",
        ok,
        "Суу,,29.12.2026 10:00,29.12.2026 12:00,Bishkek,Chui 10,5,Aida,all,,stray",
    ]))  # fmt: skip

    report = await import_seminars(services.seminars, path, BISHKEK, explain)

    too_long = explain(Refusal("field_too_long", limit=200, length=201))
    assert report.rejected == [
        (3, "starts: " + explain(Refusal("bad_time"))),
        (4, "ends: " + explain(Refusal("ends_before_start"))),
        (5, "capacity: " + explain(Refusal("capacity_positive"))),
        (6, "capacity: " + explain(Refusal("capacity_positive"))),
        (7, "title_ky: " + too_long),
        (8, "audience: unknown region 'atlantis'"),
        (9, "city: empty; starts: " + explain(Refusal("time_in_past"))),
        (10, "same title and start as line 2"),
        (11, "more cells than there are columns"),
    ]
    assert report.created == 0 and report.invited == 0
    assert "201 characters" in too_long
    for table in ("seminars", "seminar_invitations", "outbox"):
        assert await count(services.db, table) == 0
    lines = report.lines()
    assert "  line 8: audience: unknown region 'atlantis'" in lines
    assert lines[-1].startswith("nothing was imported")


async def test_missing_columns_and_unknown_ones_stop_the_file_at_line_1(services, tmp_path):
    path = write(tmp_path, "cols.csv", "title_ru,starts,ends,city,address,organiser,colour\n"
                 "Жер,27.12.2026 10:00,27.12.2026 12:00,Bishkek,Chui 10,Aida,red\n")  # fmt: skip
    report = await import_seminars(services.seminars, path, BISHKEK, explain)
    assert report.rejected == [(1, "unknown columns: colour; missing columns: capacity")]
    gone = await import_seminars(services.seminars, tmp_path / "gone.csv", BISHKEK, explain)
    assert "  file: cannot read the file: No such file or directory" in gone.lines()
    cp1251 = write(tmp_path, "win.csv", HEADER + "\nЖер", encoding="cp1251")
    assert (await import_seminars(services.seminars, cp1251, BISHKEK, explain)).rejected == [
        (0, "the file is not UTF-8: in Excel, save it as «CSV UTF-8»")
    ]
    assert await count(services.db, "seminars") == 0


async def test_a_yaml_file_with_bad_items_reports_item_numbers(services, tmp_path):
    await people(services.db)
    path = write(
        tmp_path,
        "bad.yml",
        """
- title_ru: Жер
  starts: "27.12.2026 10:00"
  ends: "27.12.2026 12:00"
  city: Bishkek
  address: Chui 10
  capacity: 5
  organiser: Aida
  audience_kind: positions
  audience: [head, mayor]
  latitude: 42.8
- just a string
- title_ru: Суу
  starts: "28.12.2026 10:00"
  ends: "28.12.2026 12:00"
  city: Bishkek
  address: Chui 10
  capacity: 5
  colour: red
  audience_kind: municipalities
  audience: Kenesh
""",
    )
    await places.insert_municipality(services.db, 1, "aiyl_aimak", "Кеңеш", "Кенеш", "Kenesh")
    report = await import_seminars(services.seminars, path, BISHKEK, explain)
    assert report.unit == "item" and [n for n, _ in report.rejected] == [1, 2, 3]
    assert report.rejected[0][1] == (
        "latitude/longitude: give both latitude and longitude, or neither; "
        "audience: unknown position 'mayor' (use one of head, deputy_head, council_chair,"
        " council_deputy, specialist, mayor_office, other)"
    )
    assert report.rejected[1][1].startswith("expected a mapping")
    assert report.rejected[2][1] == (
        "unknown keys: colour; organiser: missing; audience: municipality 'Kenesh' is ambiguous:"
        " write one of batken/batken/Kenesh, jalal-abad/bazar-korgon/Kenesh"
    )
    assert await count(services.db, "seminars") == 0


async def test_running_the_same_file_twice_creates_nothing_the_second_time(services, tmp_path):
    await people(services.db)
    path = write(tmp_path, "plan.csv", HEADER + "\nЖер,,27.12.2026 10:00,27.12.2026 12:00,"
                 "Bishkek,Chui 10,5,Aida,all,\n")  # fmt: skip
    assert (await import_seminars(services.seminars, path, BISHKEK, explain)).created == 1
    again = await import_seminars(services.seminars, path, BISHKEK, explain)
    assert again.created == 0 and again.rejected[0][0] == 2
    assert again.rejected[0][1].startswith("already there as seminar")
    assert await count(services.db, "seminars") == 1


async def two_seminars(services: Services) -> tuple[int, int]:
    """Seminar A for Jalal-Abad region, B for heads and specialists, with answers and check-ins.

    A: 101 F going+came (code), 102 M going+came (staff), 105 F declined.
    B: 101 F going+came (link, rated 5), 102 M no answer, 103 F waitlist, 106 (erased) invited.
    """
    ids = await people(services.db)
    ids[106] = await member(services.db, 106, None, "head", "Bulolu")
    base = dict.fromkeys(("description_ky", "description_ru", "latitude", "longitude"))
    base |= {"capacity": 10, "organiser": "Aida", "city": "Jalal-Abad", "address": "Lenin 1"}
    made = []
    for day, title, audience in [
        (10, "Бюджет", {"kind": "regions", "values": [await region_id(services.db)]}),
        (20, "Жер", {"kind": "positions", "values": ["head", "specialist"]}),
        (22, "Cancelled", {"kind": "all", "values": []}),
        (2, "January", {"kind": "all", "values": []}),
    ]:
        starts = datetime(2026 if day > 2 else 2027, 12 if day > 2 else 1, day, 4, tzinfo=UTC)
        values = {**base, "title_ky": title, "title_ru": None, "starts_at": starts,
                  "ends_at": starts.replace(hour=10), "rsvp_deadline": starts}  # fmt: skip
        seminar, _ = await services.seminars.create_as(None, None, values, audience)
        made.append(seminar.id)
    await repo.update(services.db, made[2], status="cancelled")
    a, b = made[0], made[1]
    db, now = services.db, "2026-11-02T00:00:00+00:00"
    for sid, tid, status in [(a, 101, "going"), (a, 102, "going"), (a, 105, "declined"),
                             (b, 101, "going"), (b, 103, "waitlist")]:  # fmt: skip
        await repo.set_answer(db, sid, ids[tid], status, now, now if status == "waitlist" else None)
    for sid, tid, via in [(a, 101, "code"), (a, 102, "staff"), (b, 101, "link")]:
        await repo.set_attended(db, sid, ids[tid], now, via)
    await repo.set_feedback(db, b, ids[101], 5, "=1+1 useful")
    await users_repo.erase_personal_data(db, ids[106], now)
    return a, b


async def region_id(db: Database) -> str:
    return str((await db.fetchone("SELECT id FROM regions WHERE code = 'jalal-abad'"))[0])


async def test_the_report_counts_invitations_answers_and_attendance(services):
    a, b = await two_seminars(services)
    seminars = [await repo.get(services.db, sid) for sid in (a, b)]

    report = await SeminarReports(services.seminars).build(seminars)

    assert report.total == Tally(invited=7, yes=4, attended=3)
    assert report.women == Tally(invited=4, yes=3, attended=2)
    assert report.by_gender == {
        "female": Tally(4, 3, 2), "male": Tally(2, 1, 1), None: Tally(1, 0, 0),
    }  # fmt: skip
    assert report.by_position == {
        "head": Tally(5, 3, 3), "specialist": Tally(1, 1, 0), "other": Tally(1, 0, 0),
    }  # fmt: skip
    assert [(r["name_en"], t) for r, t in report.by_region] == [
        ("Jalal-Abad Region", Tally(5, 3, 3)), ("Issyk-Kul Region", Tally(1, 1, 0)),
        ("Osh Region", Tally(1, 0, 0)),
    ]  # fmt: skip
    assert [(m["name_en"], t) for m, t in report.by_municipality] == [
        ("Masy", Tally(2, 2, 2)), ("Dostuk", Tally(2, 1, 1)), ("Bulolu", Tally(1, 0, 0)),
        ("Kerege-Tash", Tally(1, 1, 0)), ("Toktogul", Tally(1, 0, 0)),
    ]  # fmt: skip
    assert [t for _, t in report.by_seminar] == [Tally(3, 2, 2), Tally(4, 2, 1)]


async def test_a_range_report_shows_only_what_the_person_may_manage(services):
    a, b = await two_seminars(services)
    reports = SeminarReports(services.seminars)
    start, end = datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)

    everything = await reports.for_range(ADMIN, start, end)
    assert [s.id for s in everything.seminars] == [a, b]  # the cancelled one is left out
    coordinator = await users_repo.ensure(services.db, 777, "coord", "2026-01-01")
    await users_repo.set_role(services.db, coordinator.id, "coordinator", "2026-01-01")
    await programmes_repo.set_staff(
        services.db, 1, coordinator.id, [int(await region_id(services.db))]
    )
    assert (await reports.for_range(777, start, end)).seminars == []
    with pytest.raises(NotAllowed):
        await reports.for_range(101, start, end)
    single = await reports.for_seminar(ADMIN, b)
    assert single.total == Tally(4, 2, 1)


def cells(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def row_after(rows: list[list], label: str) -> list:
    return next(r for r in rows if r[0] == label)


async def test_the_workbook_has_the_totals_and_one_row_per_invitation(services):
    a, b = await two_seminars(services)
    report = await SeminarReports(services.seminars).build(
        [await repo.get(services.db, sid) for sid in (a, b)]
    )
    book = load_workbook(BytesIO(workbook(report, translator("en"))))

    summary, participants = book.worksheets
    assert (summary.title, participants.title) == ("Summary", "Participants")
    rows = cells(summary)
    assert row_after(rows, "Seminars")[:2] == ["Seminars", 2]
    assert row_after(rows, "Total")[:4] == ["Total", 7, 4, 3]
    assert row_after(rows, "Of them women")[:4] == ["Of them women", 4, 3, 2]
    assert row_after(rows, "Female")[:4] == ["Female", 4, 3, 2]
    assert row_after(rows, "Jalal-Abad Region")[:4] == ["Jalal-Abad Region", 5, 3, 3]
    assert row_after(rows, "Masy")[:5] == ["Masy", "Nooken District", 2, 2, 2]
    people_rows = cells(participants)
    assert people_rows[0][:3] == ["Seminar", "Date", "Name"] and len(people_rows) == 8
    assert participants.freeze_panes == "A2" and participants["A1"].font.bold
    rated = next(r for r in people_rows if r[0] == "Жер" and r[2] == "Member 101")
    assert rated == [
        "Жер", "December 20, 2026", "Member 101", "Female", "Head of the aiyl okmotu", "Masy",
        "Nooken District", "Jalal-Abad Region", "+996700101", "going", "yes", "check-in link",
        5, "=1+1 useful",
    ]  # fmt: skip
    erased = people_rows[-1]
    assert erased[2:5] == ["—", "—", "Head of the aiyl okmotu"] and erased[9:11] == [
        "no answer",
        "no",
    ]


async def test_the_workbook_looks_as_before_and_its_rows_are_read_off_the_loop(services):
    """Written row by row (write-only), it keeps its look: a big bold title, bold heads, columns
    fitted to their longest text (8 to 50), the participants' head frozen."""
    a, b = await two_seminars(services)
    loop_thread, threads = threading.get_ident(), []
    await services.db.read_off_loop(lambda conn: threads.append(threading.get_ident()))
    assert threads and threads[0] != loop_thread
    report = await SeminarReports(services.seminars).build(
        [await repo.get(services.db, sid) for sid in (a, b)]
    )
    book = load_workbook(BytesIO(workbook(report, translator("en"))))
    summary, participants = book.worksheets
    assert summary["A1"].font.b and summary["A1"].font.sz == 14
    head = next(r for r in summary.iter_rows() if r[0].value == "Gender")
    assert all(c.font.b for c in head if c.value is not None)
    assert all(c.font.b for c in participants[1]) and not participants["A2"].font.b
    assert (summary.freeze_panes, participants.freeze_panes) == (None, "A2")
    for sheet in (summary, participants):
        widths = {k: d.width for k, d in sheet.column_dimensions.items() if d.width}
        assert widths == fitted(sheet)
    comment = next(c for c in participants["N"] if c.value == "=1+1 useful")
    assert comment.data_type == "s"


def fitted(sheet) -> dict[str, float]:
    widths: dict[str, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                size = len(str(cell.value)) + 2
                widths[cell.column_letter] = max(widths.get(cell.column_letter, 8), size)
    return {letter: min(width, 50) for letter, width in widths.items()}


async def test_the_export_command_writes_the_workbook(services, tmp_path, monkeypatch):
    await two_seminars(services)
    for name in ("BOT_TOKEN", "MUNIBOT_ADMINS", "MUNIBOT_API_BASE", "MUNIBOT_DEFAULT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MUNIBOT_DB", database_for(tmp_path / "bot.sqlite3"))
    monkeypatch.chdir(tmp_path)
    printed: list[str] = []
    monkeypatch.setattr("builtins.print", lambda *a, **k: printed.append(" ".join(map(str, a))))

    code = await asyncio.to_thread(
        main, ["export", "seminars", "--from", "2026-12-01", "--to", "2026-12-31", "--lang", "ru"]
    )

    assert code == 0
    assert printed == [
        "seminars-2026-12-01-2026-12-31.xlsx",
        "2 seminars: 7 invited, 4 answered yes, 3 attended, 2 women",
    ]
    book = load_workbook(tmp_path / "seminars-2026-12-01-2026-12-31.xlsx")
    assert len(cells(book.worksheets[1])) == 8
    assert cells(book.worksheets[0])[1][1] == 2

    code = await asyncio.to_thread(main, ["export", "seminars", "--from", "2026-12-11",
                                          "--to", "2026-12-20", "--out", "b/one.xlsx"])  # fmt: skip
    assert code == 0 and printed[-1] == "1 seminar: 4 invited, 2 answered yes, 1 attended, 1 women"
    assert (tmp_path / "b" / "one.xlsx").exists()


async def test_the_import_command_exits_1_when_a_row_is_rejected(services, tmp_path, monkeypatch):
    await people(services.db)
    monkeypatch.setenv("MUNIBOT_DB", database_for(tmp_path / "bot.sqlite3"))
    printed: list[str] = []
    monkeypatch.setattr("builtins.print", lambda *a, **k: printed.append(" ".join(map(str, a))))
    good = write(tmp_path, "good.csv", HEADER + "\nЖер,,27.12.2027 10:00,27.12.2027 12:00,"
                 "Bishkek,Chui 10,5,Aida,all,\n")  # fmt: skip
    bad = write(tmp_path, "bad.csv", HEADER + "\nЖер,,27.12.2027 10:00,27.12.2027 09:00,"
                "Bishkek,Chui 10,5,Aida,all,\n")  # fmt: skip

    assert await asyncio.to_thread(main, ["import-seminars", str(bad)]) == 1
    assert "rejected: 1" in printed[-1] and "line 2: ends:" in printed[-1]
    assert await asyncio.to_thread(main, ["import-seminars", str(good)]) == 0
    assert printed[-1].splitlines()[:2] == ["seminars created: 1", "invitations queued: 5"]
