"""Which table of a file is loaded when `--sheet` is not given.

A Word report's first table is usually the letterhead ('HUYỆN ỦY … | ĐẢNG CỘNG SẢN VIỆT NAM')
and its last the signature block; a workbook may hold a cover sheet before the appendix. So
every table or sheet is tried in order (visible sheets first) and the first one that reads as
an indicator table is loaded, with a note saying which one it was and what the others are
(by their first line). When none reads, the refusal that got furthest (a table whose header
was found but whose rows were refused says more than a letterhead) is given, with what each
other such table lacked (the one meant may need only its period typed in) and the names of
the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from etl import read
from etl import template_sheets as template
from etl.errors import Refused
from etl.layout import TableSpec
from etl.read import Grid, Source
from etl.records import ParsedTable
from etl.text import shortened

__all__ = ["choose"]

Detect = Callable[[Grid], TableSpec]
Parse = Callable[[Grid, TableSpec], ParsedTable]
_SHOWN = 8
_LACKED_CHARS = 140  # of each other table's refusal quoted in the one given
_NO_TABLE = frozenset({"no_header", "no_numbers"})  # the reasons a grid holds no indicator table
_TABLE_TEXT = frozenset({".csv", ".tsv"})  # text files that are tables by their very kind


def choose(source: Source, sheet: str | None, detect: Detect,
           parse: Parse) -> tuple[Grid, ParsedTable, list[str]]:
    """(grid read, table parsed, notes on the other tables) or Refused; the file is read from
    `source` (opened once by the caller)."""
    names = read.default_sheets(source) if sheet is None else [sheet]
    if sheet is None and template.is_template(names):
        return _template(source, detect, parse)
    if len(names) <= 1:
        grid = read.read_grid(source, sheet)
        outcome = _read_table(grid, detect, parse)[1]
        if isinstance(outcome, Refused):
            raise _one_table_refused(source, outcome)
        return grid, outcome, []
    tried: list[tuple[str, int, Refused]] = []
    for name in names:
        try:
            grid = read.read_grid(source, name)
        except Refused as err:
            tried.append((name, 0, err))
            continue
        stage, outcome = _read_table(grid, detect, parse)
        if isinstance(outcome, Refused):
            tried.append((name, stage, outcome))
            continue
        return grid, outcome, _notes(source, name, names, tried)
    raise _none_read(source, names, tried)


def _read_table(grid: Grid, detect: Detect, parse: Parse) -> tuple[int, ParsedTable | Refused]:
    """(how far it got: 1 header, 2 rows; the table, or its refusal with a legacy-font hint)."""
    stage = 1
    try:
        if grid.legacy.suspected:
            stage = 2
            raise Refused(f"Tệp {grid.file_name}: {grid.legacy.hint()}")
        spec = detect(grid)
        stage = 2
        return stage, parse(grid, spec)
    except Refused as err:
        hint = "" if grid.legacy.suspected else read.suspect_hint(grid.rows)
        refused = err.but(message=err.message + hint)
    return stage, refused


def _template(source: Source, detect: Detect,
              parse: Parse) -> tuple[Grid, ParsedTable, list[str]]:
    """The data sheet of an upload template; refused when no row below the header is filled."""
    grid = read.read_grid(source, template.DATA_SHEET)
    if template.is_empty_data(grid.rows):
        raise Refused(f"Tệp {source.name} là mẫu nhập liệu nhưng chưa có dòng số liệu nào: "
                      f"điền mỗi chỉ tiêu một dòng vào trang '{template.DATA_SHEET}', từ dòng 2 "
                      f"(xem trang '{template.GUIDE_SHEET}').")
    outcome = _read_table(grid, detect, parse)[1]
    if isinstance(outcome, Refused):
        raise outcome
    return grid, outcome, [f"mẫu nhập liệu: đã đọc trang '{template.DATA_SHEET}', bỏ qua trang "
                           f"'{template.GUIDE_SHEET}' và '{template.LISTS_SHEET}'"]


def _one_table_refused(source: Source, err: Refused) -> Refused:
    """The refusal of a file of one table, with advice for its kind: a text file other than
    .csv/.tsv holding no table (or whose locality or period is asked, after that advice) may be
    a report in prose — reason 'not_a_table_file' (which files are read, and to paste the
    table into Excel or Word); a workbook of one sheet holding no table has no other sheet to
    choose — reason 'one_sheet', its name the example."""
    if source.kind == "text" and source.path.suffix.lower() not in _TABLE_TEXT:
        if err.reason in _NO_TABLE:
            return err.but(reason="not_a_table_file", field=None)
        if err.reason in ("no_locality", "no_period"):
            return err.but(reason="not_a_table_file", inner=err)
    elif source.kind not in ("text", "docx") and err.reason in _NO_TABLE:
        sheets = read.sheet_names(source)
        if len(sheets) == 1:
            return err.but(reason="one_sheet", field="header_row", example=sheets[0])
    return err


def _kind(source: Source) -> str:
    return "bảng" if source.path.suffix.lower() == ".docx" else "trang"


def _label(name: str, titles: dict[str, str]) -> str:
    title = titles.get(name)
    return f"{name} ('{title}')" if title else name


def _notes(source: Source, read_name: str, names: list[str],
           tried: list[tuple[str, int, Refused]]) -> list[str]:
    titles = read.titles(source)
    kind = _kind(source)
    skipped = [name for name, _, _ in tried]
    notes = []
    if skipped:
        notes.append(f"đã đọc {kind} '{read_name}', bỏ qua "
                     + ", ".join(_label(n, titles) for n in skipped[:_SHOWN])
                     + " (không đọc được như bảng chỉ tiêu)")
    others = [n for n in names if n != read_name and n not in skipped]
    if others:
        shown = ", ".join(_label(n, titles) for n in others[:_SHOWN])
        more = " …" if len(others) > _SHOWN else ""
        notes.append(f"chỉ nạp {kind} '{read_name}'; tệp còn các {kind} {shown}{more} "
                     f"(có thể chọn {kind} khác để nạp)")
    return notes


def _none_read(source: Source, names: list[str],
               tried: list[tuple[str, int, Refused]]) -> Refused:
    if not tried:
        return Refused(f"Tệp {source.name} không có bảng nào chứa dữ liệu.")
    best_name, _, best = max(tried, key=lambda t: t[1])  # max keeps the first of equals
    titles = read.titles(source)
    kind = _kind(source)
    lacking = _what_each_lacked(tried, best_name, best.message)
    listed = {name for group in lacking.values() for name in group}
    others = ", ".join(_label(n, titles) for n in names[:_SHOWN]
                       if n != best_name and n not in listed)
    said = "; ".join(
        (f"cũng vậy ở {kind} {', '.join(group)}" if why == best.message
         else f"{kind} {', '.join(group)}: {shortened(why.rstrip('.'), _LACKED_CHARS)}")
        for why, group in lacking.items())
    return Refused(
        f"{best.message} (Đã đọc {kind} '{best_name}'"
        + (f"; {said}" if said else "")
        + (f"; tệp còn các {kind}: {others}" if others else "")
        + f"; không {kind} nào đọc được như bảng chỉ tiêu.)",
        reason="no_table", field="sheet", row=best.row, column=best.column,
        candidates=best.candidates, inner=best,
    )


def _what_each_lacked(tried: list[tuple[str, int, Refused]], shown: str,
                      given: str) -> dict[str, list[str]]:
    """The tables other than `shown` whose header was found (their rows were refused), grouped
    by what they lacked, `shown`'s refusal `given` first: the table a person meant may need
    only a period or a locality typed in (a budget appendix's by-province sheet, after summary
    sheets without a locality)."""
    groups: dict[str, list[str]] = {given: []}
    for name, stage, err in tried:
        if stage == 2 and name != shown:
            groups.setdefault(err.message, []).append(name)
    return {why: names for why, names in groups.items() if names}
