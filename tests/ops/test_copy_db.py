"""`copy-db`: a populated SQLite installation moved into PostgreSQL through the real command
line, then a real bot on the copy. Needs MUNIBOT_TEST_PG (scripts/with-postgres); each test
makes and drops its own target databases on that server."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.clock import Clock
from bot.competitions.repo import submissions as submissions_repo
from bot.competitions.repo.submissions import StoredFile
from bot.config import load_config
from bot.core import users as users_repo
from bot.db import MIGRATIONS_DIR, Database, migrate, open_database, utcnow_iso
from bot.ops import copy_tables
from bot.ops.lock import DatabaseLock
from bot.sandbox import demo
from bot.sandbox.personas import PersonaBook
from bot.sandbox.scripts import queue_broadcast
from bot.wiring import Services
from tests import pg_tests
from tests.conftest import ADMIN_ID, BotUnderTest, expect, t
from tests.ops.helpers import counts, populated
from tests.test_cli import base_env, run_cli

needs_pg = pytest.mark.skipif(
    not pg_tests.SERVER, reason="needs a PostgreSQL server: run under scripts/with-postgres"
)

PASSWORD = "s3cret-pw"
"""In every target URL: the test server trusts local connections and ignores it, so it shows
only whether copy-db ever prints it."""
BIG_ID = 8_000_000_001
"""A telegram id past 2**31."""
TEXT = "Маанилүү кабар / Важное сообщение"


@pytest.fixture
def target():
    """`target()` is the URL of a new empty database on the test server, password included."""
    made: list[str] = []

    def make() -> str:
        name = f"munibot_copy_{uuid.uuid4().hex[:12]}"
        pg_tests._admin(f'CREATE DATABASE "{name}"')
        made.append(name)
        parts = urlsplit(pg_tests._url(name))
        return parts._replace(
            netloc=f"{parts.username}:{PASSWORD}@{parts.netloc.split('@')[1]}"
        ).geturl()

    yield make
    for name in made:
        pg_tests._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def grown(tmp_path: Path, emulator_url: str) -> Path:
    """`populated` (places, seminars, members) and then the sandbox's demo made through the
    services (programmes, Cyrillic names, seminars with invitations, a competition, outbox
    rows with JSON parameters), a broadcast, a submission with a file, a telegram id past
    2**31, and a reviewer who joined after the person he approved (users.reviewed_by points
    forward in its own table)."""
    path = (await populated(tmp_path, emulator_url))["MUNIBOT_DB"]
    db = await open_database(path)
    try:
        admins = str(demo.COORDINATOR.telegram_id)
        svc = Services.build(
            load_config({"MUNIBOT_DB": path, "MUNIBOT_ADMINS": admins}), db, Clock()
        )
        await demo.seed(svc, PersonaBook(tmp_path / "personas.json"))
        await queue_broadcast(svc, demo.COORDINATOR.telegram_id, TEXT, programme_id=1)
        now = utcnow_iso()
        late = await users_repo.ensure(db, BIG_ID, "Айжамал Төрөбаева", now, "ky")
        await db.execute(
            "UPDATE users SET reviewed_by = ? WHERE id = (SELECT MIN(id) FROM users)", (late.id,)
        )
        competition = await db.count("SELECT MIN(id) FROM competitions")
        place = await db.count("SELECT MIN(id) FROM municipalities")
        sub = await submissions_repo.create(db, competition, place, 1, "IC-0001", now)
        plan = StoredFile(1, "document", "file-1", "uniq-1", "план.pdf", "application/pdf", 2048)
        await submissions_repo.add_version(db, sub, "Суу үчүн төлөм", 120, [plan], late.id, now)
    finally:
        await db.close()
    return Path(path)


def pg_query(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [tuple(r) for r in conn.execute(sql.encode()).fetchall()]


def pg_counts(url: str) -> dict[str, int]:
    tables = pg_query(url, "SELECT table_name FROM information_schema.tables WHERE"
                      " table_schema = current_schema() AND table_type = 'BASE TABLE'")  # fmt: skip
    return {name: pg_query(url, f'SELECT COUNT(*) FROM "{name}"')[0][0] for (name,) in tables}


def rows(source: Path, url: str, table: str) -> tuple[list, list]:
    """The table's rows on both sides, the file's column order, sorted alike."""
    with closing(sqlite3.connect(source)) as conn:
        names = ", ".join(f'"{r[1]}"' for r in conn.execute(f'PRAGMA table_info("{table}")'))
        before = [tuple(r) for r in conn.execute(f'SELECT {names} FROM "{table}"')]
    after = pg_query(url, f'SELECT {names} FROM "{table}"')
    return sorted(before, key=repr), sorted(after, key=repr)


async def copy_db(tmp_path: Path, source: Path | str, url: str) -> tuple[int, str, str]:
    code, out, err = await run_cli("copy-db", "--from", str(source), "--to", url,
                                   env=base_env(tmp_path))  # fmt: skip
    assert PASSWORD not in out + err
    assert "Traceback" not in err, err
    return code, out, err


@needs_pg
async def test_every_row_moves_and_a_bot_runs_on_the_copy(emulator, tmp_path, target):
    source = await grown(tmp_path, emulator.url)
    before = counts(source)
    url = target()
    code, out, err = await copy_db(tmp_path, source, url)
    assert code == 0, out + err
    assert ":***@" in out
    assert re.search(rf"^  users +{before['users']} +{before['users']}$", out, re.M), out
    after = pg_counts(url)
    for table, n in before.items():
        if table != "schema_migrations":
            assert after[table] == n, table
    assert after["schema_migrations"] == before["schema_migrations"]
    for table in before:
        if table != "schema_migrations":
            assert rows(source, url, table)[0] == rows(source, url, table)[1], table
    big = pg_query(url, f"SELECT full_name, tg_name FROM users WHERE telegram_id = {BIG_ID}")
    assert big == [(None, "Айжамал Төрөбаева")], "a NULL, Cyrillic, an id past 2**31"
    params = [json.loads(p) for (p,) in pg_query(url, "SELECT params FROM outbox")]
    assert any(p.get("full_name") == "Чолпон Садыкова" for p in params)
    first = pg_query(url, "SELECT reviewed_by FROM users ORDER BY id LIMIT 1")
    assert first == pg_query(url, f"SELECT id FROM users WHERE telegram_id = {BIG_ID}")
    await a_bot_on(emulator, tmp_path, url, before)


async def a_bot_on(emulator, tmp_path: Path, url: str, before: dict[str, int]) -> None:
    """The copy is a database the bot runs on: a member copied over is known, and what it
    writes takes ids past the copied ones."""
    top = {t: pg_query(url, f"SELECT MAX(id) FROM {t}")[0][0] for t in ("users", "outbox")}
    bot = BotUnderTest(emulator, tmp_path / "onpg" / "bot.sqlite3", MUNIBOT_DB=url)
    await bot.start()
    try:
        member = bot.phone(7001, lang="ky")
        await member.send("/start")
        await expect(
            member,
            t("ky", "You are already registered. Send /profile to see or change your details."),
        )
        stranger = bot.phone(9101, lang="ru")
        await stranger.send("/start")
        await expect(stranger, t("ky", "Choose your language:"))
        await queue_broadcast(bot.services, ADMIN_ID, "Экинчи", programme_id=1)
    finally:
        await bot.close()
    new = pg_query(url, "SELECT id FROM users WHERE telegram_id = 9101")
    assert new and new[0][0] > top["users"]
    fresh = pg_query(url, f"SELECT COUNT(*) FROM outbox WHERE id > {top['outbox']}")[0][0]
    assert fresh == pg_query(url, "SELECT COUNT(*) FROM outbox")[0][0] - before["outbox"] > 0


@needs_pg
async def test_a_target_with_data_is_refused_and_left_as_it_was(emulator, tmp_path, target):
    source = await grown(tmp_path, emulator.url)
    url = target()
    assert (await copy_db(tmp_path, source, url))[0] == 0
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("UPDATE users SET full_name = 'Changed' WHERE telegram_id = 7001")
        conn.commit()
    kept = pg_counts(url)
    code, out, err = await copy_db(tmp_path, source, url)
    assert code == 1 and "already holds munibot data" in err and "empty database" in err
    assert pg_counts(url) == kept
    assert pg_query(url, "SELECT full_name FROM users WHERE telegram_id = 7001") == [
        ("Member 7001",)
    ]


@needs_pg
async def test_a_target_a_munibot_is_running_on_is_refused(emulator, tmp_path, target):
    """A standby on an empty database has written nothing yet, and would migrate it and send
    beside the copy once it takes over."""
    import psycopg

    source = await grown(tmp_path, emulator.url)
    url = target()
    name = "munibot standby box-2 pid 4242"
    with psycopg.connect(url, application_name=name):
        code, _, err = await copy_db(tmp_path, source, url)
    assert code == 1 and "a munibot is running on" in err and "box-2 pid 4242" in err
    assert "Stop every munibot process" in err and "Nothing was changed" in err
    assert pg_counts(url) == {}, "nothing was written to the target"


@needs_pg
async def test_a_source_a_bot_holds_or_not_munibot_is_refused(emulator, tmp_path, target):
    source = await grown(tmp_path, emulator.url)
    url = target()
    with DatabaseLock.take(source, "run"):  # the lock `python -m bot run` holds
        code, _, err = await copy_db(tmp_path, source, url)
    assert code == 1 and "in use by a running munibot (run, pid" in err
    assert "Nothing was copied" in err
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 10)
    plain = tmp_path / "plain.sqlite3"
    with closing(sqlite3.connect(plain)) as conn:
        conn.execute("CREATE TABLE things (name TEXT)")
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(source, newer)
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01')")
        conn.commit()
    refusals = [(text, url, "not a SQLite database"), (plain, url, "not a munibot one"),
                (newer, url, "newer munibot"), (tmp_path / "none.sqlite3", url, "no file"),
                (source, str(tmp_path / "x.sqlite3"), "must be a PostgreSQL URL")]  # fmt: skip
    for path, to, said in refusals:
        code, out, err = await copy_db(tmp_path, path, to)
        assert code == 1 and said in err, (path, out, err)
    assert pg_counts(url) == {}, "nothing was written to the target"


@needs_pg
async def test_text_in_a_number_column_is_named_and_nothing_is_kept(emulator, tmp_path, target):
    source = await grown(tmp_path, emulator.url)
    with closing(sqlite3.connect(source)) as conn:
        bad = conn.execute("SELECT MAX(id) FROM outbox").fetchone()[0]
        conn.execute("UPDATE outbox SET attempts = 'twice' WHERE id = ?", (bad,))
        conn.commit()
    url = target()
    code, out, err = await copy_db(tmp_path, source, url)
    assert code == 1, out
    assert f"outbox.attempts of row {bad}" in err and "holds text" in err
    assert "twice" not in err, "the value itself is not printed"
    found = pg_counts(url)
    assert found["users"] == 0 and found["outbox"] == 0 and found["programmes"] == 1


@needs_pg
async def test_an_older_file_is_brought_up_to_date_first(tmp_path, target):
    old = tmp_path / "old-migrations"
    old.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql"))[:13]:
        shutil.copy(path, old)
    source = tmp_path / "old.sqlite3"
    db = await Database.open(source)
    try:
        await migrate(db, old)
        await db.execute(  # the repositories know only the current schema
            "INSERT INTO users (telegram_id, tg_name, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (BIG_ID, "Бакыт", "2025-01-01", "2025-01-01"),
        )
    finally:
        await db.close()
    url = target()
    code, out, err = await copy_db(tmp_path, source, url)
    assert code == 0, out + err
    assert f"brought {source} up to date first: 0014_people.sql" in out
    assert counts(source)["schema_migrations"] == len(list(MIGRATIONS_DIR.glob("*.sql")))
    assert pg_query(url, f"SELECT tg_name FROM users WHERE telegram_id = {BIG_ID}") == [("Бакыт",)]


def test_parents_come_first_and_a_cycle_or_a_self_reference_is_set_afterwards():
    """The real schema has one self-reference (users.reviewed_by) and no cycle; a cycle is
    made here so that its handling is tried too."""
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.executescript(
            "CREATE TABLE people (id INTEGER PRIMARY KEY, boss INTEGER REFERENCES people(id),"
            " team INTEGER REFERENCES teams(id));"
            "CREATE TABLE teams (id INTEGER PRIMARY KEY, lead INTEGER REFERENCES people(id));"
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, person INTEGER REFERENCES people(id));"
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);"
        )
        plan = copy_tables.tables(conn)
    assert [t.name for t in plan] == ["people", "notes", "teams"]
    assert plan[0].later == {"boss", "team"} and plan[0].key == ("id",)
    assert plan[1].later == frozenset() and plan[2].later == frozenset()


async def test_in_the_real_schema_only_users_reviewed_by_waits(tmp_path):
    await (await open_database(tmp_path / "fresh.sqlite3")).close()
    with closing(sqlite3.connect(tmp_path / "fresh.sqlite3")) as conn:
        plan = copy_tables.tables(conn)
    assert {t.name: set(t.later) for t in plan if t.later} == {"users": {"reviewed_by"}}
    order = [t.name for t in plan]
    assert order.index("municipalities") < order.index("users") < order.index("outbox")
    assert "schema_migrations" not in order
