"""The report's charts: matplotlib figures written as inline SVG strings.

Figures are made with :class:`matplotlib.figure.Figure` directly (no ``pyplot``,
so no global figure registry and no GUI backend) and saved as SVG with text kept
as text. Output is deterministic: no date in the metadata, and element ids hashed
from a salt that differs per chart, so several charts can share one page.

Requires matplotlib (the ``report`` extra); it is imported when a chart is drawn.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from html import escape
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "heat_map",
    "index_bars",
    "movement_bars",
    "survey_intervals",
    "task_status",
]

INK = "#1f2933"
MUTED = "#6b7785"
GRID = "#e3e7ec"
_ROW = 0.24  # inches per bar
_RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "text.parse_math": False,  # "$" in a unit's name is a dollar sign, not TeX
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Noto Sans", "Arial", "Liberation Sans"],
    "font.size": 8.5,
    "axes.edgecolor": "#9aa5b1",
    "axes.labelcolor": INK,
    "axes.titlesize": 9,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.frameon": False,
    "legend.fontsize": 8,
}


@contextmanager
def _figure(name: str, width: float, height: float) -> Iterator[Figure]:
    """A fresh figure drawn under the report's style, ids salted with ``name``."""
    import matplotlib as mpl  # noqa: PLC0415 - an optional dependency, loaded when drawing
    from matplotlib.figure import Figure  # noqa: PLC0415

    with mpl.rc_context({**_RC, "svg.hashsalt": f"cchc-{name}"}):
        yield Figure(figsize=(width, height), layout="constrained")


_ROOT_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_ID = re.compile(r'(\sid=")([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]+)')


def _svg(figure: Figure, name: str, alt: str) -> str:
    """``figure`` as an ``<svg>`` element to inline in HTML: scalable, titled, no metadata.

    Every id is prefixed with ``name`` (and references follow), so that charts on one
    page never share an id.
    """
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.DOTALL)
    known = {found for _, found in _ID.findall(text)}
    text = _ID.sub(lambda m: f'{m[1]}{name}-{m[2]}"', text)
    text = _REFERENCE.sub(lambda m: f"{m[1]}{name}-{m[2]}" if m[2] in known else m[0], text)
    head_end = text.index(">")
    head = _ROOT_SIZE.sub("", text[:head_end])
    label = escape(alt, quote=True)
    head += f' class="chart chart-{name}" role="img" aria-label="{label}"'
    return f"{head}>\n <title>{escape(alt)}</title>{text[head_end + 1 :]}".rstrip()


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _slots(count: int, gaps: Sequence[int]) -> list[float]:
    """The y position of each of ``count`` rows from the top, a blank row before each gap."""
    out, y = [], 0.0
    for k in range(count):
        if k in gaps:
            y += 1
        out.append(-y)
        y += 1
    return out


def _frame(axes: Axes, *, grid: Literal["x", "y"] = "x") -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis=grid, color=GRID, linewidth=0.7)
    axes.set_axisbelow(True)
    axes.tick_params(length=0)


def _mark_gaps(axes: Axes, slots: Sequence[float], gaps: Sequence[int], x: float) -> None:
    for k in gaps:
        axes.text(x, slots[k] + 1, "⋮", ha="left", va="center", color=MUTED, fontsize=10)


def index_bars(
    labels: Sequence[str],
    values: Sequence[float],
    colours: Sequence[str],
    *,
    bands: Sequence[tuple[str, float, str]],
    texts: Sequence[str] | None = None,
    gaps: Sequence[int] = (),
    xlabel: str,
    alt: str,
) -> str:
    """Horizontal bars of indices (0–100) from the top, coloured by band, thresholds dashed.

    Args:
        labels: One label per bar, top first.
        values: The indices.
        colours: The colour of each bar (its band's).
        bands: ``(legend label, minimum index, colour)`` per band.
        texts: The value written at the end of each bar (default: two decimals).
        gaps: Positions before which rows were left out (drawn as a gap).
        xlabel: The axis title.
        alt: What the chart shows, for screen readers.
    """
    from matplotlib.patches import Patch  # noqa: PLC0415

    slots = _slots(len(labels), gaps)
    height = 1.3 + _ROW * (len(slots) + len(gaps))
    with _figure("bars", 8.6, height) as figure:
        axes = figure.add_subplot()
        axes.barh(slots, values, color=colours, height=0.72, edgecolor="none")
        shown = texts if texts is not None else [f"{value:.2f}" for value in values]
        for y, value, text in zip(slots, values, shown, strict=True):
            axes.text(value + 0.8, y, text, va="center", fontsize=7.5, color=INK)
        for _, low, _ in bands:
            if 0 < low < 100:
                axes.axvline(low, color=MUTED, linestyle=(0, (3, 3)), linewidth=0.8, zorder=0.5)
        _mark_gaps(axes, slots, gaps, 1)
        axes.set_yticks(slots, [_short(label, 34) for label in labels])
        axes.set_xlim(0, 108)
        axes.set_xticks(range(0, 101, 10))
        axes.set_ylim(min(slots, default=0) - 0.7, 0.7)
        axes.set_xlabel(xlabel)
        _frame(axes)
        handles = [Patch(color=colour, label=label) for label, _, colour in bands]
        if handles:
            figure.legend(
                handles=handles, loc="outside upper center", ncols=min(len(bands), 5),
                handlelength=1, columnspacing=1.2,
            )  # fmt: skip
        return _svg(figure, "bars", alt)


def heat_map(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    gaps: Sequence[int] = (),
    colour_label: str,
    alt: str,
) -> str:
    """A unit × area grid of percentages (0–100), red to green, ``None`` in grey.

    Args:
        rows: Row labels, top first.
        columns: Column labels.
        values: One row of percentages per label (``None``: not applicable).
        gaps: Row positions before which units were left out (drawn as a blank row).
        colour_label: Title of the colour scale.
        alt: What the chart shows, for screen readers.
    """
    import numpy as np  # noqa: PLC0415
    from matplotlib import colormaps  # noqa: PLC0415

    cmap = colormaps["RdYlGn"].with_extremes(bad="#d5d9de")
    labels: list[str] = []
    cells: list[Sequence[float | None]] = []
    blank: list[int] = []
    for k, (label, row) in enumerate(zip(rows, values, strict=True)):
        if k in gaps:
            blank.append(len(labels))
            labels.append("⋮")
            cells.append([None] * len(columns))
        labels.append(label)
        cells.append(row)
    grid = np.ma.masked_invalid(
        np.array([[math.nan if v is None else v for v in row] for row in cells], dtype=float)
    )
    width = min(11.0, 3.2 + 0.62 * len(columns))
    height = 1.9 + 0.26 * len(labels)
    with _figure("heat", width, height) as figure:
        axes = figure.add_subplot()
        mesh = axes.pcolormesh(grid, cmap=cmap, vmin=0, vmax=100, edgecolors="white", linewidth=0.8)
        for r, row in enumerate(cells):
            if r in blank:
                axes.axhspan(r, r + 1, color="white", zorder=2)
                continue
            for c, value in enumerate(row):
                light = value is None or 22 < value < 82
                axes.text(
                    c + 0.5, r + 0.5, "—" if value is None else f"{value:.0f}",
                    ha="center", va="center", fontsize=7,
                    color=INK if light else "white",
                )  # fmt: skip
        axes.set_xticks([c + 0.5 for c in range(len(columns))], [_short(c, 26) for c in columns])
        axes.tick_params(axis="x", labelrotation=35, top=True, bottom=False)
        axes.xaxis.tick_top()
        for tick in axes.get_xticklabels():
            tick.set_horizontalalignment("left")
            tick.set_rotation_mode("anchor")
        axes.set_yticks([r + 0.5 for r in range(len(labels))], [_short(r, 30) for r in labels])
        axes.invert_yaxis()
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        bar = figure.colorbar(mesh, ax=axes, location="bottom", shrink=0.45, aspect=30, pad=0.02)
        bar.set_label(colour_label)
        bar.outline.set_visible(False)
        return _svg(figure, "heat", alt)


def movement_bars(
    labels: Sequence[str],
    changes: Sequence[float],
    *,
    gaps: Sequence[int] = (),
    xlabel: str,
    alt: str,
    up: str = "#1a9850",
    down: str = "#d73027",
) -> str:
    """Diverging bars of index changes, largest rise at the top.

    Args:
        labels: One label per bar, top first.
        changes: Index change of each unit (positive: rose).
        gaps: Positions before which units were left out.
        xlabel: The axis title.
        alt: What the chart shows, for screen readers.
        up: Colour of rises.
        down: Colour of falls.
    """
    slots = _slots(len(labels), gaps)
    reach = max((abs(c) for c in changes), default=1.0) or 1.0
    with _figure("move", 8.6, 1.0 + _ROW * (len(slots) + len(gaps))) as figure:
        axes = figure.add_subplot()
        colours = [up if c > 0 else down if c < 0 else MUTED for c in changes]
        axes.barh(slots, changes, color=colours, height=0.7)
        for y, change in zip(slots, changes, strict=True):
            offset = reach * 0.02 * (1 if change >= 0 else -1)
            axes.text(
                change + offset, y, f"{change:+.2f}", va="center", fontsize=7.5, color=INK,
                ha="left" if change >= 0 else "right",
            )  # fmt: skip
        axes.axvline(0, color="#9aa5b1", linewidth=0.8)
        _mark_gaps(axes, slots, gaps, -reach * 1.25)
        axes.set_xlim(-reach * 1.3, reach * 1.3)
        axes.set_yticks(slots, [_short(label, 34) for label in labels])
        axes.set_ylim(min(slots, default=0) - 0.7, 0.7)
        axes.set_xlabel(xlabel)
        _frame(axes)
        return _svg(figure, "move", alt)


def task_status(
    labels: Sequence[str],
    counts: Sequence[Sequence[int]],
    statuses: Sequence[tuple[str, str]],
    *,
    xlabel: str,
    alt: str,
) -> str:
    """Stacked bars of task counts by status, one bar per lead agency.

    Args:
        labels: One label per agency, top first.
        counts: Per agency, its count of each status (in the order of ``statuses``).
        statuses: ``(label, colour)`` per status.
        xlabel: The axis title.
        alt: What the chart shows, for screen readers.
    """
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415

    slots = _slots(len(labels), ())
    with _figure("tasks", 8.6, 1.5 + _ROW * len(labels)) as figure:
        axes = figure.add_subplot()
        left = [0] * len(labels)
        for s, (label, colour) in enumerate(statuses):
            widths = [row[s] for row in counts]
            axes.barh(slots, widths, left=left, color=colour, height=0.68, label=label)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        axes.set_yticks(slots, [_short(label, 42) for label in labels])
        axes.set_xlim(0, max(left, default=1) * 1.04 or 1)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlabel(xlabel)
        _frame(axes)
        figure.legend(loc="outside upper center", ncols=4, handlelength=1, columnspacing=1.2)
        return _svg(figure, "tasks", alt)


def survey_intervals(
    labels: Sequence[str],
    values: Sequence[float | None],
    lows: Sequence[float | None],
    highs: Sequence[float | None],
    *,
    gaps: Sequence[int] = (),
    xlabel: str,
    alt: str,
    colour: str = "#3b6ea8",
) -> str:
    """Dots for the groups' indices with their intervals as whiskers, highest at the top.

    Args:
        labels: One label per group, top first.
        values: Each group's index (``None``: undefined, not drawn).
        lows: Lower bounds (``None``: no interval).
        highs: Upper bounds.
        gaps: Positions before which groups were left out.
        xlabel: The axis title.
        alt: What the chart shows, for screen readers.
        colour: Colour of the dots and whiskers.
    """
    slots = _slots(len(labels), gaps)
    known = [v for v in (*values, *lows, *highs) if v is not None]
    start = max(0.0, math.floor((min(known, default=0.0) - 5) / 10) * 10)
    with _figure("survey", 8.6, 1.0 + _ROW * (len(slots) + len(gaps))) as figure:
        axes = figure.add_subplot()
        for y, value, low, high in zip(slots, values, lows, highs, strict=True):
            if value is None:
                continue
            if low is not None and high is not None:
                axes.plot([low, high], [y, y], color=colour, linewidth=1.6, alpha=0.45)
            axes.plot([value], [y], "o", color=colour, markersize=4.5)
            axes.text(
                (high if high is not None else value) + 0.6, y, f"{value:.1f}",
                va="center", fontsize=7.5, color=INK,
            )  # fmt: skip
        _mark_gaps(axes, slots, gaps, start + 0.5)
        axes.set_yticks(slots, [_short(label, 34) for label in labels])
        axes.set_xlim(start, 104)
        axes.set_ylim(min(slots, default=0) - 0.7, 0.7)
        axes.set_xlabel(xlabel)
        _frame(axes)
        return _svg(figure, "survey", alt)
