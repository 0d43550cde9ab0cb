"""`python -m bot export audit [--out F.xlsx] [--lang ru]`: the record of staff actions as a
spreadsheet. It runs with the rights of whoever owns the database file."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.config import LANGUAGES, Config
from bot.core import audit
from bot.db import open_database
from bot.i18n import compile_catalogs, translator


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds `audit` under the `export` command."""
    export = sub.choices["export"]
    what = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    cmd = what.add_parser("audit", help="every staff action on the record, as .xlsx")
    cmd.add_argument("--out", type=Path, default=Path("audit.xlsx"))
    cmd.add_argument("--lang", choices=LANGUAGES, help="default: the bot's default language")


def wanted(args: argparse.Namespace) -> bool:
    return args.command == "export" and getattr(args, "what", None) == "audit"


def run(args: argparse.Namespace, config: Config) -> int:
    compile_catalogs()
    return asyncio.run(export(config, args.out, args.lang))


async def export(config: Config, out: Path, lang: str | None) -> int:
    from bot.core import auditviews as views

    db = await open_database(config.db_path)
    try:
        entries = await audit.every(db)
    finally:
        await db.close()
    tr = translator(lang or config.default_lang, config.tz)
    data = await asyncio.to_thread(views.workbook, tr, entries)
    await asyncio.to_thread(_save, out, data)
    print(f"{out}: {len(entries)} actions")
    return 0


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
