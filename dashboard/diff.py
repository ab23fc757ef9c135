"""What saving a prepared file would change, row by row, against what the dashboard shows now:
Mới (nothing there yet), Thay đổi (old → new), Không đổi. Compared on every measure a row
stores: the indicator's name as written in the file and its unit (ĐVT), the text as written for
the target and the result, the reported status, the reported percentages (of plan, of the same
period last year; in Vietnamese number format) and the note; the current values come from the
cached `queries.observations` (whose unit is the catalog's where no file gave one). A name
written as the catalog's own name of the indicator it matched (what the upload templates write)
rewords nothing: it reads as the name stored. Two batches of one locality and period are
compared the same way (`between_batches`), with "Chỉ có ở lô trước" for a row only the earlier
batch has (it may still be in use: a smaller file adds on top)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard import queries
from dashboard.fmt import MISSING, fmt_num, is_missing
from dashboard.preview_marks import MAX_STYLED_CELLS
from etl.periods import label as period_label
from etl.pipeline import Prepared

__all__ = ["NEW", "CHANGED", "SAME", "REMOVED", "VERDICT", "BETWEEN", "changes", "nothing_new",
           "already_stored", "between_batches", "summary", "shown"]

NEW, CHANGED, SAME, REMOVED = "Mới", "Thay đổi", "Không đổi", "Chỉ có ở lô trước"
VERDICT, BETWEEN = "So với hiện có", "So với lô trước"
_MEASURES = {"indicator_as_written": "Tên trong tệp", "unit": "ĐVT",
             "target_text": "Kế hoạch / chỉ tiêu", "actual_text": "Thực hiện",
             "reported_status": "Đánh giá", "pct_target": "% kế hoạch", "pct_prev": "% cùng kỳ",
             "note": "Ghi chú"}
_NUMBERS = frozenset({"pct_target", "pct_prev"})
_FIRST = {CHANGED: 0, NEW: 1, REMOVED: 2, SAME: 3}  # what a person checks first
_CHANGED_CSS = "background-color: #fff3cd; color: #6b4e00; font-weight: 600"
_DECIMALS = 4  # a reported percentage is compared (and shown) to this many decimals


def _text(value: object) -> str | None:
    return None if is_missing(value) or not str(value).strip() else str(value).strip()


def _number(value: object) -> str | None:
    """A reported percentage as compared and shown: '39', '127,5'; None when missing."""
    return None if is_missing(value) else fmt_num(value, _DECIMALS)


def _new_values(rec) -> dict[str, str | None]:
    return {"indicator_as_written": _text(rec.indicator_as_written), "unit": _text(rec.unit),
            "target_text": _text(rec.target.text) if rec.target else None,
            "actual_text": _text(rec.actual.text) if rec.actual else None,
            "reported_status": _text(rec.reported_status),
            "pct_target": _number(rec.pct_target), "pct_prev": _number(rec.pct_prev),
            "note": _text(rec.note)}


def _restated(new: dict[str, str | None], old: dict[str, str | None],
              catalog_name: object) -> dict[str, str | None]:
    """`new`, its name read as the stored one when it is the catalog's own name of the
    indicator (what the upload templates write): that names the indicator, it rewords nothing."""
    if old.get("indicator_as_written") and new["indicator_as_written"] == _text(catalog_name):
        return {**new, "indicator_as_written": old["indicator_as_written"]}
    return new


def _compare(new: dict[str, str | None], old: dict[str, str | None]) -> tuple[str, dict]:
    """The row's verdict and each measure's cell ('cũ → mới' where it changes; the name as
    written only where it changes, the row's Chỉ tiêu already shows it)."""
    verdicts, cells = set(), {}
    for column, value in new.items():
        before = old.get(column)
        if value is None:
            cells[column] = before or MISSING
        elif before is None:
            verdicts.add(NEW)
            cells[column] = value
        elif before != value:
            verdicts.add(CHANGED)
            cells[column] = f"{before} → {value}"
        else:
            verdicts.add(SAME)
            cells[column] = value
    verdict = CHANGED if CHANGED in verdicts else NEW if NEW in verdicts else SAME
    if "indicator_as_written" in cells and "→" not in cells["indicator_as_written"]:
        cells["indicator_as_written"] = ""
    return verdict, cells


def changes(version: str, prepared: Prepared, names: dict[str, str]) -> pd.DataFrame:
    """One row per record: Dòng, Địa phương, Kỳ, Chỉ tiêu, So với hiện có, and the measures."""
    records = prepared.table.records
    current = _current(version, prepared)
    old = {
        (row.locality_id, row.period, row.indicator_id): _measures_of(row)
        for row in current.itertuples()
    }
    rows = []
    for rec in records:
        before = old.get((rec.locality_id, rec.period, rec.indicator_id), {})
        verdict, cells = _compare(
            _restated(_new_values(rec), before, names.get(rec.indicator_id)), before)
        rows.append({"Dòng": rec.row_no, "Địa phương": names.get(rec.locality_id, rec.locality_id),
                     "Kỳ": period_label(rec.period), "Chỉ tiêu": rec.indicator_as_written,
                     VERDICT: verdict,
                     **{label: cells[column] for column, label in _MEASURES.items()}})
    columns = ["Dòng", "Địa phương", "Kỳ", "Chỉ tiêu", VERDICT, *_MEASURES.values()]
    return pd.DataFrame(rows, columns=columns)


def _current(version: str, prepared: Prepared) -> pd.DataFrame:
    """The stored rows of the localities, periods and indicators the file names."""
    records = prepared.table.records
    return queries.observations(
        version, tuple(sorted({r.locality_id for r in records})),
        tuple(sorted({r.period for r in records})),
        tuple(sorted({r.indicator_id for r in records})),
    )


def _measures_of(row) -> dict[str, str | None]:
    """A stored row's measures as `_new_values` gives a record's."""
    return {column: (_number if column in _NUMBERS else _text)(getattr(row, column))
            for column in _MEASURES}


def between_batches(version: str, earlier: int, later: int) -> pd.DataFrame:
    """Row by row, what batch `later` says against batch `earlier` (same locality and period):
    Dòng (of the later batch; of the earlier for a row it no longer has), Địa phương, Kỳ,
    Chỉ tiêu, So với lô trước, and the measures ('cũ → mới' where they changed)."""
    old_rows = {(r.locality_id, r.period, r.indicator_id): r
                for r in queries.batch_rows(version, earlier).itertuples()}
    rows, seen = [], set()
    for row in queries.batch_rows(version, later).itertuples():
        key = (row.locality_id, row.period, row.indicator_id)
        seen.add(key)
        before = old_rows.get(key)
        stored = _measures_of(before) if before else {}
        verdict, cells = _compare(_restated(_measures_of(row), stored, row.indicator), stored)
        rows.append(_batch_row(row, verdict, cells))
    for key, row in old_rows.items():
        if key not in seen:
            rows.append(_batch_row(row, REMOVED, {c: v or MISSING
                                                   for c, v in _measures_of(row).items()}))
    columns = ["Dòng", "Địa phương", "Kỳ", "Chỉ tiêu", BETWEEN, *_MEASURES.values()]
    return pd.DataFrame(rows, columns=columns)


def _batch_row(row, verdict: str, cells: dict) -> dict:
    return {"Dòng": int(row.row_no), "Địa phương": row.locality, "Kỳ": row.period_label,
            "Chỉ tiêu": row.indicator_as_written, BETWEEN: verdict,
            **{label: cells[column] for column, label in _MEASURES.items()}}


def nothing_new(frame: pd.DataFrame) -> bool:
    """Every row of an upload is already stored as it is (the save would change no figure)."""
    return not frame.empty and bool((frame[VERDICT] == SAME).all())


def already_stored(version: str, prepared: Prepared) -> str:
    """What the page says instead of a save button when `nothing_new`: the batches the figures
    are stored in ('Tệp này đã có trong cơ sở dữ liệu (lô 5): không có gì mới để ghi.')."""
    keys = {(r.locality_id, r.period, r.indicator_id) for r in prepared.table.records}
    current = _current(version, prepared)
    held = sorted({int(row.batch_id) for row in current.itertuples()
                   if (row.locality_id, row.period, row.indicator_id) in keys})
    where = f" (lô {', '.join(map(str, held))})" if held else ""
    return (f"Tệp này đã có trong cơ sở dữ liệu{where}: không có gì mới để ghi. Mọi số liệu "
            "trong tệp đã có đúng như vậy.")


def summary(frame: pd.DataFrame, column: str = VERDICT) -> str:
    """'3 mới · 2 thay đổi · 40 không đổi' (and "· 1 chỉ có ở lô trước" between two batches)."""
    counts = Counter(frame[column])
    verdicts = (NEW, CHANGED, SAME) + ((REMOVED,) if column == BETWEEN else ())
    return " · ".join(f"{fmt_num(counts[v])} {v.lower()}" for v in verdicts)


def shown(frame: pd.DataFrame, column: str = VERDICT) -> Styler | pd.DataFrame:
    """`frame` (from `changes` or `between_batches`) as a page shows it: changed rows first,
    then new ones; the measures that change in some row first, right after the verdict (on a
    phone or a narrow screen the first columns are what is seen); each 'cũ → mới' cell
    coloured."""
    rows = frame.sort_values(column, key=lambda verdicts: verdicts.map(_FIRST), kind="stable")
    measures = [label for label in _MEASURES.values() if label in rows]
    changed = [label for label in measures if rows[label].astype(str).str.contains("→").any()]
    ordered = rows[["Dòng", "Chỉ tiêu", column, *changed,
                    *[label for label in measures if label not in changed], "Địa phương", "Kỳ"]]
    if ordered.size > MAX_STYLED_CELLS or not changed:
        return ordered
    return ordered.style.map(
        lambda cell: _CHANGED_CSS if isinstance(cell, str) and "→" in cell else "", subset=changed)
