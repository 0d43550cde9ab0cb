"""`python -m bot backup FILE`: a consistent copy of the running bot's database.

SQLite's online backup API copies the database as of one moment while the bot keeps writing
(in WAL mode a reader never waits for a writer), so no stop is needed and no lock is taken.
"""

from __future__ import annotations

import shlex
from contextlib import closing
from pathlib import Path

from bot.dburl import hide_password
from bot.ops.files import Refused, Summary, copy_into, open_existing
from bot.ops.lock import is_file_database


def backup(db: str, out: Path, force: bool = False) -> Summary:
    if not is_file_database(db):
        raise Refused(pg_dump_hint(db, out))
    if out.exists() and not force:
        raise Refused(f"{out} already exists; choose another name, or add --force to replace it")
    source = Path(db).expanduser()
    if out.expanduser().resolve() == source.resolve():
        raise Refused("FILE is the database itself; back it up to another file")
    with closing(open_existing(source)) as conn:
        return copy_into(conn, out)


def pg_dump_hint(db: str, out: Path) -> str:
    if not db.startswith(("postgresql://", "postgres://")):
        return f"MUNIBOT_DB={db!r} is not a file this command can back up"
    command = shlex.join(["pg_dump", "--format=custom", f"--file={out}", hide_password(db)])
    return (
        "MUNIBOT_DB is a PostgreSQL server: back it up with PostgreSQL's own pg_dump, giving the"
        f" password through PGPASSWORD or ~/.pgpass:\n  {command}"
    )
