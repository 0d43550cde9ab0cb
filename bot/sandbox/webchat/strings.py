"""Every word of the sandbox's web chat page, marked for translation.

It lives outside bot/sandbox/ because the catalogs skip that folder (the emulator has no
user-facing text), while a person reading the page must get it in their own language. The
page's JavaScript only knows the keys; GET /webchat/strings sends the texts.
"""

from __future__ import annotations

from bot.i18n import N_, translator

PAGE = {
    "title": N_("Munibot sandbox"),
    "subtitle": N_("Chat with the bot as any of these people. Nothing here reaches Telegram."),
    "interface_language": N_("Page language"),
    "people": N_("People"),
    "no_people": N_("Nobody here yet. Add a person below."),
    "choose_person": N_("Choose a person on the list to chat as them."),
    "new_person": N_("New person"),
    "name": N_("Name"),
    "name_placeholder": N_("For example: Aigul Asanova"),
    "phone_language": N_("Phone language"),
    "add": N_("Add"),
    "role_coordinator": N_("Coordinator"),
    "role_member": N_("Member"),
    "role_visitor": N_("Not registered"),
    "back": N_("Back to the list"),
    "message": N_("Message"),
    "send": N_("Send"),
    "attach": N_("Send a file or photo"),
    "keyboard": N_("Show or hide the bot's keyboard"),
    "empty_chat": N_("No messages yet. Send /start to begin."),
    "contact_shared": N_("Phone number shared: {phone}"),
    "photo": N_("Photo"),
    "edited": N_("edited"),
    "ok": N_("OK"),
    "unread": N_("New messages"),
    "not_sent": N_("Not sent: {reason}"),
    "file_too_big": N_("This file is too big for the sandbox: {size} MB at most."),
    "offline": N_("The sandbox does not answer. Is it still running?"),
}

ERRORS = {
    "empty_name": N_("Please type a name."),
    "long_name": N_("This name is too long: {max} characters at most."),
    "bad_lang": N_("Choose the phone's language: Kyrgyz, Russian or English."),
    "no_persona": N_("There is no such person in the sandbox."),
}


def page_strings(lang: str) -> dict[str, str]:
    tr = translator(lang)
    return {key: tr._(text) for key, text in PAGE.items()}


def error_text(lang: str, key: str, **values: object) -> str:
    return translator(lang)._(ERRORS[key]).format(**values)
