"""Checks on parsed records before anything is written: tables with no readable figure (or
mostly unreadable ones), duplicates, conflicts."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from operator import lt

from etl.columnar import column, distinct_cells
from etl.errors import Refused
from etl.indicators import Catalog, uncatalogued_id
from etl.numbers import format_vn
from etl.periods import label
from etl.records import ParsedTable, Record
from etl.text import shortened

__all__ = ["unique_keys", "validate"]

MIN_UNREADABLE = 3  # a few text-only rows (qualitative targets) are normal
_SHOWN = 4


def validate(table: ParsedTable, catalog: Catalog | None = None) -> ParsedTable:
    """Drop exact duplicates; refuse a duplicate indicator with conflicting figures.

    A row matched only by fuzzy similarity that collides with another row of the same file is
    not the same indicator after all ('hoàn thành nhiệm vụ' beside 'hoàn thành tốt nhiệm vụ'):
    it is kept under its own uncatalogued id rather than guessed.
    """
    _refuse_unreadable(table)
    if not _in_order_without_repeats(table.records):
        table.records = _without_repeats(table)
    records = table.records
    for indicator_id, catalogued, as_written in zip(
            column(records, "indicator_id"), column(records, "catalogued"),
            column(records, "indicator_as_written"), strict=True):
        if not catalogued:
            table.new_indicators.setdefault(indicator_id, as_written)
    if catalog is not None:
        table.notes.extend(_negative_rate_targets(records, catalog))
    return table


def unique_keys(records: Sequence[Record]) -> bool:
    """Every (locality, period, indicator) once, as `validate` leaves a table."""
    keys = zip(column(records, "locality_id"), column(records, "period"),
               column(records, "indicator_id"), strict=True)
    return len(set(keys)) == len(records)


def _in_order_without_repeats(records: Sequence[Record]) -> bool:
    """Every (locality, period, indicator) once and the rows already in (row, period) order:
    nothing for `_without_repeats` to do (a long table, read a column at a time, mostly is)."""
    if not unique_keys(records):
        return False
    row_nos = column(records, "row_no")
    if all(map(lt, row_nos, islice(row_nos, 1, None))):  # a row each: in order by row alone
        return True
    order = list(zip(row_nos, column(records, "period"), strict=True))
    return all(map(lt, order, islice(order, 1, None)))


def _without_repeats(table: ParsedTable) -> list[Record]:
    """The records with exact repeats dropped (said in `skipped`), in (row, period) order;
    a fuzzy match colliding with another row is demoted to its own indicator first."""
    seen: dict[tuple[str, str, str], Record] = {}
    kept: list[Record] = []
    for rec in sorted(table.records, key=lambda r: r.match_how == "fuzzy"):
        key = (rec.locality_id, rec.period, rec.indicator_id)
        first = seen.get(key)
        if first is not None and _is_other_indicator(first, rec):
            _demote(rec, table)
            key = (rec.locality_id, rec.period, rec.indicator_id)
            first = seen.get(key)
        if first is None:
            seen[key] = rec
            kept.append(rec)
        elif first.figures() != rec.figures():
            raise Refused(_conflict_message(first, rec))
        else:
            table.skipped.append(f"dòng {rec.row_no}: trùng dòng {first.row_no}")
    return sorted(kept, key=lambda r: (r.row_no, r.period))


def _negative_rate_targets(records: Sequence[Record], catalog: Catalog) -> list[str]:
    """A rate (poverty, coverage …) cannot be below zero: a negative target is most likely a
    decrease ('giảm 1,5%') written where the level belongs. Noted, not refused."""
    cell_of_row, cells = distinct_cells(records, "target")
    lowest = {i: low for i, t in enumerate(cells) if t is not None and t.op is not None
              and (low := min(v for v in (t.low, t.high) if v is not None)) < 0}
    if not lowest:
        return []
    rates = {ind.id for ind in catalog if ind.kind == "rate"}
    row_nos, ids, catalogued, names = (column(records, name) for name in (
        "row_no", "indicator_id", "catalogued", "indicator_as_written"))
    cells = [f"dòng {row_nos[i]} '{shortened(names[i])}': {format_vn(lowest[cell])}"
             for i, cell in enumerate(cell_of_row.tolist())
             if cell in lowest and catalogued[i] and ids[i] in rates]
    if not cells:
        return []
    more = " …" if len(cells) > 5 else ""
    return [f"{len(cells)} chỉ tiêu tỷ lệ có mục tiêu âm (có lẽ là mức giảm, không phải mức cần "
            "đạt; kiểm tra lại trước khi so sánh): " + "; ".join(cells[:5]) + more]


def _readable(records: Sequence[Record]) -> list[bool]:
    """Per record: the row holds at least one figure read as a number, or a status."""
    return [bool((t and t.op) or (a and a.op) or status or p_target is not None
                 or p_prev is not None)
            for t, a, status, p_target, p_prev in zip(
                column(records, "target"), column(records, "actual"),
                column(records, "reported_status"), column(records, "pct_target"),
                column(records, "pct_prev"), strict=True)]


def _unreadable_text(rec: Record) -> str:
    cells = [p.text for p in (rec.target, rec.actual) if p is not None and p.text]
    return (f"dòng {rec.row_no} '{shortened(rec.indicator_as_written)}': "
            f"'{shortened('; '.join(cells))}'")


def _refuse_unreadable(table: ParsedTable) -> None:
    """No row with a readable figure, or most rows without one: not a table of figures (or
    its figure columns were misread) — refused, naming a few rows."""
    flags = _readable(table.records)
    readable = sum(flags)
    unread = len(flags) - readable
    if not unread or (readable and (unread < MIN_UNREADABLE or unread <= readable)):
        return
    unreadable = [rec for rec, ok in zip(table.records, flags, strict=True) if not ok]
    shown = "; ".join(_unreadable_text(rec) for rec in unreadable[:_SHOWN])
    more = " …" if len(unreadable) > _SHOWN else ""
    if not readable:
        raise Refused(
            f"Không có ô số liệu nào đọc được thành số trong bảng: cả {len(unreadable)} dòng "
            f"chỉ có chữ ({shown}{more}). Tệp có vẻ không phải bảng số liệu chỉ tiêu; hãy "
            "kiểm tra cột Kế hoạch/Thực hiện.", reason="no_numbers", field="sheet",
        )
    raise Refused(
        f"{len(unreadable)} trên {len(table.records)} dòng không có số liệu đọc được thành số "
        f"({shown}{more}). Quá nửa bảng không đọc được nên tệp không được nạp; hãy sửa các ô "
        "này thành số (ví dụ 1.234,5) rồi nạp lại."
    )


def _is_other_indicator(first: Record, rec: Record) -> bool:
    return rec.match_how == "fuzzy" and (
        first.indicator_as_written != rec.indicator_as_written
        or first.parent_as_written != rec.parent_as_written
    )


def _demote(rec: Record, table: ParsedTable) -> None:
    rec.indicator_id = uncatalogued_id(rec.indicator_as_written, rec.parent_as_written)
    rec.catalogued, rec.match_how = False, "new"
    table.notes.append(
        f"dòng {rec.row_no}: '{rec.indicator_as_written}' chỉ gần giống một chỉ tiêu khác trong "
        "tệp nên được giữ riêng, chưa gắn với danh mục"
    )
    table.notes = list(dict.fromkeys(table.notes))


def _conflict_message(first: Record, second: Record) -> str:
    def figures(rec: Record) -> str:
        parts = []
        if rec.target and rec.target.text:
            parts.append(f"chỉ tiêu '{rec.target.text}'")
        if rec.actual and rec.actual.text:
            parts.append(f"thực hiện '{rec.actual.text}'")
        if rec.reported_status:
            parts.append(f"đánh giá '{rec.reported_status}'")
        return ", ".join(parts) or "không có số"

    def row(rec: Record) -> str:
        """'dòng 9' — with the row's own name when the two rows are written differently (a
        'Toàn xã' row under an indicator reads as that indicator's figure)."""
        named = "" if same_name else f" '{shortened(rec.indicator_as_written)}'"
        return f"dòng {rec.row_no}{named} ({figures(rec)})"

    same_name = first.indicator_as_written == second.indicator_as_written
    return (
        f"Chỉ tiêu '{shortened(first.indicator_as_written)}' ({label(second.period)}) xuất hiện "
        f"hai lần với số liệu khác nhau: {row(first)} và {row(second)}. Hãy giữ lại một dòng rồi "
        "nạp lại."
    )
