"""The certificate staff send to every attendee: an outbox row per person, rendered to a PDF only
when it goes out, in the language its reader has then.

The PDF takes a few tenths of a second to draw, so it is drawn in a thread while the row is
prepared, not on the event loop; the caption follows the language the file was drawn in.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from bot.delivery.kinds import Drop, Rendered
from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator, resolve_lang, translator
from bot.seminars.service.certificates import Certificate, Certificates
from bot.seminars.views import certificate_pdf
from bot.seminars.views import certificates as views

KINDS = ("certificate",)


@dataclass(frozen=True)
class Drawn:
    certificate: Certificate
    pdf: bytes
    tr: Translator


class CertificatePushes:
    def __init__(self, certificates: Certificates, default_lang: str, tz: str) -> None:
        self.certificates = certificates
        self.default_lang = default_lang
        self.tz = tz

    async def prepare(self, row: OutboxRow, now: datetime) -> Drawn | Drop:
        """Dropped when the seminar was cancelled or the attendance mark taken back."""
        params = row.params
        found = await self.certificates.for_push(int(params["seminar_id"]), int(params["user_id"]))
        if found is None:
            return Drop("no longer attended")
        tr = translator(resolve_lang(row.lang, row.tg_lang, self.default_lang), self.tz)
        bot = params.get("bot") or None
        pdf = await asyncio.to_thread(certificate_pdf.render, tr, found, bot)
        return Drawn(found, pdf, tr)

    def render(self, row: OutboxRow, tr: Translator, prepared: Drawn) -> Rendered:
        drawn = prepared
        return Rendered(
            views.caption(drawn.tr, drawn.certificate),
            document=views.document(drawn.pdf, drawn.certificate),
        )
