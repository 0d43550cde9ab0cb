"""`python -m bot export coverage [--programme CODE | --seminar ID | --competition ID]
[--out F.xlsx] [--lang ru]`: every municipality the programme reaches (or every one), those
with nobody registered first; for a seminar or a competition, the municipalities it concerns
with who was invited, answered and attended, or who submitted, those to act on first.

It runs with the rights of whoever owns the database file, so nothing here checks permissions.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.config import LANGUAGES, Config
from bot.db import open_database
from bot.i18n import compile_catalogs, translator

if TYPE_CHECKING:
    from bot.coverage.service.coverage import EventKey


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds `coverage` next to `export seminars`, under the same `export` command."""
    export = sub.choices["export"]
    what = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    cmd = what.add_parser("coverage", help="registered staff by municipality, as .xlsx")
    scope = cmd.add_mutually_exclusive_group()
    scope.add_argument("--programme", metavar="CODE", help="one programme's reach (default: all)")
    scope.add_argument("--seminar", metavar="ID", type=int, help="invited, answered, attended")
    scope.add_argument("--competition", metavar="ID", type=int, help="submitted or not yet")
    cmd.add_argument("--out", type=Path, help="default: coverage[-CODE|-seminar-ID].xlsx")
    cmd.add_argument("--lang", choices=LANGUAGES, help="default: MUNIBOT_DEFAULT_LANG")


def wanted(args: argparse.Namespace) -> bool:
    return args.command == "export" and getattr(args, "what", None) == "coverage"


def run(args: argparse.Namespace, config: Config) -> int:
    compile_catalogs()
    lang = args.lang or config.default_lang
    event: EventKey | None = None
    if args.seminar is not None:
        event = ("seminar", args.seminar)
    elif args.competition is not None:
        event = ("competition", args.competition)
    return asyncio.run(export(config, args.programme, event, args.out, lang))


async def export(
    config: Config, code: str | None, event: EventKey | None, out: Path | None, lang: str
) -> int:
    from bot.core.errors import Refusal
    from bot.coverage.views.xlsx import file_name, workbook
    from bot.wiring import Services

    db = await open_database(config.db_path)
    try:
        services = Services.build(config, db, Clock())
        report = await services.coverage.operator(code, event)
    except Refusal:
        missing = f"{event[0]} {event[1]}" if event else f"programme with the code {code}"
        print(f"there is no {missing}", file=sys.stderr)
        return 1
    finally:
        await db.close()
    data = await asyncio.to_thread(workbook, translator(lang, config.tz), report)
    path = out or Path(file_name(report, code))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(path)
    return 0
