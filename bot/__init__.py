"""munibot: a Telegram bot for municipal engagement in Kyrgyzstan."""

import os

# PTB 22 warns that RetryAfter.retry_after will become a timedelta; the dispatcher takes both.
os.environ.setdefault("PTB_TIMEDELTA", "1")
