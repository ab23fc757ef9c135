"""Word documents: each top-level table is a "sheet" named 'Bảng 1', 'Bảng 2', …, read as a
`Grid` with the title paragraphs just above it as its first rows (and, when a short letterhead
table comes first, the organ named in its first row).

Runs set in a legacy font (.VnTime, VNI-Times — on the run or its paragraph style) are
converted from TCVN3/VNI to Unicode; other text is judged by its characters (`_legacy`)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from etl.errors import Refused
from etl.read._grid import (
    Grid,
    Source,
    clean_text,
    first_line,
    has_value,
    library_errors,
    no_data,
    pick_name,
)
from etl.read._legacy import (
    Legacy,
    convert_by_content,
    encoding_of_font,
    is_upper_font,
    to_unicode,
)

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

MAX_TITLE_ROWS = 6  # at most this many paragraphs above a table become title rows
MAX_TITLE_CHARS = 300  # a longer paragraph is body text, not a title
LETTERHEAD_ROWS = 3  # a table this short above another is a letterhead ('HUYỆN ỦY … | ĐẢNG …')


def table_names(source: Source) -> list[str]:
    """'Bảng 1', 'Bảng 2', … for the document's top-level tables."""
    return [_table_name(i) for i in range(len(_docx_tables(source)))]


def read_docx(source: Source, sheet: str | None) -> Grid:
    """The named table, or the first one holding a value."""
    tables = _docx_tables(source)
    names = [_table_name(i) for i in range(len(tables))]
    chosen = [pick_name(sheet, names)] if sheet is not None else names
    for name in chosen:
        titles, legacy, table = tables[names.index(name)]
        with library_errors(f"Tệp {source.name} không đọc được {name}"):
            rows, merged = _table_cells(table, legacy)
        if has_value(rows):
            return _docx_grid(source.name, name, titles, rows, merged, legacy)
    raise no_data(source.name, sheet)


def docx_titles(source: Source) -> dict[str, str]:
    """Each table's first row holding text ('HUYỆN ỦY ĐỨC TRỌNG | ĐẢNG CỘNG SẢN VIỆT NAM')."""
    found = {}
    for i, (_, legacy, table) in enumerate(_docx_tables(source)):
        with library_errors(f"Tệp {source.name} không đọc được {_table_name(i)}"):
            rows, _ = _table_cells(table, legacy)
        found[_table_name(i)] = next((line for row in rows if (line := first_line(row))), "")
    return found


def _table_name(index: int) -> str:
    return f"Bảng {index + 1}"


def _docx_tables(source: Source) -> list[tuple[list[str], Legacy, Table]]:
    """Top-level tables in order, each with the title paragraphs just above it (and what
    converting them from a legacy font took)."""
    from docx import Document
    from docx.table import Table

    with library_errors(f"Tệp {source.name} không mở được như một văn bản Word"):
        document = Document(io.BytesIO(source.data))
        tables, titles, legacy = [], [], Legacy()
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                tables.append((titles, legacy, block))
                titles, legacy = _letterhead_lines(block, legacy), Legacy()
                continue
            text = clean_text(paragraph_text(block, legacy))
            if text is not None:
                titles = [] if len(text) > MAX_TITLE_CHARS else [*titles, text][-MAX_TITLE_ROWS:]
    if not tables:
        raise Refused(f"Tệp {source.name} không có bảng nào: hãy để phụ lục chỉ tiêu trong "
                      "một bảng.")
    return tables


def _letterhead_lines(table: Table, legacy: Legacy) -> list[str]:
    """The organ named in a letterhead table's first row ('HUYỆN ỦY ĐỨC TRỌNG'), as title
    lines for the table below it; lines with figures (the date line) are left out, so the
    date a report was signed is not read as its period."""
    if len(table.rows) > LETTERHEAD_ROWS:
        return []
    from docx.table import _Cell

    lines = []
    for tc in table.rows[0]._tr.tc_lst:
        text = "\n".join(paragraph_text(p, legacy) for p in _Cell(tc, table).paragraphs)
        lines += [line for line in map(clean_text, text.splitlines())
                  if line and not any(ch.isdigit() for ch in line)]
    return lines[:MAX_TITLE_ROWS]


def _docx_grid(file_name: str, name: str, titles: list[str], rows: list, merged: list,
               legacy: Legacy) -> Grid:
    """Title paragraphs on top; origin row is negative so refs count table rows from 1."""
    width = max(1, len(rows[0]) if rows else 0)
    title_rows: list[list[object]] = [[text] + [None] * (width - 1) for text in titles]
    shift = len(title_rows)
    grid_rows = title_rows + rows
    convert_by_content(grid_rows, legacy)
    return Grid(
        rows=grid_rows,
        sheet=name,
        file_name=file_name,
        percent=set(),
        merged=[(r0 + shift, c0, r1 + shift, c1) for r0, c0, r1, c1 in merged],
        origin=(-shift, 0),
        legacy=legacy,
    )


def _table_cells(table: Table, legacy: Legacy,
                 ) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
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
                cell = _Cell(tc, table)
                text_at[anchor] = clean_text(
                    "\n".join(paragraph_text(p, legacy) for p in cell.paragraphs))
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


def _style_font(style) -> str | None:
    """The font a paragraph or character style sets, looking up its base styles."""
    while style is not None:
        if style.font.name:
            return style.font.name
        style = style.base_style
    return None


def paragraph_text(paragraph: Paragraph, legacy: Legacy) -> str:
    """The paragraph's text, its legacy-font runs converted to Unicode (counted in `legacy`)."""
    runs = paragraph.runs
    base = _style_font(paragraph.style)
    fonts = [run.font.name or _style_font(run.style) or base for run in runs]
    if not any(encoding_of_font(font) for font in fonts):
        return paragraph.text
    parts, used = [], set()
    for run, font in zip(runs, fonts, strict=True):
        encoding = encoding_of_font(font)
        text = run.text
        converted = to_unicode(text, encoding, is_upper_font(font)) if encoding else text
        if converted != text:
            used.add(encoding)
        parts.append(converted)
    for encoding in used:
        legacy.count(encoding, 1)
    return "".join(parts)
