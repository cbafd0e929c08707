"""Charts of the annual report, drawn as SVG with matplotlib.

Why matplotlib with ``svg.fonttype = "none"``: the SVG keeps every label as a ``<text>``
element naming the font family "Noto Sans SC", the family the PDF declares with
``@font-face`` on the vendored font, so WeasyPrint lays the labels out with the embedded
CJK font (they stay selectable and searchable text in the PDF, and a machine with no
Chinese fonts still prints them). matplotlib measures the labels with the same vendored
font, so centring and legends fit. The SVG is deterministic: no date in the metadata and
ids hashed with a fixed salt, so the same figures always give the same bytes.

Only the object-oriented API is used (no pyplot, no global backend); the SVG settings are
applied through ``rc_context`` for the drawing only.
"""

from __future__ import annotations

import io
import math
import re
from functools import cache
from pathlib import Path

import matplotlib
from django.conf import settings
from matplotlib import font_manager
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from reports.sections import Chart, Number
from reports.text import number

FONT_FAMILY = "Noto Sans SC"
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "noto-sans-sc"
REGULAR_FONT = FONT_DIR / "NotoSansSC-Regular.ttf"
BOLD_FONT = FONT_DIR / "NotoSansSC-Bold.ttf"

# The house colours: union red first, then sober tones that stay apart when printed grey.
COLOURS = ("#b3261e", "#3b6ea8", "#d99a2b", "#5a8f5a", "#7d5ba6", "#6b6b6b")
WIDTH_INCHES, HEIGHT_INCHES = 6.4, 2.9
KINDS = ("bar", "line")
LABEL_CHARACTERS_PER_LINE = 44  # 9 pt characters across the plot area

_RC = {
    "svg.fonttype": "none",  # labels as <text>, drawn by WeasyPrint with the vendored font
    "svg.hashsalt": "unionportal-report",  # ids from content, not from a random salt
    "svg.image_inline": True,
    "font.family": [FONT_FAMILY],
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#666666",
    "legend.frameon": False,
}
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_PROLOGUE = re.compile(r"\A<\?xml[^>]*>\s*<!DOCTYPE[^>]*>\s*", re.S)


@cache
def _register_font() -> None:
    """Let matplotlib measure labels with the vendored font (once per process)."""
    for path in (REGULAR_FONT, BOLD_FONT):
        font_manager.fontManager.addfont(str(path))


def _value(value: Number) -> float:
    """A plotted height: charts are pictures, so a float is fine here (None is a gap)."""
    return math.nan if value is None else float(value)


def _label(value: Number) -> str:
    return "" if value is None else number(value)


def chart_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document (no XML prologue, so it can also be inlined).

    Bars are grouped by label, one colour per series, each bar with its value on top; lines
    get a marker and the value at each point. The unit goes on the value axis.
    """
    if chart.kind not in KINDS:
        raise ValueError(f"unknown chart kind {chart.kind!r} (expected one of {KINDS})")
    for name, values in chart.series.items():
        if len(values) != len(chart.labels):
            raise ValueError(f"series {name!r} has {len(values)} values "
                             f"for {len(chart.labels)} labels")
    _register_font()
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        _draw(axes, chart)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata=_METADATA)
    return _PROLOGUE.sub("", buffer.getvalue())


def _draw(axes, chart: Chart) -> None:
    positions = list(range(len(chart.labels)))
    series = list(chart.series.items())
    if chart.kind == "bar":
        width = 0.8 / max(len(series), 1)
        for index, (name, values) in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            bars = axes.bar([p + offset for p in positions], [_value(v) for v in values],
                            width=width * 0.92, label=name,
                            color=COLOURS[index % len(COLOURS)])
            axes.bar_label(bars, labels=[_label(v) for v in values],
                           padding=2, fontsize=8)
    else:
        for index, (name, values) in enumerate(series):
            colour = COLOURS[index % len(COLOURS)]
            axes.plot(positions, [_value(v) for v in values], marker="o", markersize=4,
                      linewidth=1.6, color=colour, label=name)
            for position, value in zip(positions, values, strict=True):
                if value is not None:
                    axes.annotate(_label(value), (position, float(value)),
                                  textcoords="offset points", xytext=(0, 5),
                                  ha="center", fontsize=8, color=colour)
    slanted = _crowded(chart.labels)
    axes.set_xticks(positions, list(chart.labels), rotation=30 if slanted else 0,
                    ha="right" if slanted else "center")
    axes.yaxis.set_major_formatter(FuncFormatter(_tick))
    axes.set_title(chart.title)
    if chart.unit:
        axes.set_ylabel(chart.unit)
    axes.set_ylim(*_value_range(chart))
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    if len(series) > 1:
        axes.legend(loc="upper left", ncols=min(len(series), 4), fontsize=8)


def _crowded(labels) -> bool:
    """Whether the category labels, side by side, would overlap (about 1 em a character)."""
    return max(map(len, labels), default=0) * len(labels) > LABEL_CHARACTERS_PER_LINE


def _tick(value: float, position) -> str:
    """Value-axis ticks with thousands separators, as the tables print them."""
    return number(int(value)) if value == int(value) else f"{value:,g}"


def _value_range(chart: Chart) -> tuple[float, float]:
    """From zero (or the lowest value) to the highest, with room for the value labels."""
    values = [float(v) for values in chart.series.values() for v in values if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    return (low - 0.08 * span if low < 0 else 0.0), high + 0.2 * span
