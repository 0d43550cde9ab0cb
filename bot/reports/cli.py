"""`python -m bot export report --from DATE --to DATE [--lang ru] [--region NAME|ID]
[--programme CODE] [--out F.xlsx] [--charts DIR]`: the donor report as staff get it in the chat,
as a spreadsheet with native charts, and the PNG charts in a folder if asked.

It runs with the rights of whoever owns the database file, so nothing here checks permissions.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path

from bot.clock import Clock
from bot.config import LANGUAGES, Config
from bot.db import Database, open_database
from bot.i18n import compile_catalogs, translator


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds `report` next to `export seminars`, under the same `export` command."""
    export = sub.choices["export"]
    what = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    cmd = what.add_parser("report", help="the donor report for a period, as .xlsx with charts")
    cmd.add_argument("--from", dest="start", type=date.fromisoformat, required=True,
                     metavar="YYYY-MM-DD")  # fmt: skip
    cmd.add_argument("--to", dest="end", type=date.fromisoformat, required=True,
                     metavar="YYYY-MM-DD")  # fmt: skip
    cmd.add_argument("--lang", choices=LANGUAGES, help="default: MUNIBOT_DEFAULT_LANG")
    cmd.add_argument("--region", help="one region, by id or by name in any language")
    cmd.add_argument("--programme", metavar="CODE", help="one programme (default: all)")
    cmd.add_argument("--out", type=Path, help="default: report-FROM-TO.xlsx")
    cmd.add_argument("--charts", type=Path, metavar="DIR", help="also write the PNG charts here")


def wanted(args: argparse.Namespace) -> bool:
    return args.command == "export" and getattr(args, "what", None) == "report"


def run(args: argparse.Namespace, config: Config) -> int:
    if args.end < args.start:
        print("--to must not be before --from", file=sys.stderr)
        return 2
    compile_catalogs()
    return asyncio.run(_export(args, config))


async def region_named(db: Database, given: str | None) -> int | None:
    """A region named by id or any of its names, as a command line gives it; None: none given."""
    from bot.core.places import repo as places

    if given is None:
        return None
    wanted = given.strip().casefold()
    for region in await places.all_regions(db):
        names = {str(region.id), region.name_ky, region.name_ru, region.name_en}
        if wanted in {n.casefold() for n in names if n}:
            return region.id
    raise LookupError(f"there is no region {given!r}")


async def _programmes(db: Database, code: str | None) -> list[int] | None:
    from bot.core.programmes import repo as programmes_repo

    if code is None:
        return None
    found = await programmes_repo.by_code(db, code)
    if found is None:
        raise LookupError(f"there is no programme with the code {code}")
    return [found.id]


async def _export(args: argparse.Namespace, config: Config) -> int:
    from bot.reports import figures
    from bot.reports.charts import render
    from bot.reports.xlsx import workbook
    from bot.wiring import Services

    tr = translator(args.lang or config.default_lang, config.tz)
    db = await open_database(config.db_path)
    try:
        services = Services.build(config, db, Clock())
        region_id = await region_named(db, args.region)
        scope = await _programmes(db, args.programme)
        report = await services.donor_reports.operator(args.start, args.end, scope, region_id)
        programmes = await services.programmes.to_name()
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    finally:
        await db.close()
    region = report.region.name(tr.lang) if report.region is not None else None
    out = args.out or Path(f"report-{args.start}-{args.end}.xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(await asyncio.to_thread(workbook, report, tr, programmes, region))
    print(out)
    if args.charts is not None:
        args.charts.mkdir(parents=True, exist_ok=True)
        for name, png in await render(figures.charts(tr, report)):
            path = args.charts / f"{name}.png"
            path.write_bytes(png)
            print(path)
    return 0
