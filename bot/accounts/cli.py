"""`python -m bot export my-data --telegram-id N [--out F] [--lang ru]`: everything stored about
one person, as the JSON file /mydata sends them (for a request that reaches an operator by mail
or in person).

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


def wanted(args: argparse.Namespace) -> bool:
    return args.command == "export" and getattr(args, "what", None) == "my-data"


def run(args: argparse.Namespace, config: Config) -> int:
    compile_catalogs()
    return asyncio.run(export(config, args.telegram_id, args.out, args.lang))


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
