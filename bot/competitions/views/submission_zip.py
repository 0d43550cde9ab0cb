"""The archive of a competition's files: one folder per submission ("IC-2026-001 Beshik-Jon"),
the latest version's files in the order sent ("01_photo.jpg"), and a README.txt that lists what
could not be archived, with the Telegram file_id to fetch it by.

Names are safe for Windows (no reserved names or characters, no trailing dots); entrant names
stay in the reader's language, Cyrillic included: zipfile marks such names as UTF-8.
"""

from __future__ import annotations

import asyncio
import mimetypes
import re
import shutil
import unicodedata
import zipfile
from pathlib import PurePosixPath
from typing import BinaryIO

from bot.competitions.service.export import Export, FileRow
from bot.competitions.views import submission_labels as labels
from bot.competitions.views import text
from bot.i18n import Translator

TELEGRAM_UPLOAD_LIMIT = 50 * 1024 * 1024
"""The largest file a bot may send through the Bot API."""
_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(10)}
_PACKED = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".mp4", ".mov", ".zip", ".docx", ".xlsx",
           ".pptx", ".odt", ".ods", ".pdf"}  # fmt: skip
"""Already compressed: stored as they are, which is as small and much faster."""
_DEFAULTS = {"photo": ("photo", "jpg"), "video": ("video", "mp4"), "document": ("document", "")}


class ZipTooBig(Exception):
    """The archive grew past the limit it was written for."""


def safe(name: str, limit: int = 80) -> str:
    cleaned = _BAD.sub("_", unicodedata.normalize("NFC", name))
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")[:limit].rstrip(" .")
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned or "_"


def folder(export: Export, receipt: str, entrant_id: int, lang: str) -> str:
    entrant = export.entrant(entrant_id)
    name = entrant.name(lang) if entrant else f"#{entrant_id}"
    return safe(f"{receipt} {name}")


def member_name(row: FileRow) -> str:
    """'01_photo.jpg': the position keeps names apart and in the order they were sent."""
    f = row.file
    stem, suffix = _DEFAULTS.get(f.kind, ("file", ""))
    if f.file_name:
        base, dot, ext = f.file_name.rpartition(".")
        stem, suffix = (base, ext) if dot and base else (f.file_name, suffix)
    if not suffix and row.source is not None:
        suffix = row.source.suffix
    if not suffix and f.mime_type:
        suffix = mimetypes.guess_extension(f.mime_type) or ""
    ext = re.sub(r"[^A-Za-z0-9]", "", suffix)[:10].lower()
    return f"{f.position:02d}_{safe(stem, 60)}" + (f".{ext}" if ext else "")


def path_in_zip(export: Export, row: FileRow, lang: str) -> str | None:
    """Where the file is inside the archive; None for files the archive does not hold."""
    if not row.latest or not row.archived:
        return None
    return f"{folder(export, row.receipt, row.entrant_id, lang)}/{member_name(row)}"


def readme(export: Export, tr: Translator) -> str:
    _ = tr._
    about = _("The files of the latest version of each submission, one folder per entrant.")
    lines = [text.pick(tr, export.competition.content(), "title"), "", about]
    missing = export.not_archived
    if not missing:
        return "\r\n".join([*lines, "", _("Every file is in this archive.")]) + "\r\n"
    lines += ["", _("Not in this archive (ask the entrant, or fetch them by Telegram file_id):")]
    for row in missing:
        reason = "missing" if row.missing else row.file.archive_status
        where = folder(export, row.receipt, row.entrant_id, tr.lang)
        lines.append(f"- {where}/{member_name(row)}: {labels.archive(tr, reason)};"
                     f" file_id {row.file.file_id}")  # fmt: skip
    return "\r\n".join(lines) + "\r\n"


def write_zip(out: BinaryIO, export: Export, tr: Translator, limit: int | None = None) -> int:
    """Blocking: call it in a thread. Returns the number of files written; raises ZipTooBig
    as soon as the archive passes `limit` bytes."""
    count = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", "\ufeff" + readme(export, tr))
        for row in export.archived:
            name = path_in_zip(export, row, tr.lang)
            assert name is not None and row.source is not None
            packed = PurePosixPath(name).suffix.lower() in _PACKED
            method = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo.from_file(row.source, name, strict_timestamps=False)
            info.compress_type = method
            with row.source.open("rb") as src, archive.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
            count += 1
            if limit is not None and out.tell() > limit:
                raise ZipTooBig(out.tell())
    if limit is not None and out.tell() > limit:
        raise ZipTooBig(out.tell())
    return count


async def build_zip(out: BinaryIO, export: Export, tr: Translator, limit: int | None = None) -> int:
    """The same, off the event loop: files may be many megabytes."""
    return await asyncio.to_thread(write_zip, out, export, tr, limit)


def zip_caption(tr: Translator, export: Export) -> str:
    count, missing = len(export.archived), len(export.not_archived)
    head = tr.ngettext(
        "{count} file of the latest versions.", "{count} files of the latest versions.", count
    )
    lines = ["🗂 " + head.format(count=count)]
    if missing:
        lines.append(tr.ngettext(
            "Not in the archive: {count} file (see README.txt).",
            "Not in the archive: {count} files (see README.txt).", missing,
        ).format(count=missing))  # fmt: skip
    return "\n".join(lines)


def too_big(tr: Translator, export: Export, limit: int) -> str:
    """Points to the command line, which has no size limit."""
    command = f"python -m bot export submissions --competition {export.competition.id} --zip F.zip"
    return tr._(
        "The archive of files is larger than {limit} MB, the most a bot can send in Telegram. "
        "Please make it on the server with:\n<code>{command}</code>"
    ).format(limit=limit // (1024 * 1024), command=command)
