"""A panel's scores in words, for the manager's card and the scores screen alike."""

from __future__ import annotations

from bot.competitions.service.panel_scores import PanelSummary
from bot.i18n import Translator


def out_of_100(tr: Translator, total: float) -> str:
    return tr._("{score} of 100").format(score=tr.number(total))


def panel_line(tr: Translator, panel: PanelSummary) -> str:
    """The average, and how many reviewers have finished."""
    done, total = len(panel.totals), len(panel.reviewers)
    count = tr._("{done} of {total} reviewers finished").format(done=done, total=total)
    average = panel.average
    if average is None:
        return "👥 " + tr._("Panel: no average yet ({count}).").format(count=count)
    return "👥 " + tr._("Panel average: {score} ({count}).").format(
        score=out_of_100(tr, average), count=count
    )
