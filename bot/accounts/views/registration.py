"""What /start and the registration-only moments say, and where an account stands."""

from __future__ import annotations

from bot.accounts.views.steps import choose_language
from bot.core.labels import LANGUAGE_NAMES, Lang
from bot.core.people import Actor
from bot.core.screens import Screen
from bot.i18n import Translator


def first_screen(tr: Translator, readers: list[Translator]) -> Screen:
    """A newcomer's first answer, whatever they sent: what the bot is, in the phone's language
    (`tr`), then the language picker in each language of `readers`, Kyrgyz first."""
    about = tr._(
        "Hello! This bot is for aiyl okmotu staff: seminars, competitions and announcements "
        "from the programmes' coordinators."
    )
    picker = choose_language(readers)
    return Screen("👋 " + about + "\n\n" + picker.text, picker.markup)


def welcome_back(tr: Translator) -> str:
    return tr._("Welcome back! Let's continue where you stopped.")


def again_intro(tr: Translator) -> str:
    """Above the summary, when registering again after a rejection."""
    return "↩️ " + tr._(
        "Here are your answers from last time. Change what is needed, then confirm to send "
        "them for approval again."
    )


def again_missing(tr: Translator) -> str:
    """Registering again, when some earlier answers are no longer there."""
    return "↩️ " + tr._(
        "Some of your answers from last time are missing. Please give them again; "
        "the others are kept."
    )


def account_state(tr: Translator, actor: Actor) -> str:
    """For someone who sends /start or taps the menu outside a registration."""
    user = actor.user
    if user is not None and user.status == "approved":
        return tr._("You are already registered. Send /profile to see or change your details.")
    if user is not None and user.status == "pending":
        return tr._(
            "Your registration is waiting for a coordinator's approval. "
            "You will get a message here."
        )
    if actor.is_staff:
        return tr._("You are project staff. Send /help to see your commands.")
    return tr._("Send /start to register.")


def waiting_for_staff(tr: Translator, registrations: int) -> str:
    """What /start shows a coordinator besides their state: the registrations they may decide."""
    if not registrations:
        return ""
    return tr.ngettext(
        "{count} registration is waiting for your decision: /pending",
        "{count} registrations are waiting for your decision: /pending",
        registrations,
    ).format(count=registrations)


def no_coordinator(tr: Translator) -> str:
    """After the final confirm, when no coordinator covers the person (none is configured)."""
    return tr._(
        "The project has no coordinator in the bot yet, so your registration will wait. "
        "You will get a message here when it is approved."
    )


def my_id(tr: Translator, telegram_id: int) -> str:
    """/myid: the number an admin gives /promote."""
    return tr._(
        "Your Telegram id: {id}\nAn admin can make you project staff with /promote {id}"
    ).format(id=telegram_id)


def menu_not_yet(tr: Translator, actor: Actor) -> str:
    later = tr._("The menu opens once your registration is approved.")
    return account_state(tr, actor) + "\n" + later


def not_understood(tr: Translator, actor: Actor) -> str:
    """Text with no question open."""
    if actor.is_staff or actor.is_approved:
        return tr._("I didn't understand that. Use the menu buttons below, or send /help.")
    return account_state(tr, actor) + "\n" + tr._("Send /help to see what I can do.")


def language_chosen(tr: Translator, lang: Lang) -> Screen:
    return Screen("✓ " + tr._("Language: {language}").format(language=LANGUAGE_NAMES[lang]))


def menu_in_language(tr: Translator) -> str:
    return "🌐 " + tr._("The menu is now in this language.")


def sent_for_approval(tr: Translator) -> Screen:
    return Screen(
        tr._(
            "Thank you! Your registration has been sent to the project coordinators. "
            "You will get a message here when it is approved."
        )
    )


def phone_saved(tr: Translator, phone: str) -> str:
    return tr._("Phone number saved: {phone}").format(phone=phone)


def contact_not_asked(tr: Translator) -> str:
    return tr._("Thank you, but I didn't ask for a contact.")


def not_registered(tr: Translator) -> str:
    return tr._("You are not registered yet. Send /start to register.")
