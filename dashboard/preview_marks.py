"""What in an upload's preview needs a look before saving: target or result cells kept as text
(no number could be read from them), names matched to the catalog only approximately (a typo
read as the nearest indicator: the person checks it), and indicator names not in the catalog,
with the closest catalog names (`etl.indicators.Catalog.closest`). A status column says it with
an icon and a word, and the cells are coloured (a pandas Styler for `st.dataframe`)."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard.catalog import live
from dashboard.fmt import fmt_num, is_missing
from dashboard.upload import PREVIEW_COLUMNS, preview_frame
from etl.pipeline import Prepared

__all__ = [
    "CHECK", "CLOSEST", "UNREADABLE", "UNCATALOGUED", "APPROXIMATE", "OK", "marked_preview",
    "styled",
]

CHECK, CLOSEST = "Cần xem", "Gần nhất trong danh mục"
# Symbols every system font has (colour emoji are missing on many office machines)
UNREADABLE = "⚠ ô không đọc được thành số"
UNCATALOGUED = "? chưa có trong danh mục"
APPROXIMATE = "≈ ghép gần đúng với danh mục: kiểm tra tên"
OK = "✓"
_TARGET, _ACTUAL = PREVIEW_COLUMNS["target"], PREVIEW_COLUMNS["actual"]
_INDICATOR = PREVIEW_COLUMNS["indicator"]
_PERCENTS = (PREVIEW_COLUMNS["pct_target"], PREVIEW_COLUMNS["pct_prev"])
_UNREAD_CSS = "background-color: #fde2e1; color: #8a1c14"
_NEW_CSS = "background-color: #fff3cd; color: #6b4e00"
# A Styler costs about 0,2 ms a cell to send (measured: 28.000 cells, 5,8 s): past this size the
# status column alone says what to look at (a phụ lục of 80 rows is about 1.100 cells).
MAX_STYLED_CELLS = 5_000
# Closest names cost about 1,5 ms per distinct uncatalogued name; a file with more new names than
# this gets them for the first ones only (a table of new names is not a typo to fix).
MAX_CLOSEST_NAMES = 500


def _unread(parsed) -> bool:
    return parsed is not None and bool(parsed.text) and parsed.op is None


def marked_preview(prepared: Prepared, names: dict[str, str]) -> pd.DataFrame:
    """The preview rows with 'Cần xem' (what is wrong, or ✅) and 'Gần nhất trong danh mục' (up
    to three catalog names for an uncatalogued name) beside the catalog column."""
    frame = preview_frame(prepared, names)
    closest: dict[str, str] = {}
    checks, nearest = [], []
    for rec in prepared.table.records:
        marks = [UNREADABLE] if _unread(rec.target) or _unread(rec.actual) else []
        near = ""
        if rec.match_how == "fuzzy":
            marks.append(APPROXIMATE)
        if not rec.catalogued:
            marks.append(UNCATALOGUED)
            name = rec.indicator_as_written
            if name not in closest and len(closest) < MAX_CLOSEST_NAMES:
                closest[name] = "; ".join(i.name for i in live().closest(name))
            near = closest.get(name, "")
        checks.append(" · ".join(marks) or OK)
        nearest.append(near)
    for column in _PERCENTS:  # written out: a missing one is blank, not a grey 'None'
        frame[column] = [("" if is_missing(v) else fmt_num(v)) for v in frame[column]]
    at = frame.columns.get_loc(_INDICATOR) + 1
    frame.insert(at, CLOSEST, nearest)
    frame.insert(at, CHECK, checks)
    return frame


def styled(frame: pd.DataFrame, prepared: Prepared) -> Styler | pd.DataFrame:
    """The marked preview with unreadable cells and uncatalogued names coloured (a frame too
    large to colour is given back as it is)."""
    if frame.size > MAX_STYLED_CELLS:
        return frame
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for i, rec in enumerate(prepared.table.records):
        if _unread(rec.target):
            css.iloc[i, frame.columns.get_loc(_TARGET)] = _UNREAD_CSS
        if _unread(rec.actual):
            css.iloc[i, frame.columns.get_loc(_ACTUAL)] = _UNREAD_CSS
        if not rec.catalogued:
            for column in (_INDICATOR, CLOSEST):
                css.iloc[i, frame.columns.get_loc(column)] = _NEW_CSS
        elif rec.match_how == "fuzzy":
            css.iloc[i, frame.columns.get_loc(_INDICATOR)] = _NEW_CSS
    return frame.style.apply(lambda _: css, axis=None)
