"""The baseline for bench/updates.py: a bare python-telegram-bot echo bot, in its own process.

It is built like munibot where that is not munibot's own work: the same HTTP transport
(bot.http.AiohttpRequest for requests and for getUpdates), the same per-user concurrent update
processor and the same polling loop (bot.app.start). So munibot's updates per second over this
bot's measure what munibot does per update, not the HTTP client or PTB's dispatching.

Run: python bench/echo_bot.py API_BASE [--max-seconds 600]. Prints "ready" once polling, runs
until stdin closes (or --max-seconds). bench/updates.py reads its CPU time and peak RSS from
/proc while it runs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update  # noqa: E402
from telegram.ext import (  # noqa: E402
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bench.common import TOKEN  # noqa: E402
from bot.app import start, stop  # noqa: E402
from bot.http import AiohttpRequest  # noqa: E402
from bot.updates import FairUpdateProcessor  # noqa: E402


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_chat.send_message(update.effective_message.text)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer()


def build(api_base: str):
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(api_base)
        .request(AiohttpRequest())
        .get_updates_request(AiohttpRequest(pool_size=2))
        .concurrent_updates(FairUpdateProcessor())
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(answer))
    return app


async def until_stdin_closes(max_seconds: float) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    try:
        await asyncio.wait_for(reader.read(), max_seconds)
    except TimeoutError:
        print("echo bot: --max-seconds reached", file=sys.stderr)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("api_base")
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    app = build(args.api_base)
    await start(app)
    try:
        print("ready", flush=True)
        await until_stdin_closes(args.max_seconds)
    finally:
        await stop(app)


if __name__ == "__main__":
    asyncio.run(main())
