"""Benchmark: the donor report over 20,000 members and 200 seminars, built by the real bot while
100 members keep tapping.

Run: .venv/bin/python bench/donor_report.py [--rows 20000] [--seminars 200] [--each 2]
[--users 100] [--rate 100] [--seconds 15] [--report-after 3]

The same harness as bench/reports.py (the emulator and the tapping members in processes of
their own, munibot in this one, a fresh database seeded in SQL), sized for the donor report:
--rows approved members spread over the pilot municipalities, --seminars seminars in 2026, and
--each invitations per member to different seminars (answers, attendance and ratings mixed),
so that people and person-trainings differ. After --report-after seconds the admin sends
/report for 2026: the bot counts seminars and distinct people, reads competitions and
registrations, sends the summary, draws the charts and sends them as an album, writes the XLSX
with its native charts and sends it.

- `xlsx_build_s`: from the /report message to the XLSX in the chat (summary and album first).
- `charts`: the PNG charts that came; `rows`: the Participants sheet's data rows.
- `max_loop_stall_ms` / `report_stall_ms`: the longest the event loop was late over the whole
  tapping phase / over the report alone; `p99_reply_ms`: the tapping members' replies.

Targets (issue 14): the longest loop stall under 100 ms. The last line on stdout is one JSON
object.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import reports  # noqa: E402

if __name__ == "__main__":
    try:
        asyncio.run(reports.main(__doc__, rows=20_000, seminars=200, each=2))
    except (RuntimeError, TimeoutError) as exc:
        sys.exit(f"bench/donor_report.py failed: {exc}")
