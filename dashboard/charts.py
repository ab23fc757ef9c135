"""Every Plotly figure the dashboard draws, built from the frames in `metrics` and `frames`.

All figures share one layout: a short title naming what is shown and its unit, Vietnamese
number separators (1.234,5), explicit tick formats (never k/M), status colours from
`dashboard.status` with the icon and word beside them, and a legend that fits a phone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import status as st_
from dashboard.fmt import (
    HOVER_NUMBER,
    PLOTLY_SEPARATORS,
    TICKFORMAT,
    fmt_num,
    fmt_pct,
    fmt_value,
    is_missing,
    unit_suffix,
    wrapped,
)
from dashboard.plain import plain_figure

__all__ = [
    "attainment_bullets",
    "budget_amounts",
    "budget_progress",
    "budget_vs_prev",
    "comparison",
    "domain_status",
    "growth",
    "households",
    "poverty_rates",
    "status_matrix",
]

SERIES_COLORS = ("#332288", "#E69F00", "#56B4E9", "#CC79A7", "#882255", "#44AA99", "#999933")
BAND_COLOR = "rgba(120, 120, 120, 0.18)"
NEUTRAL = "#4D4D4D"


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    """The shared layout, and every label that came from a file made plain text (the last step
    of every figure)."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        separators=PLOTLY_SEPARATORS,
        height=height,
        margin={"l": 8, "r": 16, "t": 56, "b": 8},
        legend={"orientation": "h", "yanchor": "top", "y": _legend_y(height), "x": 0,
                "xanchor": "left"},
        hoverlabel={"namelength": -1},
    )
    return plain_figure(fig)


_LEGEND_GAP_PX = 46  # from the plot's bottom to the legend: room for the axis' tick labels


def _legend_y(height: int) -> float:
    """Where the legend's top sits below the plot, in Plotly's fraction of the plot's height:
    12 % of a chart of a few hundred px, but never more than `_LEGEND_GAP_PX` (12 % of a
    scorecard of 40 indicators left 170 px of white between its last bar and its legend)."""
    plot = max(height - 64, 1)  # the figure less its top and bottom margins
    return -min(0.12, _LEGEND_GAP_PX / plot)


def _value_axis(fig: go.Figure, unit: str | None, axis: str = "y") -> None:
    """Numbers on a value axis: Vietnamese separators, no SI suffix, the unit as suffix."""
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickformat=TICKFORMAT, ticksuffix=unit_suffix(unit), exponentformat="none",
           zeroline=True, rangemode="tozero")


def _hover(unit: str | None, axis: str = "y") -> str:
    return f"%{{{axis}{HOVER_NUMBER}}}{unit_suffix(unit)}"


def _room_for_labels(fig: go.Figure, values: pd.Series, floor: float = 100) -> None:
    """A horizontal % axis wide enough for the bar labels written outside the bars."""
    top = max([floor, *[float(v) for v in values if not is_missing(v)]])
    if top > 0:
        fig.update_xaxes(range=[0, top * 1.2])


def _integer_ticks(fig: go.Figure, values: pd.Series, axis: str = "y") -> None:
    """Whole-number ticks for counts: never '0 0 0 1 1 1' on a small axis."""
    top = max([1.0, *[float(v) for v in values if not is_missing(v)]])
    step = max(1, math.ceil(top / 6))
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickformat=",d", tick0=0, dtick=step)


def _bar_hover(unit: str | None) -> str:
    """Hover of a horizontal bar: category then value."""
    return "%{y}: " + _hover(unit, "x") + "<extra></extra>"


def domain_status(counts: pd.DataFrame) -> go.Figure:
    """Stacked bars: how many indicators of each domain are Vượt, Đạt, Chưa đạt, Không xác định."""
    fig = go.Figure()
    for name in st_.VERDICTS:  # an in-year period also has vượt / đúng / chậm tiến độ
        part = counts[counts["status"] == name]
        if part.empty:
            continue
        fig.add_bar(
            y=part["domain"], x=part["count"], orientation="h", name=st_.label(name),
            marker_color=st_.STATUS_COLORS[name], text=[f"{st_.STATUS_ICONS[name]} {c}"
                                                        for c in part["count"]],
            textposition="inside", hovertemplate="%{y}: %{x} chỉ tiêu<extra>" + name + "</extra>",
        )
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"},
                      legend={"traceorder": "normal"})
    _value_axis(fig, None, axis="x")
    _integer_ticks(fig, counts.groupby("domain")["count"].sum(), axis="x")
    height = 150 + 36 * max(counts["domain"].nunique(), 1)
    return _layout(fig, "Đánh giá chỉ tiêu theo lĩnh vực (số chỉ tiêu)", height)


def _band_shape(x0: float, x1: float, low: float, high: float, color: str,
                dash: str = "dot", name: str | None = None) -> dict:
    """A target band; with `name`, listed in the legend under that name (its swatch the band's
    fill and outline), so that its label never sits on the data or on another band's."""
    shape = {"type": "rect", "x0": x0, "x1": x1, "y0": low, "y1": high,
             "fillcolor": _tint(color, 0.14), "line": {"color": color, "width": 1.5, "dash": dash},
             "layer": "below"}
    if name is not None:  # no legend group: a horizontal legend stacks a group's entries
        shape |= {"name": name, "showlegend": True}
    return shape


def _tint(color: str, alpha: float) -> str:
    """'#332288' at `alpha` as 'rgba(51, 34, 136, 0.14)': a light fill under a solid outline."""
    red, green, blue = (int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _growth_locality(fig: go.Figure, rows: pd.DataFrame, color: str, labels: bool) -> None:
    """One locality's yearly dots (hollow = estimate) and term averages drawn across the term."""
    name = rows["locality"].iloc[0]
    years = rows[(rows["kind"] == "year") & rows["value"].notna()].sort_values("x0")
    if not years.empty:
        fig.add_scatter(
            x=years["x0"], y=years["value"], name=name, legendgroup=name, mode="lines+markers",
            line={"color": color},
            marker={"color": color, "size": 9,
                    "symbol": ["circle-open" if e else "circle" for e in years["estimate"]]},
            customdata=years["period_label"],
            hovertemplate="%{customdata}: " + _hover("%") + f"<extra>{name}</extra>",
        )
        if labels:  # on a white ground: a value inside a target band stays legible over it
            _append(fig, annotations=[
                {"x": x, "y": v, "text": fmt_pct(v, 2) + (" (ước)" if e else ""),
                 "yanchor": "bottom", "yshift": 7, "showarrow": False, "name": "gia_tri",
                 "bgcolor": "rgba(255, 255, 255, 0.9)", "borderpad": 1,
                 "font": {"color": color, "size": 12}}
                for x, v, e in zip(years["x0"], years["value"], years["estimate"], strict=True)])
    for _, term in rows[(rows["kind"] == "term") & rows["value"].notna()].iterrows():
        fig.add_scatter(
            x=[term["x0"] - 0.4, term["x1"] + 0.4], y=[term["value"]] * 2, mode="lines+text",
            line={"color": color, "width": 5}, legendgroup=name, showlegend=years.empty,
            name=name, textposition="bottom left", textfont={"color": color},
            text=["", f"Bình quân {term['x0']}–{term['x1']}: {fmt_pct(term['value'], 2)}"],
            hovertemplate=f"{term['period_label']}: bình quân {_hover('%')}<extra>{name}</extra>",
        )


def _open_band_ends(frame: pd.DataFrame) -> tuple[float, float]:
    """Where a band open on one side ('> 8', '< 5') stops: just past every value and bound."""
    numbers = pd.concat([frame[c] for c in ("value", "target_low", "target_high")]).dropna()
    top = float(numbers.max()) if not numbers.empty else 1.0
    bottom = min(float(numbers.min()) if not numbers.empty else 0.0, 0.0)
    return bottom, top + max(abs(top) * 0.15, 1.0)


_BAND_DASHES = ("dot", "dash", "dashdot", "longdash")


def _growth_targets(fig: go.Figure, rows: pd.DataFrame, color: str,
                    ends: tuple[float, float], named: bool) -> None:
    """Each target as a band over its own years, named in the legend with its period (and the
    locality when several share the chart); overlapping terms get their own outline."""
    targets = rows[rows["target_low"].notna() | rows["target_high"].notna()]
    locality = rows["locality"].iloc[0]
    bands = []
    for index, (_, row) in enumerate(targets.sort_values(["x0", "x1"]).iterrows()):
        pad = 0.4 if row["kind"] == "term" else 0.3
        low = ends[0] if is_missing(row["target_low"]) else row["target_low"]
        high = ends[1] if is_missing(row["target_high"]) else row["target_high"]
        span = f"{row['x0']}–{row['x1']}" if row["x1"] != row["x0"] else f"{row['x0']}"
        label = f"Mục tiêu {span}: {row['target']}"
        bands.append(_band_shape(row["x0"] - pad, row["x1"] + pad, low, high, color,
                                 _BAND_DASHES[index % len(_BAND_DASHES)],
                                 f"{locality} – {label[0].lower()}{label[1:]}" if named
                                 else label))
    _append(fig, shapes=bands)


def growth(frame: pd.DataFrame, sector: str) -> go.Figure:
    """One sector's growth: yearly figures (dots; hollow = estimate), term averages (thick bars
    across the term) and target ranges (shaded bands), one colour per locality."""
    fig = go.Figure()
    localities = list(dict.fromkeys(frame["locality"]))
    for index, locality in enumerate(localities):
        rows = frame[frame["locality"] == locality]
        color = SERIES_COLORS[index % len(SERIES_COLORS)]
        _growth_locality(fig, rows, color, labels=len(localities) == 1)
        _growth_targets(fig, rows, color, _open_band_ends(frame), named=len(localities) > 1)
    first, last = int(min(frame["x0"])), int(max(frame["x1"]))
    years = list(range(first, last + 1))
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years],
                     range=[first - 0.7, last + 0.7])
    _value_axis(fig, "%")
    bottom, top = _open_band_ends(frame)
    # Headroom over the highest value and band: its label is written above it, not cut off.
    fig.update_yaxes(range=[bottom, top + (top - bottom) * 0.12])
    fig.update_layout(showlegend=True)
    return _layout(fig, f"Tăng trưởng {sector.lower()} (%)", 400)


_WRAP = 40  # characters per line of a label written above a bar (fits a 390-px phone)


def _whole(text: str) -> str:
    """A value with its words kept on one line when a label wraps (no-break spaces); a remark
    in brackets after it ('(mục tiêu theo chuẩn nghèo 2016–2020)') wraps between its words."""
    value, bracket, remark = text.partition(" (")
    return value.replace(" ", "\u00a0") + (f" ({remark}" if bracket else "")


def _append(fig: go.Figure, annotations: Sequence[dict] = (),
            shapes: Sequence[dict] = ()) -> None:
    """Add many annotations and shapes in one assignment each: Plotly's add_annotation and
    add_shape validate every earlier one again on each call, so a loop of them is quadratic
    (seconds of server time for a scorecard of 60 indicators)."""
    if annotations:
        fig.layout.annotations = (*fig.layout.annotations, *annotations)
    if shapes:
        fig.layout.shapes = (*fig.layout.shapes, *shapes)


def _labels_above(fig: go.Figure, labels: Sequence[str]) -> int:
    """Each bar's name and value written above it across the whole width (no axis labels
    eating two thirds of a phone, no value clipped at the edge); returns the row height in px
    the figure needs. Bars sit at y = 0, 1, 2 … from the top. A long label wraps into one
    annotation per line (named 'nhan_N' for bar N), so no markup is needed for line breaks."""
    label_lines = [wrapped(label, _WRAP) for label in labels]
    lines = max([len(parts) for parts in label_lines] or [1])
    _append(fig, annotations=[
        {"x": 0, "xref": "paper", "y": position - 0.5, "yref": "y", "xanchor": "left",
         "yanchor": "top", "yshift": -15 * index, "align": "left", "showarrow": False,
         "text": part, "name": f"nhan_{position}", "font": {"size": 12}}
        for position, parts in enumerate(label_lines) for index, part in enumerate(parts)])
    count = max(len(label_lines), 1)
    fig.update_yaxes(showticklabels=False, range=[count - 0.5, -0.75], zeroline=False,
                     showgrid=False)
    return 34 + 16 * lines


def _positions(rows: pd.DataFrame) -> list[float]:
    return [float(i) + 0.12 for i in range(len(rows))]


def _name_hover(unit: str | None) -> str:
    """Hover of a bar placed by position: its name (customdata) then its value."""
    return "%{customdata}: " + _hover(unit, "x") + "<extra></extra>"


def budget_progress(frame: pd.DataFrame, elapsed: float | None) -> go.Figure:
    """Bullet bars: each component's % of the year's dự toán, against 100 % and, for a running
    year, the share of the year elapsed; the bar in its progress colour when judged."""
    rows = frame[frame["pct_plan"].notna()]
    y = _positions(rows)
    fig = go.Figure()
    fig.add_bar(y=y, x=[100] * len(rows), orientation="h", name="Dự toán năm",
                marker_color=BAND_COLOR, hoverinfo="skip", width=0.42)
    colors = [st_.STATUS_COLORS.get(s, NEUTRAL) if s in st_.PROGRESS else NEUTRAL
              for s in rows["status"]]
    fig.add_bar(y=y, x=rows["pct_plan"], orientation="h", name="Đã thực hiện",
                marker_color=colors, width=0.22, customdata=rows["component"],
                hovertemplate=_name_hover("%"))
    if elapsed is not None:
        fig.add_vline(x=elapsed * 100, line={"color": st_.STATUS_COLORS[st_.EXCEEDED],
                                             "dash": "dash", "width": 2},
                      annotation_text=f"Mốc thời gian {fmt_pct(elapsed * 100)}",
                      annotation_position="bottom right")
    labels = [f"{c}: " + _whole(fmt_pct(v) + (f" – {st_.label(s)}" if s in st_.PROGRESS else ""))
              for c, v, s in zip(rows["component"], rows["pct_plan"], rows["status"],
                                 strict=True)]
    row_px = _labels_above(fig, labels)
    fig.update_layout(barmode="overlay")
    _value_axis(fig, "%", axis="x")
    _room_for_labels(fig, rows["pct_plan"], floor=100)
    return _layout(fig, "Tiến độ so với dự toán năm (% dự toán)",
                   150 + row_px * max(len(rows), 1))


def budget_vs_prev(frame: pd.DataFrame) -> go.Figure:
    """Each component as % of the same period last year, against the 100 % line."""
    rows = frame[frame["pct_prev"].notna()]
    fig = go.Figure()
    fig.add_bar(y=_positions(rows), x=rows["pct_prev"], orientation="h", name="% cùng kỳ",
                marker_color=NEUTRAL, width=0.3, customdata=rows["component"],
                hovertemplate=_name_hover("%"))
    fig.add_vline(x=100, line={"color": "#000", "dash": "dot"}, annotation_text="Bằng cùng kỳ",
                  annotation_position="bottom right")
    row_px = _labels_above(fig, [f"{c}: {_whole(fmt_pct(v))}" for c, v in
                                 zip(rows["component"], rows["pct_prev"], strict=True)])
    fig.update_layout(showlegend=False)
    _value_axis(fig, "%", axis="x")
    _room_for_labels(fig, rows["pct_prev"])
    return _layout(fig, "So với cùng kỳ năm trước (% cùng kỳ)",
                   130 + row_px * max(len(rows), 1))


def budget_amounts(frame: pd.DataFrame, unit: str) -> go.Figure:
    """Actual and dự toán amounts of each component, in the chosen đồng unit."""
    fig = go.Figure()
    y = _positions(frame)
    for column, name, color, shift in (("actual", "Thực hiện", NEUTRAL, -0.1),
                                       ("plan", "Dự toán", BAND_COLOR, 0.1)):
        rows = frame[frame[column].notna()]
        if rows.empty:
            continue
        fig.add_bar(y=[y[i] + shift for i in range(len(frame)) if frame.index[i] in rows.index],
                    x=rows[column], name=name, orientation="h", width=0.18,
                    marker_color=color, marker_line={"color": NEUTRAL, "width": 1},
                    customdata=rows["component"], hovertemplate=_name_hover(unit))
    labels = []
    for row in frame.itertuples():
        parts = [f"thực hiện {fmt_value(row.actual, unit, show_unit=False)}"
                 if not is_missing(row.actual) else None,
                 f"dự toán {fmt_value(row.plan, unit, show_unit=False)}"
                 if not is_missing(row.plan) else None]
        labels.append(f"{row.component}: " + " · ".join(_whole(p) for p in parts if p))
    row_px = _labels_above(fig, labels)
    fig.update_layout(barmode="overlay")
    _value_axis(fig, None, axis="x")
    _room_for_labels(fig, frame[["actual", "plan"]].stack(), floor=0)
    fig.update_xaxes(title_text=unit)
    return _layout(fig, f"Thực hiện và dự toán ({unit})", 150 + row_px * max(len(frame), 1))


def _standard_breaks(fig: go.Figure, order: Sequence[str], standards: pd.Series) -> None:
    """A vertical line and label between periods measured under different poverty standards."""
    by_period = standards.groupby(level=0).first().reindex(order)
    previous = None
    for position, standard in enumerate(by_period):
        if previous is not None and standard != previous and not is_missing(standard):
            fig.add_vline(x=position - 0.5, line={"color": "#000", "dash": "dash", "width": 1.5})
            fig.add_annotation(x=position - 0.5, y=1, yref="paper", xanchor="left",
                               showarrow=False, text=f"Đổi chuẩn nghèo → {standard}")
        previous = standard if not is_missing(standard) else previous


def _inward(labels: pd.Series, order: Sequence[str], side: str) -> list[str]:
    """Text positions ('top center' …) that keep a label inside the chart: a point in the last
    of several categories writes its label to the left, where there is room (centred, a label
    such as 'mục tiêu < 0,2%' ran past the right edge of a phone)."""
    last = order[-1] if len(order) > 1 else None
    return [f"{side} left" if label == last else f"{side} center" for label in labels]


def poverty_rates(frame: pd.DataFrame) -> go.Figure:
    """Poverty rates by period, one line per series and poverty standard (never joined across
    standards), targets as hollow diamonds labelled with their standard."""
    order = list(dict.fromkeys(frame.sort_values("end_date")["period_label"]))
    fig = go.Figure()
    dashes = {"Tỷ lệ hộ nghèo": "solid", "Hộ nghèo DTTS": "dot"}
    standards = sorted(set(frame["actual_standard"]) | set(frame["target_standard"]))
    for (series, standard), rows in frame[frame["value"].notna()].groupby(
            ["series", "actual_standard"], sort=False):
        color = SERIES_COLORS[standards.index(standard) % len(SERIES_COLORS)]
        fig.add_scatter(
            x=rows["period_label"], y=rows["value"], mode="lines+markers+text",
            name=f"{series} (chuẩn {standard})", line={"color": color,
                                                       "dash": dashes.get(series, "solid")},
            marker={"symbol": ["circle-open" if e else "circle" for e in rows["estimate"]],
                    "size": 9, "color": color},
            text=[fmt_pct(v, 2) for v in rows["value"]],
            textposition=_inward(rows["period_label"], order, "top"), cliponaxis=False,
            hovertemplate="%{x}: " + _hover("%") + f"<extra>{series} – chuẩn {standard}</extra>",
        )
    targets = frame[frame["target_low"].notna()]
    for (series, standard), rows in targets.groupby(["series", "target_standard"], sort=False):
        color = SERIES_COLORS[standards.index(standard) % len(SERIES_COLORS)]
        fig.add_scatter(
            x=rows["period_label"], y=rows["target_low"], mode="markers+text",
            name=f"Mục tiêu {series.lower()} (chuẩn {standard})",
            marker={"symbol": "diamond-open", "size": 12, "color": color, "line": {"width": 2}},
            # The standard is in the legend and the hover: a short label is not clipped.
            text=[f"mục tiêu {t}" for t in rows["target"]], cliponaxis=False,
            textposition=_inward(rows["period_label"], order, "bottom"),
            textfont={"color": color, "size": 11},
            hovertemplate="%{x}: mục tiêu " + _hover("%") + f"<extra>chuẩn {standard}</extra>",
        )
    _standard_breaks(fig, order, frame.set_index("period_label")["actual_standard"])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
    _value_axis(fig, "%")
    return _layout(fig, "Tỷ lệ hộ nghèo theo chuẩn nghèo (%)", 420)


def households(frame: pd.DataFrame) -> go.Figure:
    """Poor and near-poor households by period, with a break where the standard changes."""
    order = list(dict.fromkeys(frame.sort_values("end_date")["period_label"]))
    fig = go.Figure()
    for index, (series, rows) in enumerate(frame.groupby("series", sort=False)):
        fig.add_bar(x=rows["period_label"], y=rows["value"], name=series,
                    marker_color=SERIES_COLORS[(index + 1) % len(SERIES_COLORS)],
                    text=[fmt_num(v) for v in rows["value"]], textposition="outside",
                    customdata=rows["standard"],
                    hovertemplate="%{x}: %{y:,d} hộ (chuẩn %{customdata})<extra>" + series
                    + "</extra>")
    _standard_breaks(fig, order, frame.set_index("period_label")["standard"])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
    fig.update_layout(barmode="group")
    _value_axis(fig, None)
    _integer_ticks(fig, frame["value"])
    fig.update_yaxes(title_text="hộ")
    return _layout(fig, "Số hộ nghèo và cận nghèo (hộ)", 380)


def attainment_bullets(frame: pd.DataFrame) -> go.Figure:
    """One bullet per indicator: the result as % of the target (100 = the target level), the
    target range shaded, bars in the status colour; name, icon, word and result above each bar.
    For 'lower is better' the bar spans from the result to the target line, so a rate above
    its ceiling shows as the distance over it, not as a long bar that reads over-achieved."""
    names = list(frame["indicator"])
    fig = go.Figure()
    right = max([120.0, *[float(v) for v in frame["ratio"]]]) * 1.2
    bands = []
    for position, row in enumerate(frame.itertuples()):
        low = 0.0 if is_missing(row.band_low) else row.band_low
        high = right if is_missing(row.band_high) else row.band_high
        low, high = sorted((low, high))
        bands.append({"type": "rect", "x0": low, "x1": max(high, low + 0.5),
                      "y0": position - 0.1, "y1": position + 0.34, "fillcolor": BAND_COLOR,
                      "line": {"width": 0}, "layer": "below"})
    _append(fig, shapes=bands)
    for name in st_.STATUSES:
        rows = frame[frame["status"] == name]
        if rows.empty:
            continue
        down = (rows.get("direction", pd.Series("up", index=rows.index)) == "down").to_numpy()
        base = [min(r, 100.0) if d else 0.0 for r, d in zip(rows["ratio"], down, strict=True)]
        length = [abs(r - 100.0) if d else r for r, d in zip(rows["ratio"], down, strict=True)]
        fig.add_bar(y=[names.index(i) + 0.12 for i in rows["indicator"]], x=length, base=base,
                    orientation="h", width=0.22, name=st_.label(name),
                    marker_color=st_.STATUS_COLORS[name],
                    customdata=list(zip(rows["indicator"], rows["target"], rows["ratio"],
                                        strict=True)),
                    hovertemplate="%{customdata[0]}: %{customdata[2]:,.2~f}% mức mục tiêu "
                    "(mục tiêu %{customdata[1]})<extra></extra>")
    fig.add_vline(x=100, line={"color": "#000", "width": 1.5})
    labels = [f"{row.indicator}: " + _whole(f"{st_.STATUS_ICONS.get(row.status, '?')} {row.label}")
              for row in frame.itertuples()]
    row_px = _labels_above(fig, labels)
    _room_for_labels(fig, frame["ratio"], floor=120)
    _value_axis(fig, "%", axis="x")
    fig.update_layout(barmode="overlay")
    return _layout(fig, "Kết quả so với mục tiêu (% mức mục tiêu)",
                   130 + row_px * max(len(names), 1))


def status_matrix(matrix: pd.DataFrame) -> go.Figure:
    """Indicators × localities, each cell in its status colour with the status icon and word."""
    codes = {name: index for index, name in enumerate(st_.VERDICTS)}
    z = matrix.apply(lambda col: col.map(codes)).astype("float")
    text = matrix.apply(lambda col: col.map(lambda s: "" if is_missing(s) else st_.label(s)))
    steps = len(st_.VERDICTS)
    scale = []
    for index, name in enumerate(st_.VERDICTS):
        scale += [[index / steps, st_.STATUS_COLORS[name]],
                  [(index + 1) / steps, st_.STATUS_COLORS[name]]]
    fig = go.Figure(go.Heatmap(
        z=z.values, x=list(matrix.columns), y=list(matrix.index), text=text.values,
        texttemplate="%{text}", colorscale=scale, zmin=-0.5, zmax=steps - 0.5, showscale=False,
        xgap=3, ygap=3, hovertemplate="%{y} – %{x}: %{text}<extra></extra>",
        textfont={"color": "#fff"},
    ))
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(autorange="reversed", automargin=True)
    shown = [name for name in st_.VERDICTS  # tiến độ words only where a cell has them
             if name in st_.STATUSES or matrix.isin([name]).any().any()]
    legend = "   ".join(st_.label(name) for name in shown)
    fig.add_annotation(text=legend, x=0, y=1, xref="paper", yref="paper", xanchor="left",
                       yanchor="bottom", yshift=4, showarrow=False)
    height = 150 + 30 * len(matrix.index)
    return _layout(fig, "Đánh giá chỉ tiêu theo địa phương (mức đạt)", height)


_PERIOD_WORDS = (("Giai đoạn ", ""), ("Năm ", ""), ("tháng đầu năm ", "th. "),
                 ("tháng năm ", "th. "))


def _short_period(label: str) -> str:
    """A period's label as an axis tick: 'Năm 2021' -> '2021', 'Giai đoạn 2021–2023' ->
    '2021–2023', '6 tháng đầu năm 2023' -> '6 th. 2023'."""
    for long, short in _PERIOD_WORDS:
        label = label.replace(long, short)
    return label


_DIRECT_LABELS = 4  # up to this many lines are named at their end instead of in a legend


def _comparison_targets(fig: go.Figure, rows: pd.DataFrame, color: str, locality: str,
                        unit: str, first: bool) -> None:
    targets = rows[rows["target_value"].notna()]
    if targets.empty:
        return
    fig.add_scatter(
        x=targets["period_label"], y=targets["target_value"], mode="markers",
        name="Mục tiêu", legendgroup="muc_tieu", showlegend=first,
        marker={"symbol": "line-ew-open", "size": 22, "color": color, "line": {"width": 3}},
        customdata=targets["target"],
        hovertemplate="%{x}: mục tiêu %{customdata}" + f"<extra>{locality}</extra>",
    )


def comparison(frame: pd.DataFrame, indicator: str, unit: str, bars: bool) -> go.Figure:
    """One indicator across localities (one colour each) and periods, as lines or bars; a line
    only joins periods of one kind (years with years, terms with terms). Targets are short
    dashes in the locality's colour; with few lines each is named at its end."""
    order = list(dict.fromkeys(frame.sort_values(["end_date", "period_kind"])["period_label"]))
    fig = go.Figure()
    localities = list(dict.fromkeys(frame["locality"]))
    direct = not bars and len(localities) <= _DIRECT_LABELS
    has_target = "target_value" in frame and bool(frame["target_value"].notna().any())
    for index, locality in enumerate(localities):
        color = SERIES_COLORS[index % len(SERIES_COLORS)]
        rows = frame[frame["locality"] == locality]
        for position, (_, part) in enumerate(rows.groupby("period_kind", sort=False)):
            common = {"x": part["period_label"], "y": part["value"], "name": locality,
                      "legendgroup": locality, "showlegend": position == 0 and not direct,
                      "hovertemplate": "%{x}: " + _hover(unit) + f"<extra>{locality}</extra>"}
            if bars:
                fig.add_bar(marker_color=color, text=[fmt_num(v) for v in part["value"]],
                            textposition="outside", offsetgroup=locality, **common)
            else:
                symbols = ["circle-open" if e else "circle" for e in part["estimate"]]
                fig.add_scatter(mode="lines+markers", line={"color": color},
                                marker={"color": color, "size": 9, "symbol": symbols}, **common)
        if has_target:
            _comparison_targets(fig, rows, color, locality, unit, index == 0)
        if direct:
            last = rows.sort_values("end_date").iloc[-1]
            fig.add_annotation(x=last["period_label"], y=last["value"], text=locality,
                               xanchor="left", xshift=8, showarrow=False,
                               font={"color": color, "size": 12})
    # Short ticks ('2021' for 'Năm 2021', the hover keeps the whole label): on a phone the
    # whole labels were turned and cut ('Năm 202') and ran into the legend.
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order,
                     tickmode="array", tickvals=order, ticktext=[_short_period(p) for p in order],
                     automargin=True)
    fig.update_layout(barmode="group", showlegend=not direct or has_target)
    if direct:  # room on the right for the names at the line ends
        fig.update_layout(margin={"r": 8 + 7 * max(len(name) for name in localities)})
    _value_axis(fig, "%" if unit.startswith("%") else None)
    fig.update_yaxes(title_text=unit, rangemode="normal" if "so với" in unit else "tozero")
    return _layout(fig, f"{indicator} ({unit})" if unit else indicator, 420)
