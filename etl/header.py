"""The header band of a table: which row the header starts on (keyword rows, and the rows
of a header spread word by word above and below it), where the data block starts (after a
column-number row 'A | B | 1 | 2 | 3=2/1'), each column's header text per row with merged and
spanning cells spread, the title rows above, and what to say when no header is found."""

from __future__ import annotations

import re

from etl.errors import Refused
from etl.header_words import (
    KEY_ROLES,
    MEASURE_ROLES,
    UNIT_HINT,
    classify,
    count_figures,
    count_filled,
    header_text,
    is_figure,
)
from etl.read import Grid
from etl.signature import signed_cell
from etl.text import clean, fold, shortened, vietnamese_part

__all__ = ["HEADER_MAX_ROWS", "find_header_row", "header_block", "rows_above", "spread_merged",
           "names_below", "text_column", "title_and_unit", "where"]

HEADER_SCAN_ROWS = 40

HEADER_MAX_ROWS = 8                 # header rows below the first keyword row

_BARE_UNIT = re.compile(r"^((?:triệu|tỷ|nghìn|ngàn) đồng)\.?$", re.IGNORECASE)

_COLUMN_NUMBER = re.compile(r"^\(?([a-zđ]|\d{1,2})\)?$|^\(?\d{1,2}\s*=\s*[\d\s+\-*/x()]+\)?$")

_TITLE_LIKE = re.compile(
    r"cong hoa|doc lap|uy ban|ubnd|dang cong san|bo tai chinh|phu luc|^bieu|kem theo|"
    r"^(don vi|dvt)\b"
)

_UNIT_LIKE = re.compile(r"^(%|‰|ha|tấn|km|người|hộ|lượt|triệu|tỷ|nghìn|đồng|m2|m3|kg|"
                        r"usd|cái|chiếc|con|lao động)\b", re.IGNORECASE)

def _header_score(row: list[object]) -> tuple[int, bool]:
    roles = [classify(header_text(v)) for v in row if isinstance(v, str)]
    named = any(r in ("name", "locality", "province") for r in roles)
    return sum(1 for r in roles if r), named

def find_header_row(grid: Grid) -> int:
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        score, named = _header_score(row)
        if named and (score >= 2 or _figures_below(grid, r) and count_filled(row) >= 2) \
                or score >= 2 and _header_names_places(grid, r):
            return r
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        roles = [classify(header_text(v)) for v in row]
        if any(x in MEASURE_ROLES for x in roles) and sum(1 for x in roles if x) >= 2 \
                and text_column(grid, r) is not None:
            return r  # the name column's header is blank: its cells say what it is
    raise Refused(
        "Không tìm thấy dòng tiêu đề của bảng (cần có cột 'Chỉ tiêu' hoặc 'Địa phương' cùng các "
        f"cột như STT, ĐVT, Kế hoạch, Thực hiện) trong {HEADER_SCAN_ROWS} dòng đầu của "
        f"{where(grid)}." + _closest_rows(grid),
        reason="no_header",
    )

def _figures_below(grid: Grid, r: int) -> bool:
    """A row of figures soon under a row: the data block of a table headed there."""
    return any(count_figures(row) for row in grid.rows[r + 1: r + HEADER_MAX_ROWS + 3])

def _header_names_places(grid: Grid, r: int) -> bool:
    """An 'Đơn vị' header over a column of place names is the locality column."""
    return any(isinstance(v, str) and fold(header_text(v)) == "don vi"
               and names_below(grid, r, c) for c, v in enumerate(grid.rows[r]))

# Units under a commune (thôn, tổ dân phố, ấp, bản, buôn, khu phố, khóm, xóm, làng), which the
# locality catalog does not hold.
_BELOW_COMMUNE = re.compile(r"^(?:ten )?(?:(?:thon|to dan pho|ap|ban|buon|khu pho|khom|xom|lang|"
                            r"to)(?:\s*(?:,|/|-|va)\s*|$))+")


def _closest_rows(grid: Grid) -> str:
    """What the rows that came closest to a header had, and what each lacked."""
    found: list[tuple[int, int, str]] = []
    figure_rows = [r for r, row in enumerate(grid.rows) if count_figures(row) >= 2]
    said_below = False
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        named = [header_text(v) for v in row if isinstance(v, str)
                 and classify(header_text(v)) in ("name", "locality", "province")]
        others = [header_text(v) for v in row if isinstance(v, str)
                  and classify(header_text(v)) not in (None, "name", "locality", "province")]
        below_commune = [header_text(v) for v in row
                         if isinstance(v, str) and _BELOW_COMMUNE.fullmatch(fold(header_text(v)))]
        if below_commune and not said_below:  # said first: no correction makes it loadable
            said_below = True
            found.append((99, r, f"có '{shortened(below_commune[0])}': bảng theo thôn, tổ dân "
                                 "phố — danh mục địa phương chỉ đến cấp xã, hãy nạp số liệu của "
                                 "cả xã (dòng 'Toàn xã') với tên chỉ tiêu ở một cột"))
        if below_commune:
            continue
        if not named and not others:
            continue
        has_data = any(f > r for f in figure_rows)
        if named:
            lack = ("thiếu cột STT, ĐVT hoặc số liệu" if has_data
                    else "thiếu cột số liệu bên dưới")
            what = f"có '{shortened(named[0])}' nhưng {lack}"
        else:
            what = f"có '{shortened(others[0])}' nhưng thiếu cột tên chỉ tiêu hoặc địa phương"
        found.append((len(named) * 2 + len(others), r, what))
    if not found:
        return " Không dòng nào có tên cột quen thuộc."
    best = sorted(found, key=lambda f: (-f[0], f[1]))[:3]
    return " Gần nhất: " + "; ".join(f"dòng {r + 1 + grid.origin[0]} {w}" for _, r, w in best) + "."

def where(grid: Grid) -> str:
    return f"trang '{grid.sheet}'" if grid.sheet else f"tệp {grid.file_name}"

def _is_column_number_row(row: list[object]) -> bool:
    """'A | B | 1 | 2 …', '(1) | (2) …' or '1 | 2 | 3=2/1 | 4=5+6' under a header."""
    cells = [
        str(int(v)) if isinstance(v, float) and v.is_integer() else clean(v)
        for v in row if clean(v)
    ]
    return len(cells) >= 3 and all(_COLUMN_NUMBER.match(fold(c)) for c in cells)

def header_block(
    grid: Grid, top: int, name_col: int, stt_col: int | None
) -> tuple[list[int], int]:
    """Header rows from `top` down, and the first row after them (column-number rows skipped)."""
    rows = [top]
    r = top + 1
    while r < len(grid.rows) and r <= top + HEADER_MAX_ROWS:
        row = grid.rows[r]
        if _is_column_number_row(row):
            return rows, r + 1
        has_name = bool(header_text(row[name_col])) or (
            stt_col is not None and bool(header_text(row[stt_col])))
        has_numbers = count_figures(row) > 0
        has_text = any(isinstance(v, str) for v in row)
        if has_name or has_numbers or not has_text:
            break
        rows.append(r)
        r += 1
    blank = r
    end = min(len(grid.rows), r + HEADER_MAX_ROWS)
    while blank < end and not any(map(clean, grid.rows[blank])):
        blank += 1
    if blank < len(grid.rows) and _is_column_number_row(grid.rows[blank]):
        r = blank + 1
    return rows, r

def rows_above(grid: Grid, top: int) -> list[int]:
    """Header rows above the first keyword row: a header spread word by word over unmerged
    rows ('TỔNG THU' / 'NSNN TRÊN' / 'ĐỊA BÀN' beside 'SỐ' / 'TT'). A row belongs when it has
    two or more cells, none a title, a unit line or a cell merged across most of the table."""
    width = len(grid.rows[0]) if grid.rows else 0
    wide = {r0 for r0, c0, _, c1 in grid.merged if c1 - c0 + 1 >= max(2, width * 0.6)}
    rows: list[int] = []
    r = top - 1
    while r >= 0 and len(rows) < HEADER_MAX_ROWS:
        texts = [header_text(v) for v in grid.rows[r] if header_text(v)]
        if (len(texts) < 2 or r in wide or count_figures(grid.rows[r]) > 0
                or any(_TITLE_LIKE.search(fold(t)) or UNIT_HINT.match(t) for t in texts)):
            break
        rows.insert(0, r)
        r -= 1
    return rows

def spread_merged(grid: Grid, header_rows: list[int]) -> tuple[list[list[str]], list[list[bool]]]:
    """Header texts per header row and column, with merged or spanning cells spread right, and
    which of them are wide (one text over several columns: a group heading)."""
    width = len(grid.rows[0]) if grid.rows else 0
    texts = [[header_text(grid.rows[r][c]) for c in range(width)] for r in header_rows]
    wide = [[False] * width for _ in header_rows]
    first, last = header_rows[0], header_rows[-1]
    merged: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in grid.merged:
        if r0 > last or r1 < first:
            continue
        for r in range(max(r0, first), min(r1, last) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                texts[r - first][c] = texts[r0 - first][c0] if r0 >= first else texts[r - first][c]
                wide[r - first][c] = c1 > c0
                merged.add((r - first, c))
    _spread_spanning(texts, wide, merged)
    return texts, wide

def _spread_spanning(texts: list[list[str]], wide: list[list[bool]],
                     merged: set[tuple[int, int]]) -> None:
    """Cells not merged: an upper header cell spans right over empty cells that have
    sub-headers below them ('Thực hiện' over 'Năm 2021 | Năm 2022')."""
    for level in range(len(texts) - 1):
        row, below = texts[level], texts[level + 1:]
        for c in range(1, len(row)):
            if (level, c) in merged or (level, c - 1) in merged:
                continue
            if not row[c] and row[c - 1] and any(b[c] for b in below) \
                    and not any(classify(b[c]) in KEY_ROLES for b in below):
                row[c] = row[c - 1]
                wide[level][c] = wide[level][c - 1] = True

def names_below(grid: Grid, top: int, index: int) -> bool:
    cells = [clean(row[index]) for row in grid.rows[top + 1: top + 16]]
    cells = [c for c in cells if c]
    names = [c for c in cells if not _UNIT_LIKE.match(c) and len(c.split()) >= 2]
    return len(names) >= 2 and len(names) * 2 >= len(cells)

def text_column(grid: Grid, top: int) -> int | None:
    """A column blank in the header row (and the rows above it) whose cells below are mostly
    text, not figures: the indicator names ('Ước tính' / 'năm 2024' stacked beside it). Two
    columns that read as names equally well are refused, showing both."""
    rows = grid.rows[top + 1: top + 16]
    found: list[tuple[int, float, int]] = []  # (text cells, mean length, column)
    for c, head in enumerate(grid.rows[top]):
        above = range(max(0, top - 2), top)
        if header_text(head) or any(header_text(grid.rows[r][c]) for r in above):
            continue
        texts = [clean(row[c]) for row in rows if isinstance(row[c], str)
                 and len(clean(row[c])) > 3 and not is_figure(row[c])]
        filled = sum(1 for row in rows if clean(row[c]))
        if len(texts) >= 2 and len(texts) * 2 >= filled:
            found.append((len(texts), sum(map(len, texts)) / len(texts), c))
    if not found:
        return None
    found.sort(reverse=True)
    if len(found) > 1 and found[0][0] == found[1][0] and found[1][1] >= 0.8 * found[0][1]:
        raise Refused(_two_name_columns(grid, top, found[0][2], found[1][2]))
    return found[0][2]


def _two_name_columns(grid: Grid, top: int, a: int, b: int) -> str:
    from etl.read import cell_ref

    def shown(c: int) -> str:
        letter = "".join(ch for ch in cell_ref(grid, top, c).split("!")[-1] if ch.isalpha())
        first = next(clean(row[c]) for row in grid.rows[top + 1:] if clean(row[c]))
        return f"cột {letter} ('{first}')"

    left, right = sorted((a, b))
    return (f"Hai cột không có tiêu đề đều có thể là cột tên chỉ tiêu: {shown(left)} và "
            f"{shown(right)}. Hãy ghi tiêu đề 'Chỉ tiêu' (hoặc 'Địa phương') cho cột tên rồi "
            "nạp lại.")


def title_and_unit(grid: Grid, top: int) -> tuple[str, str | None]:
    """The title lines above the header row `top` (and a stray 'Đơn vị tính: …' cell's unit):
    the sheet's first rows, or those after the signature block of a table above on the sheet
    (its title and figures are another table's)."""
    lines: list[str] = []
    unit: str | None = None
    for row in grid.rows[_own_title_start(grid, top):top]:
        for v in row:
            if not isinstance(v, str):
                continue
            text = clean(vietnamese_part(v))
            if not text:
                continue
            m = UNIT_HINT.match(text) or _BARE_UNIT.match(text)
            if m:
                unit = clean(m[1]).rstrip(".")
            elif text not in lines:
                lines.append(text)
    return "\n".join(lines), unit


def _own_title_start(grid: Grid, top: int) -> int:
    """The first row of the title of the table headed at `top`: after the last signature line
    that follows a data block (two rows with numbers) above it, else the sheet's first row. A
    date line in the letterhead ('Đức Trọng, ngày 10 tháng 7 năm 2024') has no figures above."""
    start, figure_rows = 0, 0
    for r, row in enumerate(grid.rows[:top]):
        if count_figures(row):
            figure_rows += 1
        elif figure_rows >= 2 and signed_cell(row):
            start = r + 1
    return start
