"""Word documents: each top-level table is a "sheet" named 'Bảng 1', 'Bảng 2', …, read as a
`Grid` with the title paragraphs just above it as its first rows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from etl.errors import Refused
from etl.read._grid import Grid, clean_text, has_value, library_errors, no_data, pick_name

if TYPE_CHECKING:
    from docx.table import Table

MAX_TITLE_ROWS = 6  # at most this many paragraphs above a table become title rows
MAX_TITLE_CHARS = 300  # a longer paragraph is body text, not a title


def table_names(path: Path) -> list[str]:
    """'Bảng 1', 'Bảng 2', … for the document's top-level tables."""
    return [_table_name(i) for i in range(len(_docx_tables(path)))]


def read_docx(path: Path, sheet: str | None) -> Grid:
    """The named table, or the first one holding a value."""
    tables = _docx_tables(path)
    names = [_table_name(i) for i in range(len(tables))]
    chosen = [pick_name(sheet, names)] if sheet is not None else names
    for name in chosen:
        titles, table = tables[names.index(name)]
        with library_errors(f"Tệp {path.name} không đọc được {name}"):
            rows, merged = _table_cells(table)
        if has_value(rows):
            return _docx_grid(path, name, titles, rows, merged)
    raise no_data(path, sheet)


def _table_name(index: int) -> str:
    return f"Bảng {index + 1}"


def _docx_tables(path: Path) -> list[tuple[list[str], Table]]:
    """Top-level tables in order, each with the title paragraphs just above it."""
    from docx import Document
    from docx.table import Table

    with library_errors(f"Tệp {path.name} không mở được như một văn bản Word"):
        document = Document(str(path))
        tables, titles = [], []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                tables.append((titles, block))
                titles = []
                continue
            text = clean_text(block.text)
            if text is not None:
                titles = [] if len(text) > MAX_TITLE_CHARS else [*titles, text][-MAX_TITLE_ROWS:]
    if not tables:
        raise Refused(f"Tệp {path.name} không có bảng nào: hãy để phụ lục chỉ tiêu trong một bảng.")
    return tables


def _docx_grid(path: Path, name: str, titles: list[str], rows: list, merged: list) -> Grid:
    """Title paragraphs on top; origin row is negative so refs count table rows from 1."""
    width = max(1, len(rows[0]) if rows else 0)
    title_rows: list[list[object]] = [[text] + [None] * (width - 1) for text in titles]
    shift = len(title_rows)
    return Grid(
        rows=title_rows + rows,
        sheet=name,
        file_name=path.name,
        percent=set(),
        merged=[(r0 + shift, c0, r1 + shift, c1) for r0, c0, r1, c1 in merged],
        origin=(-shift, 0),
    )


def _table_cells(table: Table) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """A Word table as a grid: a merged cell's text in its top-left position only."""
    from docx.table import _Cell

    anchor_of: dict[tuple[int, int], tuple[int, int]] = {}
    text_at: dict[tuple[int, int], str | None] = {}
    for r, row in enumerate(table.rows):
        c = row.grid_cols_before
        for tc in row._tr.tc_lst:  # the XML cells: row.cells repeats merged ones
            anchor = anchor_of.get((r - 1, c)) if tc.vMerge == "continue" else None
            if anchor is None:
                anchor = (r, c)
                text_at[anchor] = clean_text(_Cell(tc, table).text)
            for offset in range(tc.grid_span):
                anchor_of[(r, c + offset)] = anchor
            c += tc.grid_span
    height = len(table.rows)
    width = max((c + 1 for _, c in anchor_of), default=0)
    rows = [[text_at.get((r, c)) for c in range(width)] for r in range(height)]
    return rows, _spans(anchor_of)


def _spans(anchor_of: dict[tuple[int, int], tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    corner: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), anchor in anchor_of.items():
        last = corner.get(anchor, anchor)
        corner[anchor] = (max(last[0], r), max(last[1], c))
    return sorted((a[0], a[1], e[0], e[1]) for a, e in corner.items() if e != a)
