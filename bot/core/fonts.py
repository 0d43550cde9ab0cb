"""DejaVu Sans from matplotlib's own data: it has the Kyrgyz letters ө, ү and ң, so a PDF made
on a server without system fonts prints them all the same."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib


@cache
def dejavu() -> tuple[Path, Path]:
    """The regular and the bold face."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
