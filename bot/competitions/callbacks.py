"""The competitions buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback

CompetitionAction = Literal["open", "list", "subs", "move", "extend", "export", "results",
                            "publish", "publish_yes", "grants", "press"]  # fmt: skip
SubmitAction = Literal["start", "view", "files_done", "clear_files", "keep", "send", "fix_text",
                       "fix_figures", "fix_files", "abort"]  # fmt: skip
PanelAction = Literal["open", "add", "pick", "desk", "every", "chosen", "toggle", "drop",
                      "criteria"]  # fmt: skip
Award = Literal["place1", "place2", "place3", "incentive", "conditional", "none"]


@callback("cpf1")
class CompetitionFormCb(CallbackData):
    """The competition wizard's buttons: the programme, skips, the entrant kind, the audience
    picker, yes/no; on the summary, a part to ask again ("edit") and "keep" its answer."""

    action: Literal["programme", "skip", "entrants", "kind", "toggle", "page", "done", "yesno",
                    "confirm", "abort", "edit", "keep", "reminders"]  # fmt: skip
    value: str
    page: int = 0


@callback("cmp1")
class CompetitionCb(CallbackData):
    """Staff actions on one competition; `value` filters submissions by status."""

    competition_id: int
    action: CompetitionAction
    value: str = "all"
    page: int = 0


@callback("ent1")
class EntrantCb(CallbackData):
    """An entrant picked on a staff screen (to give it more time)."""

    competition_id: int
    entrant_id: int
    action: Literal["extend"]


@callback("sub1")
class SubmitCb(CallbackData):
    """A member's submission draft; the ids tell a button of an old draft apart."""

    competition_id: int
    entrant_id: int
    action: SubmitAction


@callback("cml1")
class MemberListCb(CallbackData):
    """A member's lists, from a push or /status: the competitions open to them (`open`), what
    was sent (`mine`), the published results (`results`)."""

    view: Literal["open", "mine", "results"]


@callback("rev1")
class ReviewCb(CallbackData):
    """A reviewer's action on one submission; `value` is the new status where there is one."""

    submission_id: int
    action: Literal["open", "files", "history", "status", "score", "result", "skip"]
    value: str = "-"


@callback("res1")
class ResultCb(CallbackData):
    submission_id: int
    award: Award


@callback("clf1")
class ClusterFormCb(CallbackData):
    """The in-bot cluster wizard: the programme, municipalities toggled on paged lists."""

    action: Literal["programme", "toggle", "page", "done", "confirm", "abort"]
    value: str
    page: int = 0


@callback("pnl1")
class PanelCb(CallbackData):
    """A manager's action on a competition's review panel: the panel screen, adding (the list of
    staff, then one picked), one reviewer's desk (all submissions or chosen ones, a submission
    given or taken), taking a reviewer off, typing the criteria. `user_id` is a users id."""

    competition_id: int
    action: PanelAction
    user_id: int = 0
    submission_id: int = 0


@callback("rvw1")
class ScoreCb(CallbackData):
    """A reviewer's own list and sheets ("mine" needs no submission: 0), and, for managers,
    every reviewer's scores on one submission ("scores")."""

    action: Literal["mine", "open", "score", "files", "scores"]
    submission_id: int = 0


@callback("cnd1")
class ConditionCb(CallbackData):
    """Settling a conditional win after publication: the question, then met or not met."""

    submission_id: int
    action: Literal["ask", "met", "not_met"]


ReminderAction = Literal[
    "show", "times", "text_ky", "text_ru", "default", "off", "on", "no_text", "open", "back"
]


@callback("cmr1")
class CompetitionRemindersCb(CallbackData):
    """The competition's reminders on its staff card: "show" opens them, "open" draws them
    again (dropping a question left unanswered), "back" returns to the card; the rest change
    them."""

    competition_id: int
    action: ReminderAction
