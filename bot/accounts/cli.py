"""`python -m bot export my-data --telegram-id N [--out F] [--lang ru]`: everything stored about
one person, as the JSON file /mydata sends them (for a request that reaches an operator by mail
or in person); `python -m bot export people [--out F.xlsx] [--lang ru]`: the people directory
(approved members and coordinators, with phones) as a spreadsheet.

It runs with the rights of whoever owns the database file, so nothing here checks permissions.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.clock import Clock
from bot.config import LANGUAGES, Config
from bot.db import open_database
from bot.i18n import compile_catalogs, translator


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds `my-data` next to `export seminars`, under the same `export` command."""
    export = sub.choices["export"]
    what = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    cmd = what.add_parser("my-data", help="everything stored about one person, as .json")
    cmd.add_argument("--telegram-id", type=int, required=True, metavar="N")
    cmd.add_argument("--out", type=Path, help="default: my-data-N.json")
    cmd.add_argument("--lang", choices=LANGUAGES, help="default: the person's own language")
    people = what.add_parser("people", help="the people directory, as .xlsx")
    people.add_argument("--out", type=Path, help="default: people.xlsx")
    people.add_argument("--lang", choices=LANGUAGES, help="default: the configured language")


def wanted(args: argparse.Namespace) -> bool:
    return args.command == "export" and getattr(args, "what", None) in ("my-data", "people")


def run(args: argparse.Namespace, config: Config) -> int:
    compile_catalogs()
    if args.what == "people":
        return asyncio.run(export_people(config, args.out, args.lang))
    return asyncio.run(export(config, args.telegram_id, args.out, args.lang))


async def export_people(config: Config, out: Path | None, lang: str | None) -> int:
    from bot.accounts.service.people import directory
    from bot.accounts.views.people_xlsx import workbook

    db = await open_database(config.db_path)
    try:
        rows = await directory(db)
    finally:
        await db.close()
    tr = translator(lang or config.default_lang, config.tz)
    path = out or Path("people.xlsx")
    data = await asyncio.to_thread(workbook, rows, tr)
    await asyncio.to_thread(_save, path, data)
    print(path)
    return 0


async def export(config: Config, telegram_id: int, out: Path | None, lang: str | None) -> int:
    from bot.accounts.views import mydata as views
    from bot.wiring import Services

    db = await open_database(config.db_path)
    try:
        services = Services.build(config, db, Clock())
        data = await services.accounts.my_data(telegram_id)
        saved = await services.people.saved_lang(telegram_id)
    finally:
        await db.close()
    if data is None:
        print(f"nothing is stored about Telegram id {telegram_id}", file=sys.stderr)
        return 1
    now = Clock().now()
    tr = translator(lang or saved or config.default_lang, config.tz)
    path = out or Path(f"my-data-{telegram_id}.json")
    await asyncio.to_thread(_save, path, views.document(tr, data, now))
    print(path)
    return 0


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
