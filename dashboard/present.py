"""Slides drawn for the hall's projector: the light and dark themes and the Plotly figures at
presentation size, for the Trình chiếu page and for the PNG of each chart.

Read from the back row of a hall on a 1920×1080 projector: chart numbers and labels at 24 px
(never under 20), series in the dashboard's colour-blind safe palette (a lighter one on the
dark theme), Vietnamese numbers (1.234,5). The dashboard's own charts are not changed: a chart
PowerPoint cannot draw natively is restyled here, on a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import plotly.graph_objects as go

from dashboard.charts import NEUTRAL, SERIES_COLORS
from dashboard.fmt import PLOTLY_SEPARATORS, TICKFORMAT, unit_suffix, wrapped_markup
from dashboard.slides import ChartSpec, Slide

__all__ = ["CHART_FONT", "PNG_SIZE", "THEMES", "Theme", "chart_figure", "png_figure",
           "restyle", "slide_figure"]

CHART_FONT = 24
_DASHBOARD_FONT = 12  # the dashboard charts' font size where a text sets none
PNG_SIZE = (1920, 1080)
NARROW_CHARS = 10  # a category's line on a phone: four sectors side by side on 360 px


@dataclass(frozen=True)
class Theme:
    label: str
    background: str
    text: str
    muted: str
    grid: str
    panel: str  # card and table background
    colors: tuple[str, ...]


THEMES = {
    "sang": Theme("Sáng, tương phản cao", "#FFFFFF", "#000000", "#1A1A1A", "#B0B0B0", "#F2F2F2",
                  SERIES_COLORS),
    "toi": Theme("Tối", "#000000", "#FFFFFF", "#E6E6E6", "#5A5A5A", "#1A1A1A",
                 ("#56B4E9", "#E69F00", "#F0E442", "#CC79A7", "#F5A3C7", "#66CCAA", "#DDDD77")),
}


def _base_layout(fig: go.Figure, theme: Theme, height: int | None, font: int) -> None:
    """`height` None: the figure takes its container's height (the slideshow's screen)."""
    fig.update_layout(
        separators=PLOTLY_SEPARATORS, height=height, autosize=True,
        font={"size": font, "color": theme.text, "family": "Arial, sans-serif"},
        paper_bgcolor=theme.background, plot_bgcolor=theme.background,
        margin={"l": 16, "r": 48, "t": 24, "b": 16},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left",
                "font": {"size": font}},
        hoverlabel={"namelength": -1, "font": {"size": font}},
    )
    fig.update_xaxes(gridcolor=theme.grid, zerolinecolor=theme.grid, automargin=True,
                     tickfont={"size": font, "color": theme.text}, linecolor=theme.text)
    fig.update_yaxes(gridcolor=theme.grid, zerolinecolor=theme.grid, automargin=True,
                     tickfont={"size": font, "color": theme.text}, linecolor=theme.text)


def chart_figure(spec: ChartSpec, theme: Theme, height: int | None = 700,
                 font: int = CHART_FONT, narrow: bool = False) -> go.Figure:
    """The slide's chart, bars/columns/lines with a Vietnamese label on every value, its text
    at `font` px. `narrow` (a phone's screen): category names wrap on words, so that four
    sectors sit level under their columns instead of slanting off the chart's right edge."""
    fig = go.Figure()
    horizontal = spec.kind == "bar"
    if narrow:
        spec = replace(spec, categories=tuple(wrapped_markup(c, NARROW_CHARS, break_words=False)
                                             for c in spec.categories))
    for index, series in enumerate(spec.series):
        color = theme.colors[index % len(theme.colors)]
        common = {"name": series.name, "text": spec.labels(series), "cliponaxis": False,
                  "textfont": {"size": font, "color": theme.text}}
        if spec.kind == "line" and series.target:  # hollow diamonds on a dashed line
            common["textfont"]["color"] = color
            fig.add_scatter(x=spec.categories, y=series.values, mode="lines+markers+text",
                            line={"color": color, "width": 4, "dash": "dash"},
                            marker={"size": font, "symbol": "diamond-open", "color": color,
                                    "line": {"width": 4}},
                            textposition="bottom center", connectgaps=False, **common)
        elif spec.kind == "line":
            fig.add_scatter(x=spec.categories, y=series.values, mode="lines+markers+text",
                            line={"color": color, "width": 5}, marker={"size": 16,
                                                                       "color": color},
                            textposition="top center", connectgaps=False, **common)
        elif horizontal:
            fig.add_bar(y=spec.categories, x=series.values, orientation="h", marker_color=color,
                        textposition="outside", **common)
        else:
            fig.add_bar(x=spec.categories, y=series.values, marker_color=color,
                        textposition="outside", **common)
    _base_layout(fig, theme, height, font)
    fig.update_layout(barmode="group", showlegend=len(spec.series) > 1)
    value_axis = fig.update_xaxes if horizontal else fig.update_yaxes
    suffix = unit_suffix(spec.unit.strip()) if spec.unit.strip().startswith("%") else ""
    value_axis(tickformat=TICKFORMAT, ticksuffix=suffix, exponentformat="none",
               rangemode="tozero")
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    if narrow and not horizontal:  # level names; the values up the narrow columns, full size
        fig.update_xaxes(tickangle=0)
        fig.update_traces(textangle=-90, selector={"type": "bar"})
        fig.update_layout(uniformtext={"minsize": font, "mode": "show"})
    values = [v for s in spec.series for v in s.values if v is not None]
    if values and spec.kind != "line":  # room for the labels outside the bars
        value_axis(range=[min(0, min(values)) * 1.25, max(values) * 1.25])
    return fig


def _recolor(color: object, mapping: dict[str, str]) -> object:
    return mapping.get(color, color) if isinstance(color, str) else color


def restyle(fig: go.Figure, theme: Theme, height: int | None = 700,
            font: int = CHART_FONT, narrow: bool = False) -> go.Figure:
    """A copy of a dashboard chart at presentation size in `theme` (its title left to the
    slide, every text at `font` px, colours mapped to the theme's palette). `narrow` (a
    phone): a line's label written leftwards from its end ('Bình quân 2021–2023: 7,8%' on the
    term's line) starts at the line's start instead, rightwards, where the later years leave
    room: on 360 px it ran past the chart's left edge."""
    out = go.Figure(fig)
    mapping = dict(zip(SERIES_COLORS, theme.colors, strict=False))
    mapping[NEUTRAL] = theme.muted
    for trace in out.data:
        for part in ("line", "marker", "textfont"):
            holder = getattr(trace, part, None)
            if holder is not None and getattr(holder, "color", None) is not None:
                holder.color = _recolor(holder.color, mapping)
    out.update_traces(textfont_size=font)
    if narrow:
        for trace in out.data:
            if _labelled_at_end(trace):
                trace.text = (trace.text[-1], *[""] * (len(trace.text) - 1))
                trace.textposition = "bottom right"
    _base_layout(out, theme, height, font)
    out.update_layout(title=None)
    for note in out.layout.annotations:
        _enlarge(note, font)
        note.font.color = _recolor(note.font.color, mapping) or theme.text
    return out


def _labelled_at_end(trace: object) -> bool:
    """A line whose only text is on its last point, written leftwards from there."""
    text = getattr(trace, "text", None)
    return (getattr(trace, "textposition", None) == "bottom left" and isinstance(text, tuple)
            and len(text) > 1 and bool(text[-1]) and not any(text[:-1]))


def _enlarge(note: go.layout.Annotation, font: int) -> None:
    """An annotation at `font` px, its shifts grown with it: labels the dashboard stacks a
    line apart (the target bands' periods) stay a line apart instead of overlapping."""
    scale = font / float(note.font.size or _DASHBOARD_FONT)
    note.font.size = font
    if note.yshift:
        note.yshift = note.yshift * scale
    if note.xshift:
        note.xshift = note.xshift * scale


def slide_figure(slide: Slide, theme: Theme, height: int | None = 700,
                 font: int = CHART_FONT, narrow: bool = False) -> go.Figure | None:
    """The figure a slide shows: its native chart drawn, else its picture restyled."""
    if slide.chart is not None:
        return chart_figure(slide.chart, theme, height, font, narrow)
    if slide.picture is not None:
        return restyle(slide.picture, theme, height, font, narrow)
    return None


def png_figure(slide: Slide, theme: Theme) -> go.Figure | None:
    """The slide's chart for a PNG at 1920×1080, with the slide's title and source line."""
    width, height = PNG_SIZE
    fig = slide_figure(slide, theme, height)
    if fig is None:
        return None
    fig.update_layout(
        width=width, height=height,
        title={"text": slide.title, "x": 0.01, "xanchor": "left", "y": 0.96,
               "font": {"size": 36, "color": theme.text},
               # The source line under the title: it can never run into the axis labels.
               "subtitle": {"text": slide.source, "font": {"size": 22, "color": theme.muted}}},
        margin={"l": 40, "r": 60, "t": 220, "b": 40},
    )
    fig.update_layout(legend={"y": 1.0, "yanchor": "bottom"})
    return fig
