"""Which files a seminar keeps for each purpose: an agenda is a document to read, handouts
may be any office file or a photo, the photos are pictures, and the signed list a scan or a
photo of its pages."""

from __future__ import annotations

from bot.core.errors import Refusal
from bot.seminars.repo.files import NewFile

WORD = {"application/pdf", "application/msword", "application/vnd.oasis.opendocument.text",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}  # fmt: skip
IMAGES = {"image/jpeg", "image/png"}
OFFICE = {
    "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}  # fmt: skip
ACCEPTED: dict[str, tuple[bool, set[str]]] = {
    "agenda": (False, WORD),
    "handout": (True, WORD | OFFICE | IMAGES),
    "photo": (True, IMAGES),
    "signed_list": (True, {"application/pdf"} | IMAGES),
}
"""Per purpose: whether a photo will do, and the document types that will."""


def check_type(purpose: str, new: NewFile) -> None:
    photos, documents = ACCEPTED[purpose]
    fits = photos if new.kind == "photo" else new.kind == "document" and new.mime_type in documents
    if not fits:
        raise Refusal("seminar_file_type", purpose=purpose)
