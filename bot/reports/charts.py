"""Bar charts as PNG images, drawn in a child process from plain, already translated specs.

Drawing holds the interpreter: matplotlib lays text out and loads fonts in C code that keeps the
GIL, and its first figure in a process stalled the bot's event loop for 100–200 ms in
bench/donor_report.py. So the bot never draws in its own process: `render` runs this module as
a child process, hands it the specs and awaits the PNGs (about a second more per report, for
starting Python and matplotlib). This module imports nothing of the bot, so the child is small.

The font is the DejaVu Sans that matplotlib ships, which has the Kyrgyz letters ө, ү and ң, so a
chart looks the same on any server whatever fonts it has.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import sys
import textwrap
from asyncio.subprocess import PIPE
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Literal

from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

log = logging.getLogger(__name__)
NICE = 10
rcParams["font.family"] = "DejaVu Sans"
rcParams["font.size"] = 15
rcParams["axes.titlesize"] = 17
rcParams["axes.titleweight"] = "bold"
CHILD = f"import os; os.nice({NICE}); from {__name__} import main; main()"
"""The child lowers its priority before it loads matplotlib: on a two-core server, starting
Python and drawing at full priority took the CPU from the bot's event loop."""
ROOT = str(Path(__file__).resolve().parents[2])
"""Where the `bot` package lives: the child imports this very copy of it."""
SIZE = (7.0, 6.0)
"""Read on a phone, where a photo is about 360 points wide: few, large letters."""
WRAP = 16
"""Longer category names go on two lines."""
TITLE_WRAP = 32
DPI = 150
Layout = Literal["stacked", "bars", "side_by_side"]


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: list[int]


@dataclass(frozen=True)
class Chart:
    """One chart: `categories` along one axis, a bar (or a part of one) per series value.
    "stacked" and "bars" lie down, the first category on top; "side_by_side" stands up."""

    name: str
    title: str
    axis: str
    categories: list[str]
    series: list[Series]
    layout: Layout = "bars"
    legend: bool = field(default=True)


def draw(chart: Chart, fmt: str = "png") -> bytes:
    """`fmt`: "png" for the chat, "svg" for the console (text drawn as shapes: no font needed)."""
    figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if chart.layout == "side_by_side":
        _side_by_side(axes, chart)
    else:
        _lying(axes, chart)
    axes.set_title(textwrap.fill(chart.title, TITLE_WRAP))
    axes.spines[["top", "right"]].set_visible(False)
    if chart.legend and len(chart.series) > 1:
        figure.legend(loc="outside lower center", frameon=False, fontsize=13)
    out = BytesIO()
    figure.savefig(out, format=fmt, dpi=DPI, metadata={"Software": None} if fmt == "png" else None)
    return out.getvalue()


def _wrapped(names: list[str]) -> list[str]:
    return ["\n".join(textwrap.wrap(n, WRAP, max_lines=2, placeholder="…")) or n for n in names]


def _lying(axes: Axes, chart: Chart) -> None:
    names = _wrapped(chart.categories[::-1])
    left = [0] * len(names)
    for series in chart.series:
        values = series.values[::-1]
        bars = axes.barh(names, values, left=left, color=series.colour, label=series.label)
        left = [a + b for a, b in zip(left, values, strict=True)]
        if chart.layout == "bars":
            axes.bar_label(bars, padding=3)
    if chart.layout == "stacked":
        for y, total in enumerate(left):
            axes.annotate(str(total), (total, y), xytext=(4, 0), textcoords="offset points",
                          va="center")  # fmt: skip
    axes.set_xlabel(chart.axis)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(x=0.15)


def _side_by_side(axes: Axes, chart: Chart) -> None:
    xs = list(range(len(chart.categories)))
    width = 0.8 / max(len(chart.series), 1)
    for n, series in enumerate(chart.series):
        shift = (n - (len(chart.series) - 1) / 2) * width
        bars = axes.bar([x + shift for x in xs], series.values, width, color=series.colour,
                        label=series.label)  # fmt: skip
        axes.bar_label(bars, padding=2)
    axes.set_xticks(xs, [name.replace(" ", "\n", 1) for name in chart.categories])
    axes.set_ylabel(chart.axis)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(y=0.15)


def draw_all(charts: list[Chart], fmt: str = "png") -> list[tuple[str, bytes]]:
    return [(chart.name, draw(chart, fmt)) for chart in charts]


async def render(
    charts: list[Chart], fmt: str = "png", timeout_s: float = 120
) -> list[tuple[str, bytes]]:
    """The PNGs, drawn by `python -m bot.reports.charts` in a process of its own; none (and a
    warning) if it failed, so the report's text and file still go out."""
    if not charts:
        return []
    root = ROOT
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, env=env, stdin=PIPE, stdout=PIPE, stderr=PIPE
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(pickle.dumps((charts, fmt))), timeout_s)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        log.warning("the charts took longer than %s s and were left out", timeout_s)
        return []
    if proc.returncode != 0:
        log.warning("the charts could not be drawn: %s", err.decode(errors="replace")[-500:])
        return []
    drawn: list[tuple[str, bytes]] = pickle.loads(out)
    return drawn


def main() -> None:
    """The child's side: specs in on stdin, PNGs out on stdout, both pickled (parent and child
    are the same program)."""
    charts, fmt = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(draw_all(charts, fmt)))


if __name__ == "__main__":
    main()
