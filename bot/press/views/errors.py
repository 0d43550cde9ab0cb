"""What staff read when a release can't be drafted yet."""

from __future__ import annotations

from bot.core.refusals import Wording
from bot.i18n import N_

WORDINGS: dict[str, Wording] = {
    "press_no_attendance": N_(
        "Nobody is marked as attended yet, so there is nothing to announce. Mark attendance"
        " first, then ask for the press release again."
    ),
    "press_not_published": N_(
        "The results are not published yet. Publish them first, then ask for the press"
        " release again."
    ),
    "brief_empty": N_(
        "Nothing happened in this period: no seminars, no competitions, no new members."
        " Choose another period."
    ),
}
