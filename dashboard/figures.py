"""Plotly figures built once for every session that shows the same view.

Building figures was 40 % of a chart page's script time (Plotly validates every property set: 30
ms for one growth chart), and ten viewers opening the same page with the same filters built the
same figures ten times. A page hands `ui.chart` a `Sketch` — the builder from `dashboard.charts`
and its arguments, not yet built — and the figure is built once per distinct arguments (the
frames come from the queries cached per data version, so their content is the data version and
the filters), kept as Plotly's dict in `st.cache_data`, and turned back into a figure without
validating it again (it was validated when built).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

__all__ = ["Drawn", "Sketch", "drawn", "later", "untitled"]


@dataclass(frozen=True)
class Sketch:
    """A figure to build: `builder(*args)`, built by `drawn` only when no session has yet."""

    builder: Callable[..., go.Figure]
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Drawn:
    """A built figure without its own title (`ui.chart` writes the title above the figure),
    as Plotly's dict, and that title (unescaped; None when the figure had none)."""

    spec: dict
    title: str | None

    def figure(self) -> go.Figure:
        """The figure again; the spec was validated when built, so it is not validated again
        (`_validate=False`: half a millisecond for a growth chart instead of nine)."""
        return go.Figure(self.spec, _validate=False)


def later(builder: Callable[..., go.Figure], *args: Any) -> Sketch:
    """`builder(*args)`, to be built by `ui.chart` once for every session showing it."""
    return Sketch(builder, args)


def untitled(fig: go.Figure, titled: bool) -> Drawn:
    """The figure with its title taken off when a title is written above it (`titled`: the
    chart has a sentence of its own; else the figure's title is that sentence), the top margin
    then narrower. Changes `fig`."""
    # The figure's own title may already be escaped for Plotly (&lt;): unescape, escape once.
    title = html.unescape(fig.layout.title.text) if fig.layout.title.text else None
    if titled or title:
        fig.update_layout(title=None, margin={"t": 32})
    return Drawn(fig.to_dict(), title)


@st.cache_data(show_spinner=False, max_entries=1024)
def _drawn(name: str, args: tuple[Any, ...], titled: bool,
           _builder: Callable[..., go.Figure]) -> Drawn:
    """Keyed on the builder's name and its arguments (frames hashed by content)."""
    return untitled(_builder(*args), titled)


# st.cache_data hashes a frame of this many rows or more by a sample of its rows: two such
# frames could share a key, so their figures are built by each session.
_SAMPLED_ROWS = 50_000


def _keyable(args: tuple[Any, ...]) -> bool:
    """Arguments st.cache_data tells apart by their whole content."""
    return all(len(arg) < _SAMPLED_ROWS if isinstance(arg, pd.DataFrame | pd.Series)
               else isinstance(arg, str | int | float | bool | None) for arg in args)


def drawn(sketch: Sketch, titled: bool) -> Drawn:
    """The sketch's figure, built by the first session that asks and shared with the others."""
    if not _keyable(sketch.args):
        return untitled(sketch.builder(*sketch.args), titled)
    name = f"{sketch.builder.__module__}.{sketch.builder.__qualname__}"
    return _drawn(name, sketch.args, titled, sketch.builder)
