"""`python -m bot export submissions --competition ID [--programme CODE] [--out F.xlsx]
[--zip F.zip] [--lang ru]`: the spreadsheet and, on request, the archive of files, however
large (a bot may send only 50 MB); in MUNIBOT_DEFAULT_LANG unless `--lang` says otherwise.
`--programme CODE` alone lists that programme's competitions; with `--competition`, it refuses
a competition of another programme.

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
from bot.i18n import Translator, compile_catalogs, translator

if TYPE_CHECKING:
    from bot.competitions.service.export import Export


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds `submissions` next to `export seminars`, under the same `export` command."""
    export = sub.choices["export"]
    what = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    cmd = what.add_parser("submissions", help="a competition's submissions as .xlsx (and .zip)")
    cmd.add_argument("--competition", type=int, metavar="ID")
    cmd.add_argument(
        "--programme", metavar="CODE", help="only this programme's; alone, lists its competitions"
    )
    cmd.add_argument("--out", type=Path, help="default: submissions-CODE-YEAR.xlsx")
    cmd.add_argument("--zip", type=Path, help="also write the archived files into this .zip")
    cmd.add_argument("--lang", choices=LANGUAGES, help="default: MUNIBOT_DEFAULT_LANG")


def wanted(args: argparse.Namespace) -> bool:
    return args.command == "export" and getattr(args, "what", None) == "submissions"


def run(args: argparse.Namespace, config: Config) -> int:
    compile_catalogs()
    if args.competition is None and not args.programme:
        print("give --competition ID (or --programme CODE to list its competitions)",
              file=sys.stderr)  # fmt: skip
        return 2
    if args.competition is None:
        return asyncio.run(listing(config, args.programme))
    lang = args.lang or config.default_lang
    return asyncio.run(export(config, args.competition, args.out, args.zip, lang, args.programme))


async def listing(config: Config, programme: str) -> int:
    """One line per competition of the programme: its id, code and title."""
    from bot.competitions.service.export import SubmissionExports
    from bot.core.errors import Refusal
    from bot.wiring import Services

    db = await open_database(config.db_path)
    try:
        services = Services.build(config, db, Clock())
        found = await SubmissionExports(services.competitions).operator_listing(programme)
    except Refusal:
        print(f"there is no programme with the code {programme}", file=sys.stderr)
        return 1
    finally:
        await db.close()
    for c in found:
        print(f"{c.id}\t{c.code}\t{c.title_ru or c.title_ky or ''}")
    return 0


async def export(
    config: Config,
    competition_id: int,
    out: Path | None,
    zip_path: Path | None,
    lang: str,
    programme: str | None = None,
) -> int:
    from bot.competitions.service.export import SubmissionExports
    from bot.core.errors import NotFound, Refusal
    from bot.wiring import Services

    db = await open_database(config.db_path)
    try:
        services = Services.build(config, db, Clock())
        exports = SubmissionExports(services.competitions)
        found = await exports.operator(competition_id, programme)
    except NotFound:
        where = f" in the programme {programme}" if programme else ""
        print(f"there is no competition with id {competition_id}{where}", file=sys.stderr)
        return 1
    except Refusal:
        print(f"there is no programme with the code {programme}", file=sys.stderr)
        return 1
    finally:
        await db.close()
    tr = translator(lang, config.tz)
    await _write(found, tr, out or Path(f"submissions-{found.name}.xlsx"), zip_path)
    print(summary(found))
    return 0


async def _write(found: Export, tr: Translator, out: Path, zip_path: Path | None) -> None:
    """Both files are built in a worker thread, as the bot builds them."""
    await asyncio.to_thread(_save_book, out, found, tr)
    print(out)
    if zip_path is not None:
        await asyncio.to_thread(_save_zip, zip_path, found, tr)
        print(zip_path)


def _save_book(path: Path, found: Export, tr: Translator) -> None:
    from bot.competitions.views.submission_xlsx import workbook

    data = workbook(found, tr)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _save_zip(path: Path, found: Export, tr: Translator) -> None:
    from bot.competitions.views.submission_zip import write_zip

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_zip(handle, found, tr)


def summary(found: Export) -> str:
    count, eligible = len(found.submissions), len(found.eligible)
    archived, missing = len(found.archived), len(found.not_archived)
    return (
        f"{count} submission{'' if count == 1 else 's'} from {eligible} eligible entrant"
        f"{'' if eligible == 1 else 's'}; {archived} file{'' if archived == 1 else 's'} archived,"
        f" {missing} not archived"
    )
