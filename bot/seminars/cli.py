"""The seminar commands of `python -m bot`: import a schedule, export a report for donors.

They run with the rights of whoever owns the database file, so nothing here checks permissions.
The services are imported only when a seminar command runs, so `migrate` never depends on them.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.config import LANGUAGES, Config
from bot.db import open_database
from bot.i18n import compile_catalogs, translator

if TYPE_CHECKING:
    from bot.core.programmes.repo import Programme
    from bot.seminars.service.reports import SeminarReport
    from bot.wiring import Services

COMMANDS = ("import-seminars", "import-clusters", "export")


def day(text: str) -> date:
    return date.fromisoformat(text)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser(
        "import-seminars", help="create seminars and their invitations from a CSV or YAML file"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--programme",
        metavar="CODE",
        help="the programme of rows without a programme column (default: the only active one)",
    )
    export = sub.add_parser("export", help="write a report as a file")
    what = export.add_subparsers(dest="what", required=True)
    sem = what.add_parser("seminars", help="seminars starting in a date range, as an .xlsx file")
    sem.add_argument("--from", dest="start", type=day, required=True, metavar="YYYY-MM-DD")
    sem.add_argument("--to", dest="end", type=day, required=True, metavar="YYYY-MM-DD")
    sem.add_argument("--out", type=Path, help="default: seminars-FROM-TO.xlsx")
    sem.add_argument("--lang", choices=LANGUAGES, help="default: MUNIBOT_DEFAULT_LANG")
    sem.add_argument("--programme", metavar="CODE", help="one programme's seminars (default: all)")
    cert = what.add_parser("certificates", help="a seminar's certificates of attendance, as a .zip")
    cert.add_argument("--seminar", type=int, required=True, metavar="ID")
    cert.add_argument("--out", type=Path, help="default: certificates-seminar-ID.zip")
    cert.add_argument("--lang", choices=LANGUAGES, help="default: each attendee's own language")
    cert.add_argument("--bot", metavar="USERNAME", help="the bot's @username, printed for /verify")


def run(args: argparse.Namespace, config: Config) -> int:
    compile_catalogs()
    if args.command == "import-seminars":
        return asyncio.run(_import(config, args.file, args.programme))
    if args.what == "certificates":
        return asyncio.run(_certificates(args, config))
    return _export(args, config)


@asynccontextmanager
async def _services(config: Config) -> AsyncIterator[Services]:
    from bot.wiring import Services

    db = await open_database(config.db_path)
    try:
        yield Services.build(config, db, Clock())
    finally:
        await db.close()


async def _import(config: Config, file: Path, programme: str | None) -> int:
    from bot.seminars.service.importer import import_seminars
    from bot.seminars.views.imports import explain

    async with _services(config) as services:
        report = await import_seminars(services.seminars, file, config.zone, explain, programme)
    print("\n".join(report.lines()))
    return 0 if not report.rejected else 1


async def _report(
    config: Config, start: datetime, end: datetime, code: str | None
) -> tuple[SeminarReport, dict[int, Programme] | None]:
    """The report, and the programmes to name in it when there are several."""
    from bot.core.programmes import repo as programmes_repo

    async with _services(config) as services:
        scope = None
        if code:
            found = await programmes_repo.by_code(services.db, code)
            if found is None:
                raise LookupError(f"there is no programme with the code {code}")
            scope = [found.id]
        report = await services.seminar_reports.operator_range(start, end, scope)
        several = await services.programmes.several()
        return report, (await services.programmes.known() if several else None)


async def _certificates(args: argparse.Namespace, config: Config) -> int:
    """One PDF per attendee, each in their own language unless --lang says otherwise."""
    from bot.core.errors import NotFound, Refusal
    from bot.core.refusals import refusal_text
    from bot.seminars.views.certificate_pdf import bundle

    async with _services(config) as services:
        try:
            found = await services.certificates.of_seminar(args.seminar)
        except NotFound:
            print(f"there is no seminar {args.seminar}", file=sys.stderr)
            return 1
        except Refusal as exc:
            print(refusal_text(translator("en", config.tz), exc), file=sys.stderr)
            return 1
    readers = [
        translator(args.lang or c.attendee.lang or config.default_lang, config.tz) for c in found
    ]
    data = await asyncio.to_thread(bundle, list(zip(readers, found, strict=True)), args.bot)
    out = args.out or Path(f"certificates-seminar-{args.seminar}.zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(out)
    print(f"{len(found)} certificate{'' if len(found) == 1 else 's'}")
    return 0


def _export(args: argparse.Namespace, config: Config) -> int:
    """Both dates count whole Bishkek days: --to 2026-12-31 includes a seminar at 23:00 that day."""
    if args.end < args.start:
        print("--to must not be before --from", file=sys.stderr)
        return 2
    start = datetime.combine(args.start, time(), config.zone)
    end = datetime.combine(args.end + timedelta(days=1), time(), config.zone)
    from bot.seminars.views.xlsx import workbook

    try:
        report, programmes = asyncio.run(_report(config, start, end, args.programme))
    except LookupError as exc:
        print(exc, file=sys.stderr)
        return 2
    tr = translator(args.lang or config.default_lang, config.tz)
    name = f"seminars-{args.programme.lower()}" if args.programme else "seminars"
    out = args.out or Path(f"{name}-{args.start}-{args.end}.xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(workbook(report, tr, programmes))
    print(out)
    print(summary(report))
    return 0


def summary(report: SeminarReport) -> str:
    count = len(report.seminars)
    total, women = report.total, report.women
    return (
        f"{count} seminar{'' if count == 1 else 's'}: {total.invited} invited,"
        f" {total.yes} answered yes, {total.attended} attended, {women.attended} women"
    )
