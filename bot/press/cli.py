"""`python -m bot draft press (--seminar ID | --seminars FROM TO [--region R] | --competition
ID) --lang ru|ky|en --out F.docx`: a press release draft from the same reports staff get with
/report, to edit in Word before it goes out.

It runs with the rights of whoever owns the database file, so nothing here checks permissions.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from datetime import date
from functools import partial
from pathlib import Path

from telegram.ext import ExtBot

from bot.clock import Clock
from bot.config import LANGUAGES, Config
from bot.core.errors import NotFound, Refusal
from bot.core.refusals import refusal_text
from bot.db import open_database
from bot.http import download
from bot.i18n import compile_catalogs, translator
from bot.press.service import Fetch


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    draft = sub.add_parser("draft", help="draft a press release as a Word document")
    what = draft.add_subparsers(dest="what", required=True)
    cmd = what.add_parser("press", help="a seminar's, a period's or a competition's release")
    one = cmd.add_mutually_exclusive_group(required=True)
    one.add_argument("--seminar", type=int, metavar="ID")
    one.add_argument("--seminars", nargs=2, type=date.fromisoformat,
                     metavar=("FROM", "TO"))  # fmt: skip
    one.add_argument("--competition", type=int, metavar="ID")
    cmd.add_argument("--region", help="with --seminars: one region, by id or by name")
    cmd.add_argument("--lang", choices=LANGUAGES, help="default: MUNIBOT_DEFAULT_LANG")
    cmd.add_argument("--out", type=Path, help="default: press-WHAT-LANG-draft.docx")
    brief = what.add_parser("brief", help="a donor brief for a period, as DOCX and PDF")
    brief.add_argument("--from", dest="first", required=True, type=date.fromisoformat)
    brief.add_argument("--to", dest="last", required=True, type=date.fromisoformat)
    brief.add_argument("--region", help="one region, by id or by name")
    brief.add_argument("--lang", choices=LANGUAGES, help="default: MUNIBOT_DEFAULT_LANG")
    brief.add_argument("--out", type=Path, help="the DOCX; the PDF goes beside it")


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.command == "draft")


def run(args: argparse.Namespace, config: Config) -> int:
    days = args.seminars if args.what == "press" else (args.first, args.last)
    if days and days[1] < days[0]:
        print("TO must not be before FROM", file=sys.stderr)
        return 2
    compile_catalogs()
    if args.what == "brief":
        return asyncio.run(_brief(args, config))
    return asyncio.run(_draft(args, config))


async def _brief(args: argparse.Namespace, config: Config) -> int:
    from bot.press import brief_files
    from bot.reports.cli import region_named
    from bot.wiring import Services

    tr = translator(args.lang or config.default_lang, config.tz)
    db = await open_database(config.db_path)
    try:
        press = Services.build(config, db, Clock()).press
        region = await region_named(db, args.region)
        found = await press.operator_brief(args.first, args.last, region)
    except Refusal as exc:
        print(refusal_text(tr, exc), file=sys.stderr)
        return 1
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    finally:
        await db.close()
    made = await brief_files.make(tr, found)
    out = args.out or Path(made.docx_name)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(made.docx)
    out.with_suffix(".pdf").write_bytes(made.pdf)
    print(out)
    print(out.with_suffix(".pdf"))
    return 0


async def _draft(args: argparse.Namespace, config: Config) -> int:
    from bot.press import document
    from bot.press.views import competitions, seminars
    from bot.reports.cli import region_named
    from bot.wiring import Services

    tr = translator(args.lang or config.default_lang, config.tz)
    db = await open_database(config.db_path)
    try:
        press = Services.build(config, db, Clock()).press
        async with _telegram(config) as fetch:
            if args.competition is not None:
                made = competitions.draft(tr, await press.operator_competition(args.competition))
                what = f"competition-{args.competition}"
            elif args.seminar is not None:
                made = seminars.draft(tr, await press.operator_seminar(args.seminar, fetch))
                what = f"seminar-{args.seminar}"
            else:
                first, last = args.seminars
                region = await region_named(db, args.region)
                found = await press.operator_period(first, last, region, fetch)
                made = seminars.draft(tr, found)
                what = f"seminars-{first}-{last}"
    except Refusal as exc:
        print(refusal_text(tr, exc), file=sys.stderr)
        return 1
    except NotFound:
        print("there is no seminar or competition with that id", file=sys.stderr)
        return 2
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    finally:
        await db.close()
    if args.competition is None and fetch is None:
        print("without BOT_TOKEN the draft has no photos: they are kept in Telegram",
              file=sys.stderr)  # fmt: skip
    out = args.out or Path(document.file_name(made, what))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(await asyncio.to_thread(document.render, tr, made))
    print(out)
    return 0


@contextlib.asynccontextmanager
async def _telegram(config: Config) -> AsyncIterator[Fetch | None]:
    """The follow-up photos live in Telegram: with the bot's token they are downloaded as the
    bot would; without one (the sandbox's data, a copy of the database) the draft has none."""
    if config.token is None:
        yield None
        return
    async with ExtBot(config.token, base_url=config.api_base,
                      base_file_url=config.file_base) as bot:  # fmt: skip
        yield partial(download, bot)
