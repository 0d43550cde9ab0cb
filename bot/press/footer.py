"""The release's footer (donor, implementers, web sites), as staff wrote it for each language.

`MUNIBOT_PRESS_FOOTER` names a YAML file with `ky`, `ru` and `en` keys, each a text (lines kept)
or a list of lines, so the communications officer edits it without a release of the bot. With
no file, the draft names the programme's donor and implementers, as the certificate does.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

VARIABLE = "MUNIBOT_PRESS_FOOTER"


def lines(lang: str) -> list[str] | None:
    """The footer's lines in `lang`; None when no file is set (the default applies), and an
    empty list when the file has nothing for that language."""
    path = os.environ.get(VARIABLE, "").strip()
    if not path:
        return None
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{VARIABLE}: {path} must map ky, ru and en to text")
    found = data.get(lang) or data.get("ru") or ""
    items = found if isinstance(found, list) else str(found).splitlines()
    return [str(line).strip() for line in items if str(line).strip()]
