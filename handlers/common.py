"""What every handler shares: one `Turn` per update, with the services, the reader's translator
and the ways to answer. Routes that build a Turn are in `handlers.routes`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from telegram import InlineKeyboardMarkup, InputFile, InputMediaPhoto, Message, Update, User
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, filters

from bot.accounts.views import menu
from bot.core.errors import Refusal
from bot.core.people import Actor
from bot.core.refusals import refusal_text
from bot.core.screens import Markup, Screen
from bot.delivery.kinds import Rendered
from bot.http import Bot, retrying
from bot.i18n import Translator, resolve_lang, translator
from bot.wiring import Services
from handlers.incoming import Context, Incoming

__all__ = ["PRIVATE", "App", "Context", "Turn", "services", "services_of"]

App = Application[Any, Any, Any, Any, Any, Any]
"""PTB's application with its default context types."""
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
"""New messages in a private chat: an edit of an old answer is not a new answer."""


def services(context: Context) -> Services:
    return services_of(context.application)


def services_of(app: App) -> Services:
    return cast(Services, app.bot_data["services"])


@dataclass
class Turn(Incoming):
    """One update as a handler sees it: who asks, in which language, and how to answer."""

    svc: Services
    tr: Translator
    answered: bool = False
    _actor: Actor | None = field(default=None, repr=False)

    @classmethod
    async def begin(cls, update: Update, context: Context) -> Turn:
        svc = services(context)
        return cls(update, context, svc, await _translator(svc, update.effective_user))

    async def actor(self) -> Actor:
        """Read once per turn; a change of role within the turn is not expected."""
        if self._actor is None:
            self._actor = await self.svc.people.actor(self.tid)
        return self._actor

    async def relearn(self) -> None:
        """After the reader changed their language or account within this turn."""
        self._actor = None
        self.tr = await _translator(self.svc, self.update.effective_user)

    async def say(self, screen: Screen | str) -> None:
        """A new message in the chat the update came from."""
        if isinstance(screen, str):
            screen = Screen(screen)
        await self._call("sendMessage", screen, chat_id=self.chat_id)

    async def show(self, screen: Screen | str) -> None:
        """After a button, replace the pressed message; otherwise send a new one."""
        if isinstance(screen, str):
            screen = Screen(screen)
        query = self.update.callback_query
        markup = screen.markup
        message = query.message if query is not None else None
        if message is None or not (markup is None or isinstance(markup, InlineKeyboardMarkup)):
            await self.say(screen)
            return
        try:
            ids = {"chat_id": message.chat.id, "message_id": message.message_id}
            await self._call("editMessageText", screen, **ids)
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise

    async def _call(self, method: str, screen: Screen, **target: int) -> None:
        """A reply whose answer we don't read: Telegram's copy of the message is not parsed
        into PTB's objects, which cost more than the rest of a reply (bench/updates.py)."""
        params: dict[str, object] = {**target, "text": screen.text, "parse_mode": ParseMode.HTML}
        if screen.markup is not None:
            params["reply_markup"] = screen.markup
        await self._bot().reply(method, params)

    def _bot(self) -> Bot:
        bot = self.context.bot
        if not isinstance(bot, Bot):
            raise TypeError("the application must be built with bot.http.Bot")
        return bot

    async def replace(self, screen: Screen) -> Message | None:
        """The pressed message, edited to `screen`; None when there is none to edit (not a
        button, or a screen with a reply keyboard, which only a new message can carry)."""
        query = self.update.callback_query
        markup = screen.markup
        inline = markup if isinstance(markup, InlineKeyboardMarkup) else None
        if query is None or query.message is None or (markup is not None and inline is None):
            return None
        try:
            edited = await retrying(
                lambda: query.edit_message_text(screen.text, reply_markup=inline)
            )
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise
            return query.message if isinstance(query.message, Message) else None
        return edited if isinstance(edited, Message) else None

    async def send_document(
        self, document: InputFile | bytes, caption: str | None = None
    ) -> Message:
        bot = self.context.bot
        return await retrying(lambda: bot.send_document(self.chat_id, document, caption=caption))

    async def send_photo(self, photo: bytes, caption: str | None = None) -> Message:
        bot = self.context.bot
        return await retrying(lambda: bot.send_photo(self.chat_id, photo, caption=caption))

    async def send_album(self, photos: list[tuple[str, bytes]]) -> None:
        """2 to 10 photos as one album; a single one goes as a plain photo."""
        bot = self.context.bot
        if len(photos) == 1:
            await self.send_photo(photos[0][1])
            return
        media = [InputMediaPhoto(data, filename=f"{name}.png") for name, data in photos]
        await retrying(lambda: bot.send_media_group(self.chat_id, media))

    async def send_rendered(self, message: Rendered) -> Message:
        """A push's text as its readers get it, without its buttons (the wizards' previews)."""
        bot = self.context.bot
        caption = message.text or None
        if message.photo:
            photo = message.photo
            return await retrying(lambda: bot.send_photo(self.chat_id, photo, caption=caption))
        if message.document:
            doc = message.document
            return await retrying(lambda: bot.send_document(self.chat_id, doc, caption=caption))
        return await retrying(lambda: bot.send_message(self.chat_id, message.text))

    async def with_menu(self, text: str, otherwise: Markup = None) -> None:
        """A reply that also (re)sets the home menu for those who may use it; anyone not
        approved gets the text with `otherwise`."""
        actor = await self.actor()
        if actor.is_approved or actor.is_staff:
            await self.say(Screen(text, menu.keyboard(self.tr, actor.is_staff)))
        else:
            await self.say(Screen(text, otherwise))

    async def answer(self, text: str | None = None, alert: bool = False) -> None:
        """The button's own answer (Telegram's small notice or alert); once per press."""
        if self.answered or self.update.callback_query is None:
            return
        self.answered = True
        params: dict[str, object] = {"callback_query_id": self.update.callback_query.id}
        if text:
            params |= {"text": text, "show_alert": alert}
        await self._bot().reply("answerCallbackQuery", params)

    async def alert(self, text: str) -> None:
        await self.answer(text, alert=True)

    async def refuse(self, refusal: Refusal) -> None:
        """The standard answer to a refusal: an alert on a button, a reply to a message."""
        text = refusal_text(self.tr, refusal)
        if self.update.callback_query is not None and not self.answered:
            await self.alert(text)
        else:
            await self.say(text)


async def _translator(svc: Services, user: User | None) -> Translator:
    """The saved choice, then the phone's language, then the configured default."""
    saved = await svc.people.saved_lang(user.id) if user is not None else None
    code = user.language_code if user is not None else None
    return translator(resolve_lang(saved, code, svc.config.default_lang), svc.config.tz)
