"""Admin commands: who is project staff, and for which regions."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot import commands
from bot.core import labels
from bot.core.errors import NotAllowed, NotFound
from bot.core.people import ConfiguredAdmin, UnknownRegion
from handlers.common import PRIVATE, Context, say, services, tr_for


async def promote(update: Update, context: Context) -> None:
    """/promote ID [admin] [regions]: a coordinator covers every region unless some are named."""
    args = list(context.args or [])
    role = "coordinator"
    if "admin" in args:
        args.remove("admin")
        role = "admin"
    await _set_role(update, context, args, role)


async def demote(update: Update, context: Context) -> None:
    await _set_role(update, context, list(context.args or [])[:1], "member")


async def _set_role(update: Update, context: Context, args: list[str], role: str) -> None:
    svc = services(context)
    tr = await tr_for(update, context)
    if not args or not args[0].isdigit():
        await say(update, tr._("Please give the person's Telegram id, for example: /promote 12345"))
        return
    try:
        user = await svc.people.set_role(update.effective_user.id, int(args[0]), role, args[1:])
    except ConfiguredAdmin:
        await say(
            update,
            tr._(
                "This person is an administrator in the bot's settings (MUNIBOT_ADMINS); "
                "change it there."
            ),
        )
        return
    except NotAllowed:
        await say(update, tr._("This command is for administrators."))
        return
    except UnknownRegion as exc:
        known = ", ".join(await svc.people.region_codes())
        text = tr._("Unknown region: {codes}. Known regions: {known}.")
        await say(update, text.format(codes=escape(str(exc)), known=known))
        return
    except NotFound as exc:
        text = tr._("Not found: {what}. The person must first send /start to the bot.")
        await say(update, text.format(what=escape(str(exc))))
        return
    lang = user.lang or svc.config.default_lang
    await commands.set_for_chat(context.bot, user.telegram_id, lang, staff=role != "member")
    done = tr._("{name} is now: {role}.")
    await say(update, done.format(name=escape(user.display_name), role=labels.role(tr, role)))


async def staff_command(update: Update, context: Context) -> None:
    svc = services(context)
    tr = await tr_for(update, context)
    try:
        people = await svc.people.staff_list(update.effective_user.id)
    except NotAllowed:
        await say(update, tr._("This command is for project staff."))
        return
    if not people:
        await say(update, tr._("No coordinators yet. Admins add them with /promote."))
        return
    lines = []
    for user, regions in people:
        scope = ", ".join(r.name(tr.lang) for r in regions) or tr._("all regions")
        name = escape(user.display_name)
        line = tr._("• {name} (id {id}): {role}, {regions}")
        lines.append(
            line.format(
                name=name, id=user.telegram_id, role=labels.role(tr, user.role), regions=scope
            )
        )
    await say(update, "\n".join(lines))


def register(app: Application) -> None:
    private = PRIVATE
    app.add_handler(CommandHandler("promote", promote, filters=private))
    app.add_handler(CommandHandler("demote", demote, filters=private))
    app.add_handler(CommandHandler("staff", staff_command, filters=private))
