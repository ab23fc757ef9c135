"""The scorecard on a phone: the grid's seven columns do not fit 390 px, and the target and
result fell off the screen. Under 640 px each indicator is a block instead — its name, then
Mục tiêu, Kết quả and the verdict badge side by side (for an in-year period also the year's
plan, the words "so với kế hoạch năm …" beside the badge and an amount's progress) — and the
grid is hidden; wider screens keep the grid. Both are written and CSS picks one (the server
cannot know the screen width).

Any other table does the same through `table`: the grid on a wide screen, and on a phone one
block per row — the first column as its name, then each other column as 'Header: value' (the
values were off-screen to the right of a 390-px grid, long names cut).

File text (indicator names, targets as written) is escaped: it reads exactly as written.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import metrics, ui
from dashboard import status as st_
from dashboard.fmt import MISSING, is_missing

__all__ = ["PHONE_PX", "scorecard", "scorecard_html", "table", "table_html"]

PHONE_PX = 640  # screens narrower than this get the blocks
_WIDE, _PHONE = "scorecard_grid", "scorecard_phone"  # container key prefixes (CSS classes)
_GRID, _ROWS = "table_grid", "table_phone"  # the same for `table`

_CSS = f"""<style>
  [class*="st-key-{_PHONE}"], [class*="st-key-{_ROWS}"] {{ display: none; }}
  @media (max-width: {PHONE_PX}px) {{
    [class*="st-key-{_WIDE}"], [class*="st-key-{_GRID}"] {{ display: none; }}
    [class*="st-key-{_PHONE}"], [class*="st-key-{_ROWS}"] {{ display: block; }}
  }}
  .score-row {{ border-bottom: 1px solid #D0D0D0; padding: 0.45rem 0; }}
  .score-row .name {{ font-weight: 600; margin: 0 0 0.25rem 0; line-height: 1.3; }}
  .score-row .unit {{ font-weight: 400; color: #555555; }}
  .score-row .figures {{ display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; align-items: center; }}
  .score-row .figures .label {{ color: #555555; }}
  .score-row .disagree {{ color: #8A4B00; margin: 0.2rem 0 0 0; }}
</style>"""


def _text(value: object) -> str:
    return MISSING if is_missing(value) or not str(value).strip() else html.escape(str(value))


def _block(row: pd.Series) -> str:
    unit = "" if is_missing(row["unit"]) else f' <span class="unit">({_text(row["unit"])})</span>'
    status = row["status"] if not is_missing(row["status"]) else None
    plan = row.get("year_plan")
    year = "" if is_missing(plan) else (
        f'<span><span class="label">Kế hoạch năm:</span> {_text(plan)}</span>')
    against = row.get("against")
    said = "" if is_missing(against) else f' <span class="label">{_text(against)}</span>'
    pace = row.get("pace")
    pace = "" if is_missing(pace) else f'<span class="label">{_text(pace)}</span>'
    lines = [
        f'<p class="name">{_text(row["indicator"])}{unit}</p>',
        '<div class="figures">'
        f'<span><span class="label">Mục tiêu:</span> {_text(row["target"])}</span>'
        f"{year}"
        f'<span><span class="label">Kết quả:</span> {_text(row["actual"])}</span>'
        f"<span>{st_.badge_html(status)}{said}</span>{pace}</div>",
    ]
    if bool(row["disagree"]):
        reported, computed = st_.label(row["reported"]), st_.label(row["computed"])
        lines.append(f'<p class="disagree">⚠ Lệch: báo cáo {html.escape(reported)}, '
                     f"tính toán {html.escape(computed)}</p>")
    return f'<div class="score-row">{"".join(lines)}</div>'


def scorecard_html(card: pd.DataFrame) -> str:
    """One block per scorecard row (columns of `metrics.scorecard`), file text escaped."""
    return "".join(_block(row) for _, row in card.iterrows())


def scorecard(card: pd.DataFrame, key: str) -> None:
    """Part of a scorecard (one domain): the grid on a wide screen, blocks on a phone."""
    st.html(_CSS)
    with st.container(key=f"{_WIDE}_{key}"):
        # Only wide screens show the grid (a phone gets the blocks): the names get the room.
        table = metrics.scorecard_table(card)
        verdicts = [c for c in table.columns if c in ("Báo cáo", "Tính toán")
                    or c.startswith("So với kế hoạch năm")]
        ui.table(table, statuses=verdicts, first_width="large")
    with st.container(key=f"{_PHONE}_{key}"):
        st.markdown(scorecard_html(card), unsafe_allow_html=True)


def _row_block(raw: pd.Series, shown: pd.Series, statuses: Sequence[str]) -> str:
    name, *rest = shown.index
    parts = []
    for column in rest:
        if shown[column] == MISSING:
            continue  # nothing to read: the block stays short
        value = (st_.badge_html(raw[column]) if column in statuses
                 else html.escape(str(shown[column])))
        parts.append(f'<span><span class="label">{html.escape(str(column))}:</span> {value}</span>')
    return (f'<div class="score-row"><p class="name">{html.escape(str(shown[name]))}</p>'
            f'<div class="figures">{"".join(parts)}</div></div>')


def table_html(frame: pd.DataFrame, statuses: Sequence[str] = (), numbers: Sequence[str] = (),
               percents: Sequence[str] = ()) -> str:
    """One block per row of `frame` (its cells as `ui.table` shows them, verdicts as badges),
    file text escaped; a missing value is left out of its block."""
    shown = ui.display_frame(frame, statuses, numbers, percents)
    return "".join(_row_block(raw, row, statuses) for (_, raw), (_, row)
                   in zip(frame.iterrows(), shown.iterrows(), strict=True))


def table(frame: pd.DataFrame, key: str, *, statuses: Sequence[str] = (),
          numbers: Sequence[str] = (), percents: Sequence[str] = ()) -> None:
    """`ui.table` on a wide screen (its first column as wide as its text: no phone sees the
    grid), one block per row on a phone."""
    st.html(_CSS)
    with st.container(key=f"{_GRID}_{key}"):
        ui.table(frame, statuses=statuses, numbers=numbers, percents=percents, first_width=None)
    if frame.empty:
        return
    with st.container(key=f"{_ROWS}_{key}"):
        st.markdown(table_html(frame, statuses, numbers, percents), unsafe_allow_html=True)
