"""The attainment table of one locality and period as an official appendix (phụ lục), in Excel.

Title rows name the unit and the period the way reports do ("UBND HUYỆN ĐỨC TRỌNG", "KẾT QUẢ
THỰC HIỆN CÁC CHỈ TIÊU … 6 THÁNG ĐẦU NĂM 2023"), then STT | CHỈ TIÊU | ĐVT | Chỉ tiêu | Kết quả
thực hiện | So sánh/Đánh giá (and, when the data has them, the year's plan beside an in-year
report's results, % columns and Ghi chú), Times New
Roman throughout. Targets and results are written as the report wrote them, so loading the file
back with `python -m etl load` gives the same figures (the round trip the tests check).
"""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from etl import localities, store
from etl.errors import Refused
from etl.periods import IN_YEAR_KINDS, Period, parse_code

__all__ = ["FONT_NAME", "HEADERS", "appendix_workbook", "write_appendix"]

FONT_NAME = "Times New Roman"
HEADERS = ("STT", "CHỈ TIÊU", "ĐVT", "Chỉ tiêu", "Kết quả thực hiện", "So sánh/Đánh giá")
_OPTIONAL = (("pct_target", "% so với kế hoạch", 12), ("pct_prev", "% so với cùng kỳ", 12),
             ("note", "Ghi chú", 30))
_WIDTHS = (6, 50, 12, 16, 18, 14)
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _number(value: object) -> str:
    """A reported percentage as reports write it: 41 -> '41', 64.1 -> '64,1'."""
    if value is None or pd.isna(value):
        return ""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _actual(row: pd.Series) -> str:
    """The result as written; 'Ước …' in front of an estimate that does not say so itself."""
    text = _text(row["actual_text"])
    estimate = row["actual_is_estimate"]
    if text and not pd.isna(estimate) and bool(estimate) and "ước" not in text.lower():
        return f"Ước {text}"
    return text


def _parents(unit: localities.Locality) -> list[str]:
    """The units above `unit` up to its province, nearest first ('Huyện Đức Trọng', 'Tỉnh Lâm
    Đồng'): in the title they tell apart the many units that share a name."""
    names: list[str] = []
    parent_id = unit.parent_id
    while parent_id and parent_id != "VN":
        parent = localities.get(parent_id)
        names.append(parent.name)
        parent_id = parent.parent_id
    return names


def _title_rows(unit: localities.Locality, period_label: str) -> list[str]:
    above = _parents(unit)
    return [
        f"UBND {unit.name.upper()}",
        *([", ".join(above).upper()] if above else []),
        "PHỤ LỤC",
        f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ – XÃ HỘI {period_label.upper()}",
    ]


def _columns(rows: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(field, header, width) of every column: the six of the contract, then the optional ones
    that hold something."""
    fixed = list(zip(("stt", "name", "unit", "target_text", "actual", "reported_status"),
                     HEADERS, _WIDTHS, strict=True))
    year = rows.attrs.get("plan_year")
    plan = [("year_plan", f"Kế hoạch năm {year}", 16)] if year else []
    extra = [spec for spec in _OPTIONAL if rows[spec[0]].notna().any()]
    return fixed + plan + extra


def _cell_values(rows: pd.DataFrame, fields: list[str]) -> list[list[str]]:
    table = []
    for number, (_, row) in enumerate(rows.iterrows(), start=1):
        values = {"stt": str(number), "name": _text(row["name"]), "unit": _text(row["unit"]),
                  "target_text": _text(row["target_text"]), "actual": _actual(row),
                  "reported_status": _text(row["reported_status"]),
                  "pct_target": _number(row["pct_target"]), "pct_prev": _number(row["pct_prev"]),
                  "note": _text(row["note"]), "year_plan": _text(row.get("year_plan"))}
        table.append([values[field] for field in fields])
    return table


def _style(ws: Worksheet, titles: int, width: int, height: int) -> None:
    for r in range(1, titles + 1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        cell = ws.cell(r, 1)
        cell.font = Font(name=FONT_NAME, bold=True, size=13 if r > 1 else 12)
        cell.alignment = Alignment(horizontal="left" if r < titles - 1 else "center",
                                   wrap_text=True)
    header = titles + 2
    for r in range(header, header + height + 1):
        for c in range(1, width + 1):
            cell = ws.cell(r, c)
            cell.border = _BOX
            cell.font = Font(name=FONT_NAME, bold=r == header, size=12)
            cell.alignment = Alignment(
                wrap_text=True, vertical="center",
                horizontal="left" if c == 2 and r > header else "center")


def appendix_workbook(rows: pd.DataFrame, unit: localities.Locality,
                      period_label: str) -> Workbook:
    """The appendix of `rows` (from `store.appendix_rows`) as an openpyxl workbook."""
    columns = _columns(rows)
    titles = _title_rows(unit, period_label)
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    for line in titles:
        ws.append([line])
    ws.append([])
    ws.append([header for _, header, _ in columns])
    for values in _cell_values(rows, [field for field, _, _ in columns]):
        ws.append(values)
    for index, (_, _, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    _style(ws, len(titles), len(columns), len(rows))
    ws.freeze_panes = ws.cell(len(titles) + 3, 1)
    ws.print_title_rows = f"{len(titles) + 2}:{len(titles) + 2}"
    return wb


def write_appendix(con: duckdb.DuckDBPyConnection, locality: str, period: str,
                   out: Path | io.BytesIO) -> int:
    """Write the appendix of `locality` (a name as people write it) and `period` (a code) to
    `out`; returns the number of indicator rows. Refused when there is nothing to write."""
    span = parse_code(period)
    code = span.code
    unit = localities.resolve(locality, on=(span.start, span.end))
    label = store.period_label(con, code)
    rows = store.appendix_rows(con, unit.id, code)
    if label is None or rows.empty:
        raise Refused(f"Chưa có số liệu của {unit.name} cho kỳ {code}: không có gì để xuất. "
                      "Xem các lô đã nạp (địa phương, kỳ) bằng: python -m etl history")
    appendix_workbook(_with_year_plan(con, unit.id, span, rows), unit, label).save(out)
    return len(rows)


def _with_year_plan(con: duckdb.DuckDBPyConnection, locality_id: str, span: Period,
                    rows: pd.DataFrame) -> pd.DataFrame:
    """An in-year report's rows with each indicator's plan for the year (`year_plan`, its year
    in `attrs['plan_year']`) where there is one: a 'Kế hoạch năm 2025 | Thực hiện 9 tháng'
    report has no targets of its own, and the appendix then says what each result is set
    against; loading it back puts the plan under its year again."""
    if span.kind not in IN_YEAR_KINDS:
        return rows
    year = str(span.start.year)
    plans = store.appendix_rows(con, locality_id, year).dropna(subset=["target_text"])
    plan_of = plans.set_index("indicator_id")["target_text"]
    out = rows.assign(year_plan=rows["indicator_id"].map(plan_of))
    if out["year_plan"].notna().any():
        out.attrs["plan_year"] = year
    return out
