"""Command line: python -m bot run | sandbox | migrate | import-municipalities FILE
| compile-locales | import-seminars FILE | import-clusters FILE
| export seminars --from DATE --to DATE | export submissions --competition ID
| export certificates --seminar ID [--out F.zip]
| export my-data --telegram-id N
| export coverage [--programme CODE | --seminar ID | --competition ID]
| export audit [--out F.xlsx] | export report --from DATE --to DATE [--region R]
| programme add|list|close | import-targets CODE FILE
| draft press (--seminar ID | --seminars FROM TO [--region R] | --competition ID) --lang L
| draft brief --from D --to D [--region R] --lang L
| backup FILE [--force] | restore FILE | health
| copy-db --from FILE --to URL."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.accounts import cli as cli_accounts
from bot.competitions import cli as cli_submissions
from bot.config import Config, ConfigError, load_config
from bot.core import audit_cli as cli_audit
from bot.core.programmes import cli as cli_programmes
from bot.coverage import cli as cli_coverage
from bot.db import DatabaseUnavailable, SchemaTooNew, open_database
from bot.dburl import BadDatabaseUrl, hide_password
from bot.i18n import compile_catalogs
from bot.ops import cli as cli_ops
from bot.press import cli as cli_press
from bot.reports import cli as cli_report
from bot.seminars import cli as cli_seminars

NO_TOKEN = (
    "BOT_TOKEN is not set, so the sandbox starts instead (the whole bot on this machine, with"
    " demo data); to run the real bot: export BOT_TOKEN=123456789:AAE...your-token..."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (polling, or a webhook with MUNIBOT_WEBHOOK_URL)")
    box = sub.add_parser("sandbox", help="the whole bot on this machine: no token, no internet")
    box.add_argument("--host", default="127.0.0.1", help="a loopback address unless --public")
    box.add_argument(
        "--public",
        action="store_true",
        help="allow a --host others can reach: anyone who opens the page acts as any persona",
    )
    box.add_argument("--port", type=int, default=8080, help="web chat port (0: any free one)")
    box.add_argument(
        "--db",
        type=Path,
        default=Path(".sandbox/demo.sqlite3"),
        help="demo database; its folder also holds personas.json and media/",
    )
    box.add_argument("--reset", action="store_true", help="delete the demo data first")
    sub.add_parser("migrate", help="apply database migrations and exit")
    sub.add_parser("compile-locales", help="compile the .po catalogs into .mo files")
    imp = sub.add_parser("import-municipalities", help="load municipalities from a CSV file")
    imp.add_argument("file", type=Path)
    clu = sub.add_parser("import-clusters", help="create clusters of municipalities from a CSV")
    clu.add_argument("file", type=Path)
    clu.add_argument(
        "--programme",
        metavar="CODE",
        help="the programme new clusters belong to (default: the only open one)",
    )
    cli_seminars.add_parsers(sub)
    cli_submissions.add_parsers(sub)
    cli_accounts.add_parsers(sub)
    cli_audit.add_parsers(sub)
    cli_programmes.add_parsers(sub)
    cli_coverage.add_parsers(sub)
    cli_report.add_parsers(sub)
    cli_press.add_parsers(sub)
    cli_ops.add_parsers(sub)
    return parser


async def _migrate(db_path: str) -> None:
    db = await open_database(db_path)
    await db.close()
    print(f"database is up to date: {db_path}")


async def _import(
    db_path: str, file: Path, clusters: bool = False, programme: str | None = None
) -> int:
    """Places come first; clusters name municipalities already in the directory."""
    from bot.core.places.cluster_import import import_clusters
    from bot.core.places.importer import import_municipalities

    db = await open_database(db_path)
    try:
        if clusters:
            found = await import_clusters(db, file, programme)
            lines, refused = found.lines(), bool(found.rejected)
        else:
            report = await import_municipalities(db, file)
            lines, refused = report.lines(), bool(report.refused)
    finally:
        await db.close()
    print("\n".join(lines))
    return 1 if refused else 0


def _sandbox(args: argparse.Namespace, config: Config) -> int:
    from bot.sandbox import runner

    return runner.run(args, config)


def _run(config: Config) -> int:
    if not config.token:
        print(NO_TOKEN, file=sys.stderr)
        return _sandbox(_parser().parse_args(["sandbox"]), config)
    from bot import serve

    return serve.run(config)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the token in URLs
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        return _dispatch(args, config)
    except DatabaseUnavailable as exc:
        shown = hide_password(config.db_path)
        print(f"munibot: can't reach the database in MUNIBOT_DB ({shown}): {exc}", file=sys.stderr)
        return 1
    except (SchemaTooNew, BadDatabaseUrl) as exc:
        print(f"munibot: {exc}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace, config: Config) -> int:
    if args.command == "compile-locales":
        print("\n".join(str(p) for p in compile_catalogs()) or "catalogs are up to date")
        return 0
    if args.command == "sandbox":
        return _sandbox(args, config)
    if args.command == "migrate":
        asyncio.run(_migrate(config.db_path))
        return 0
    if args.command in ("import-municipalities", "import-clusters"):
        clusters = args.command == "import-clusters"
        programme = getattr(args, "programme", None)
        return asyncio.run(_import(config.db_path, args.file, clusters, programme))
    if args.command in cli_programmes.COMMANDS:
        return cli_programmes.run(args, config)
    if cli_accounts.wanted(args):
        return cli_accounts.run(args, config)
    if cli_audit.wanted(args):
        return cli_audit.run(args, config)
    if cli_ops.wanted(args):
        return cli_ops.run(args, config)
    if cli_press.wanted(args):
        return cli_press.run(args, config)
    if cli_report.wanted(args):
        return cli_report.run(args, config)
    if cli_coverage.wanted(args):
        return cli_coverage.run(args, config)
    if cli_submissions.wanted(args):
        return cli_submissions.run(args, config)
    if args.command in cli_seminars.COMMANDS:
        return cli_seminars.run(args, config)
    return _run(config)


if __name__ == "__main__":
    sys.exit(main())
