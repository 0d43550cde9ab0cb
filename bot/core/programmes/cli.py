"""python -m bot programme add|list|close and import-targets: what an administrator sets up
before staff start work in a programme."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.clock import Clock
from bot.config import Config
from bot.core import refusals
from bot.core.errors import Refusal
from bot.core.people import People
from bot.core.programmes import repo, views
from bot.core.programmes.repo import NewProgramme
from bot.core.programmes.service import Programmes
from bot.core.programmes.targets import import_targets
from bot.core.refusals import refusal_text
from bot.db import Database, open_database
from bot.delivery.outbox import Outbox
from bot.i18n import translator

refusals.register(views.WORDINGS)

COMMANDS = ("programme", "import-targets")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    prog = sub.add_parser("programme", help="add, list or close programmes")
    actions = prog.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a programme, or update the one with this code")
    add.add_argument("code", help="short code in latin letters, e.g. psi")
    for lang in ("ky", "ru", "en"):
        add.add_argument(f"--name-{lang}", required=True)
    add.add_argument("--donor", default="")
    add.add_argument("--implementers", default="")
    add.add_argument("--regions", default="", help="region codes, comma-separated (none: all)")
    add.add_argument("--starts", help="YYYY-MM-DD")
    add.add_argument("--ends", help="YYYY-MM-DD")
    actions.add_parser("list", help="every programme, with its reach and staff")
    close = actions.add_parser("close", help="close a programme; its waiting pushes are dropped")
    close.add_argument("code")
    close.add_argument("--yes", action="store_true", help="close without asking")
    targets = sub.add_parser("import-targets", help="a programme's target municipalities (CSV)")
    targets.add_argument("programme")
    targets.add_argument("file", type=Path)


def run(args: argparse.Namespace, config: Config) -> int:
    return asyncio.run(_run(args, config))


async def _run(args: argparse.Namespace, config: Config) -> int:
    db = await open_database(config.db_path)
    try:
        if args.command == "import-targets":
            report = await import_targets(db, args.programme, args.file)
            print("\n".join(report.lines()))
            return 1 if report.rejected else 0
        programmes = Programmes(db, People(db, config, Clock(), Outbox(db, Clock())))
        try:
            return await _action(args, db, programmes)
        except Refusal as exc:
            print(refusal_text(translator("en"), exc))
            return 1
    finally:
        await db.close()


async def _action(args: argparse.Namespace, db: Database, programmes: Programmes) -> int:
    if args.action == "add":
        new = NewProgramme(args.code, args.name_ky, args.name_ru, args.name_en, args.donor,
                           args.implementers, args.starts, args.ends)  # fmt: skip
        regions = [c.strip() for c in args.regions.split(",") if c.strip()]
        programme, added = await programmes.save(new, regions)
        print(f"programme {programme.code} {'added' if added else 'updated'} (id {programme.id})")
        return 0
    if args.action == "list":
        for line in await _listing(db):
            print(line)
        return 0
    programme = await programmes.by_code(args.code)
    if not programme.active:
        print(f"programme {programme.code} is already closed")
        return 1
    waiting = await repo.scheduled(db, programme.id)
    if not args.yes:
        question = f"close {programme.code}? {waiting} scheduled pushes will be dropped [y/N] "
        answer = await asyncio.to_thread(input, question)
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing changed")
            return 1
    dropped = await programmes.close(None, programme.id)
    print(f"programme {programme.code} closed; {dropped} scheduled pushes dropped")
    return 0


async def _listing(db: Database) -> list[str]:
    lines = []
    for p in await repo.listing(db):
        staff = await db.count(
            "SELECT COUNT(*) FROM programme_staff WHERE programme_id = ?", (p.id,)
        )
        regions = await db.fetchall(
            "SELECT r.code FROM programme_regions pr JOIN regions r ON r.id = pr.region_id"
            " WHERE pr.programme_id = ? ORDER BY r.code",
            (p.id,),
        )
        reach = await db.count(
            "SELECT COUNT(*) FROM programme_reach WHERE programme_id = ?", (p.id,)
        )
        where = ",".join(r[0] for r in regions) or "all regions"
        dates = f"{p.starts_on or '…'} – {p.ends_on or '…'}"
        lines.append(
            f"{p.code}\t{p.status}\t{p.name_en}\t{where}\ttargets: "
            f"{await repo.target_count(db, p.id)}\treaches {reach} municipalities\t"
            f"staff: {staff}\t{dates}\tdonor: {p.donor or '-'}\timplementers: "
            f"{p.implementers or '-'}"
        )
    return lines
