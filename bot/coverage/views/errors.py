"""What coverage's refusals say, registered in `bot.wiring`."""

from __future__ import annotations

from bot.core.refusals import Wording
from bot.i18n import N_

WORDINGS: dict[str, Wording] = {
    "coverage_other_region": N_(
        "This region is outside the regions you coordinate. Send /coverage to see yours."
    ),
    "coverage_not_yours": N_(
        "You can see coverage only for the seminars and competitions you run. Send /coverage"
        " and choose one of yours."
    ),
}
