"""What saving a prepared file would change, row by row, against what the dashboard shows now:
Mới (nothing there yet), Thay đổi (old → new), Không đổi. Compared on the text as written for
the target, the result and the reported status; the current values come from the cached
`queries.observations`."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from dashboard import queries
from dashboard.fmt import MISSING, fmt_num, is_missing
from etl.pipeline import Prepared

__all__ = ["NEW", "CHANGED", "SAME", "changes", "summary"]

NEW, CHANGED, SAME = "Mới", "Thay đổi", "Không đổi"
_MEASURES = {"target_text": "Kế hoạch / chỉ tiêu", "actual_text": "Thực hiện",
             "reported_status": "Đánh giá"}


def _text(value: object) -> str | None:
    return None if is_missing(value) or not str(value).strip() else str(value).strip()


def _new_values(rec) -> dict[str, str | None]:
    return {"target_text": _text(rec.target.text) if rec.target else None,
            "actual_text": _text(rec.actual.text) if rec.actual else None,
            "reported_status": _text(rec.reported_status)}


def _compare(new: dict[str, str | None], old: dict[str, str | None]) -> tuple[str, dict]:
    """The row's verdict and each measure's cell ('cũ → mới' where it changes)."""
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
    return verdict, cells


def changes(version: str, prepared: Prepared, names: dict[str, str]) -> pd.DataFrame:
    """One row per record: Dòng, Địa phương, Kỳ, Chỉ tiêu, So với hiện có, and the measures."""
    records = prepared.table.records
    current = queries.observations(
        version, tuple(sorted({r.locality_id for r in records})),
        tuple(sorted({r.period for r in records})),
        tuple(sorted({r.indicator_id for r in records})),
    )
    old = {
        (row.locality_id, row.period, row.indicator_id):
            {column: _text(getattr(row, column)) for column in _MEASURES}
        for row in current.itertuples()
    }
    rows = []
    for rec in records:
        verdict, cells = _compare(_new_values(rec),
                                  old.get((rec.locality_id, rec.period, rec.indicator_id), {}))
        rows.append({"Dòng": rec.row_no, "Địa phương": names.get(rec.locality_id, rec.locality_id),
                     "Kỳ": rec.period, "Chỉ tiêu": rec.indicator_as_written,
                     "So với hiện có": verdict,
                     **{label: cells[column] for column, label in _MEASURES.items()}})
    columns = ["Dòng", "Địa phương", "Kỳ", "Chỉ tiêu", "So với hiện có", *_MEASURES.values()]
    return pd.DataFrame(rows, columns=columns)


def summary(frame: pd.DataFrame) -> str:
    """'3 mới · 2 thay đổi · 40 không đổi'."""
    counts = Counter(frame["So với hiện có"])
    return " · ".join(f"{fmt_num(counts[v])} {v.lower()}" for v in (NEW, CHANGED, SAME))
