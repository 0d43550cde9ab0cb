"""`python -m bot backup FILE [--force] | restore FILE | health`, and the lock `run` takes.

Operator output, in English like the other commands; nothing here reads chat data beyond row
counts, and no setting's value but the database's path (a URL's password hidden) is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.config import Config
from bot.ops.files import Refused

COMMANDS = ("backup", "restore", "health", "copy-db")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    back = sub.add_parser("backup", help="copy the database to FILE, even while the bot runs")
    back.add_argument("file", type=Path)
    back.add_argument("--force", action="store_true", help="replace FILE if it exists")
    put = sub.add_parser("restore", help="replace the database with FILE (the bot stopped)")
    put.add_argument("file", type=Path)
    sub.add_parser("health", help="exit 0 and say 'active' when a bot runs on the database")
    move = sub.add_parser("copy-db", help="copy a SQLite database into an empty PostgreSQL one")
    move.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE")
    move.add_argument("--to", dest="target", required=True, metavar="URL")


def wanted(args: argparse.Namespace) -> bool:
    return args.command in COMMANDS


def run(args: argparse.Namespace, config: Config) -> int:
    from bot.ops import backup, health, restore

    if args.command == "health":
        running, said = health.probe(config.db_path)
        print(said)
        return 0 if running else 1
    try:
        if args.command == "copy-db":
            from bot.ops import copy_db

            return copy_db.run(args.source, args.target)
        if args.command == "backup":
            copied = backup.backup(config.db_path, args.file, args.force)
            print(f"backed up {config.db_path} to {args.file}", *copied.lines(), sep="\n")
            return 0
        done = restore.restore(config.db_path, args.file)
    except Refused as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 1
    print(f"restored {args.file} into {config.db_path}", *done.summary.lines(), sep="\n")
    if done.removed:
        print(f"  removed the old database's {', '.join(done.removed)}")
    if done.pending:
        print(f"  the bot applies migrations {', '.join(map(str, done.pending))} at its next start")
    return 0
