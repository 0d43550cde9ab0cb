"""Review and results pushes: a submission's new status, an entrant's own result, the winners.

Rows carry ids only; competition_checks adds the competition, entrant, submission and the
recorded results as they are when the row goes out.
"""

from __future__ import annotations
