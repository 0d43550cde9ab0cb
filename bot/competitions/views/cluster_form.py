"""The cluster wizard's questions, the paged list of municipalities, and its summary."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import ClusterFormCb as Cb
from bot.competitions.service.cluster_form import Choice, Summary, cluster_data
from bot.core.flows import Flow
from bot.core.keyboards import PAGE_SIZE, button, rows
from bot.core.places.order import by_name
from bot.core.programmes import views as programmes
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen
from bot.i18n import Translator


def _abort(tr: Translator) -> list[InlineKeyboardButton]:
    return [button(tr._("Cancel"), Cb(action="abort", value="-"))]


def label(tr: Translator, choice: Choice) -> str:
    return f"{choice.place.name(tr.lang)} ({choice.district.name(tr.lang)})"


def programme_step(tr: Translator, found: list[Programme]) -> Screen:
    """The first question for someone who works in several programmes."""
    asked = programmes.choose(tr, found, lambda pid: Cb(action="programme", value=str(pid)))
    keys = asked.markup.inline_keyboard if isinstance(asked.markup, InlineKeyboardMarkup) else ()
    return Screen(asked.text, InlineKeyboardMarkup([*keys, _abort(tr)]))


def step_screen(
    tr: Translator, flow: Flow, choices: list[Choice] | None = None, page: int = 0
) -> Screen:
    _ = tr._
    if flow.step == "name_ky":
        return Screen(_("Write the cluster's name in Kyrgyz."), InlineKeyboardMarkup([_abort(tr)]))
    if flow.step == "name_ru":
        return Screen(_("Now the name in Russian."), InlineKeyboardMarkup([_abort(tr)]))
    return members_screen(tr, flow, choices or [], page)


def members_screen(tr: Translator, flow: Flow, choices: list[Choice], page: int) -> Screen:
    _ = tr._
    data = cluster_data(flow)
    chosen, query = set(data["members"]), data.get("query")
    choices = by_name(choices, tr.lang, lambda c: label(tr, c)) if not query else choices
    pages = max(1, -(-len(choices) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    buttons = [
        button(("✓ " if c.place.id in chosen else "") + label(tr, c),
               Cb(action="toggle", value=str(c.place.id), page=page))
        for c in choices[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ]  # fmt: skip
    keyboard = rows(buttons)
    nav = []
    if page > 0:
        nav.append(button("◀", Cb(action="page", value="-", page=page - 1)))
    if pages > 1:
        nav.append(button(f"{page + 1}/{pages}", Cb(action="page", value="-", page=page)))
    if page < pages - 1:
        nav.append(button("▶", Cb(action="page", value="-", page=page + 1)))
    keyboard += [nav] if nav else []
    if query:
        keyboard.append([button(_("Show all municipalities"), Cb(action="page", value="all"))])
    keyboard += [[button(_("Done"), Cb(action="done", value="-"))], _abort(tr)]
    text = _members_text(tr, query, len(chosen), bool(choices))
    return Screen(text, InlineKeyboardMarkup(keyboard))


def _members_text(tr: Translator, query: str | None, count: int, any_found: bool) -> str:
    _ = tr._
    lines = [_("Tick the cluster's municipalities (at least 2), then press Done. "
               "To find one, type part of its name.")]  # fmt: skip
    if query and any_found:
        lines.append(_("Found for «{query}»:").format(query=escape(query)))
    elif query:
        lines.append(_("Nothing found for «{query}».").format(query=escape(query)))
    lines.append(
        tr.ngettext("{count} municipality chosen.", "{count} municipalities chosen.", count).format(
            count=count
        )
    )
    return "\n".join(lines)


def summary(tr: Translator, s: Summary) -> Screen:
    _ = tr._
    lines = [
        "<b>" + _("New cluster") + "</b>",
        _("Name in Kyrgyz: {name}").format(name=escape(s.names["name_ky"])),
        _("Name in Russian: {name}").format(name=escape(s.names["name_ru"])),
        _("Code: {code}").format(code=s.code),
        "",
        tr.ngettext("{count} municipality:", "{count} municipalities:", len(s.members)).format(
            count=len(s.members)
        ),
    ]
    lines += ["• " + escape(label(tr, c)) for c in sorted(s.members, key=lambda c: label(tr, c))]
    keyboard = [
        [button("✅ " + _("Save the cluster"), Cb(action="confirm", value="-"))],
        _abort(tr),
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def saved(tr: Translator, s: Summary) -> Screen:
    name = s.names["name_ru"] if tr.lang == "ru" else s.names["name_ky"]
    head = tr.ngettext(
        "The cluster «{name}» is saved with {count} municipality.",
        "The cluster «{name}» is saved with {count} municipalities.",
        len(s.members),
    ).format(name=escape(name), count=len(s.members))
    tail = tr._(
        "It can now be chosen as an audience of broadcasts and seminars, and as an entrant "
        "in competitions between clusters."
    )
    return Screen("✅ " + head + "\n" + tail)
