"""Text that comes from a file (indicator names, notes, cells, file names) shown as text, never
as markup: `md` for everything Streamlit renders as markdown (st.markdown, st.caption,
st.info/success/error, st.metric labels), `plotly` for Plotly's HTML-like labels and hovers.

Every page, card and chart shows file text through here, so a file named
'[Bấm vào đây](https://evil.example/x) **đậm**.csv' or an indicator called '<a href=…>' reads
exactly as written, with no link, no bold and no tag.
"""

from __future__ import annotations

import html
import re
from typing import Any

import plotly.graph_objects as go

from dashboard.fmt import is_missing

__all__ = ["md", "plotly", "plain_figure"]

# Marks that start markup anywhere in a line (emphasis, code, links, HTML, entities, LaTeX,
# strikethrough, tables, and a ':' that opens Streamlit's :emoji: and :red[colour]
# directives), and at the start of a line (headings, quotes, lists, rules).
_INLINE = re.compile(r"([\\`*_\[\]<>&$~|]|:(?=\S))")
_LINE_START = re.compile(r"^([#+\-=>])|^(\d+)([.)])")
# GFM turns bare addresses into links whatever the escapes; an invisible word joiner inside
# 'https://', 'www.' and 'a@b' keeps them text.
_WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(:)(//)|(?i:\b(www))(\.)|(@)")


def _break_autolink(match: re.Match[str]) -> str:
    head = match.group(1) or match.group(3) or match.group(5)
    return head + _WORD_JOINER + (match.group(2) or match.group(4) or "")


def _line(text: str) -> str:
    text = _INLINE.sub(r"\\\1", _AUTOLINK.sub(_break_autolink, text.strip()))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def md(text: Any) -> str:
    """`text` escaped for Streamlit markdown: shown as written (line breaks kept), with no
    link, emphasis, heading, list, HTML, LaTeX, emoji or colour directive in it."""
    if is_missing(text):
        return ""
    return "  \n".join(_line(line) for line in str(text).splitlines())


def plotly(text: Any) -> Any:
    """A label for Plotly, which reads <a href>, <b>, <br> … in every text: tags escaped.
    Anything that is not a string (numbers, dates, missing) is returned as it is."""
    return html.escape(text, quote=False) if isinstance(text, str) else text


_TRACE_TEXT = ("x", "y", "text", "customdata", "labels", "ids")
_AXIS_TEXT = ("categoryarray", "ticktext")


def _escaped(values: Any) -> Any:
    if isinstance(values, str):
        return plotly(values)
    if isinstance(values, tuple | list):
        return type(values)(_escaped(v) for v in values)
    if hasattr(values, "tolist") and getattr(values, "dtype", None) is not None:
        if values.dtype.kind == "O" or values.dtype.kind == "U":
            return [_escaped(v) for v in values.tolist()]
    return values


def plain_figure(fig: go.Figure) -> go.Figure:
    """Every string a figure shows from its data (categories, bar texts, hover data, legend
    names, annotations, shape names, title) as text. Templates (hovertemplate, texttemplate)
    are the dashboard's own and keep their markup."""
    for trace in fig.data:
        for name in _TRACE_TEXT:
            value = getattr(trace, name, None)
            if value is not None:
                setattr(trace, name, _escaped(value))
        if isinstance(trace.name, str):
            trace.name = plotly(trace.name)
    for axis in (*fig.select_xaxes(), *fig.select_yaxes()):
        for name in _AXIS_TEXT:
            value = getattr(axis, name, None)
            if value is not None:
                setattr(axis, name, _escaped(value))
    for annotation in fig.layout.annotations:
        annotation.text = plotly(annotation.text)
    for shape in fig.layout.shapes:
        if isinstance(shape.name, str):
            shape.name = plotly(shape.name)
    if fig.layout.title.text:
        fig.layout.title.text = plotly(fig.layout.title.text)
    return fig
