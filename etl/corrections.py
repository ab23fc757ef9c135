"""What a person says about a table instead of the detector's guess: the sheet row its header
starts on and the role of some columns (by sheet column letter). `etl.layout.detect` honours
them; they are checked here first, refused in Vietnamese naming the row or column, and written
into the batch's options the way the CLI flags are (`--header-row 4 --column E=actual`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from etl import read
from etl.errors import Refused
from etl.periods import find_periods
from etl.read import Grid, column_letters
from etl.text import fold

__all__ = ["ROLES", "ROLE_WORDS", "SINGLE_ROLES", "Corrections", "parse_column_flag", "header_top",
           "check_letters", "apply_roles", "options", "header_cells", "figures_left"]

# Every role a column may be given, in the order a form offers them; 'other' is "not read".
ROLES = ("name", "stt", "unit", "target", "actual", "status", "pct_target", "pct_prev", "note",
         "locality", "period", "province", "code", "value", "other")
# What each role is called where people read it (the upload form, refusals).
ROLE_WORDS = {
    "name": "Tên chỉ tiêu", "stt": "Số thứ tự", "unit": "Đơn vị tính",
    "target": "Kế hoạch / chỉ tiêu", "actual": "Thực hiện", "status": "Đánh giá",
    "pct_target": "% so với kế hoạch", "pct_prev": "% so với cùng kỳ", "note": "Ghi chú",
    "locality": "Địa phương", "period": "Kỳ", "province": "Tỉnh, thành phố", "code": "Mã ĐVHC",
    "value": "Số liệu một chỉ tiêu, bảng theo địa phương", "other": "Không đọc cột này",
}
# Roles one column at most can hold: a column given one by hand takes it from the guessed one.
SINGLE_ROLES = ("name", "stt", "unit", "locality", "period", "province", "code")
_MEASURES = ("target", "actual", "status", "pct_target", "pct_prev")
_FIGURES = (*_MEASURES, "value")      # columns whose cells are loaded as the row's figures
_TARGET_OR_RESULT = ("target", "actual", "value")
_LETTERS = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class Corrections:
    """`header_row`: sheet row number (1 = the sheet's first row) of the header's first row;
    `roles`: sheet column letter → role (one of ROLES)."""

    header_row: int | None = None
    roles: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        roles = {str(k).strip().upper(): str(v).strip() for k, v in self.roles.items()}
        for letter, role in roles.items():
            if not _LETTERS.match(letter):
                raise Refused(f"'{letter}' không phải tên cột (cần chữ cái như B, E, AA).")
            if role not in ROLES:
                raise Refused(f"Cột {letter}: không có vai trò '{role}'; chọn một trong: "
                              + ", ".join(f"{r} ({ROLE_WORDS[r]})" for r in ROLES) + ".")
        taken: dict[str, str] = {}
        for letter, role in sorted(roles.items()):
            if role in SINGLE_ROLES and role in taken:
                raise Refused(f"Cột {taken[role]} và cột {letter} cùng được chọn là "
                              f"«{ROLE_WORDS[role]}»: chỉ một cột giữ vai trò này.")
            taken[role] = letter
        if self.header_row is not None and self.header_row < 1:
            raise Refused(f"Dòng tiêu đề {self.header_row} không có: dòng đầu của trang là 1.")
        object.__setattr__(self, "roles", roles)

    def __bool__(self) -> bool:
        return self.header_row is not None or bool(self.roles)


def parse_column_flag(flag: str) -> tuple[str, str]:
    """'E=actual' → ('E', 'actual'), for the CLI's --column."""
    letter, sep, role = flag.partition("=")
    if not sep or not letter.strip() or not role.strip():
        raise Refused(f"Vai trò cột '{flag}': cần dạng CỘT=vai trò.", reason="bad_column",
                      field="column")
    return letter.strip().upper(), role.strip()


def header_top(grid: Grid, header_row: int) -> int:
    """The grid row a sheet row number stands for; refused when the table has no such row."""
    top = header_row - 1 - grid.origin[0]
    if not 0 <= top < len(grid.rows):
        first, last = grid.origin[0] + 1, grid.origin[0] + len(grid.rows)
        raise Refused(f"Dòng tiêu đề {header_row} nằm ngoài bảng (bảng có các dòng "
                      f"{max(first, 1)}–{last}).")
    return top


def check_letters(grid: Grid, corrections: Corrections) -> None:
    """Every corrected column is a column of the table."""
    width = len(grid.rows[0]) if grid.rows else 0
    letters = [column_letters(grid.origin[1] + c) for c in range(width)]
    for letter in corrections.roles:
        if letter not in letters:
            span = f"{letters[0]}–{letters[-1]}" if letters else "không có cột nào"
            raise Refused(f"Không có cột {letter} trong bảng (các cột {span}).")


def apply_roles(columns: list, roles: dict[str, str]) -> None:
    """Give each corrected column its role (with the period and estimate its header states, as
    the detector would); a single role given by hand is taken from the column guessed for it."""
    given = {roles[c.letter] for c in columns if c.letter in roles}
    for col in columns:
        role = roles.get(col.letter)
        if role is None:
            if col.role in SINGLE_ROLES and col.role in given:
                col.role = "other"
            continue
        col.role = role
        periods = find_periods(col.header)
        col.period = periods[-1] if periods and role in _MEASURES else None
        col.estimate = role == "actual" and "uoc" in fold(col.header)
        col.prior = getattr(col, "prior", False) and role == "actual"  # last year's, as a result


def options(corrections: Corrections | None) -> list[tuple[str, str]]:
    """(flag, value) pairs for the batch's options, as the CLI would have been called."""
    if not corrections:
        return []
    pairs = [("--header-row", str(corrections.header_row))] if corrections.header_row else []
    return pairs + [("--column", f"{letter}={role}")
                    for letter, role in sorted(corrections.roles.items())]


def header_cells(path: Path, sheet: str | None, header_row: int) -> list[tuple[str, str]]:
    """(column letter, header text) of one sheet row, for a person to give roles to the columns
    of a table the reader could not make out."""
    from etl.header_words import header_text

    grid = read.read_grid(path, sheet or None)
    row = grid.rows[header_top(grid, header_row)]
    return [(column_letters(grid.origin[1] + c), header_text(v)) for c, v in enumerate(row)]


def figures_left(columns: Sequence[tuple[str, str, str]], roles: Mapping[str, str]) -> str | None:
    """What a person's column roles leave the table without, said in Vietnamese, or None.

    `columns` are (letter, header, role guessed), `roles` letter → role chosen (an empty choice
    keeps the guess). Said only once a role is chosen, and only when no column is left for the
    result (Thực hiện) nor the target, or none for figures at all; it names the columns a
    figure role was taken from."""
    if not any(roles.values()):
        return None
    role_of = {letter: roles.get(letter) or guess for letter, _, guess in columns}
    if any(role in _TARGET_OR_RESULT for role in role_of.values()):
        return None
    taken = [f"cột {letter} · {header or 'không có tiêu đề'} đang là "
             f"«{ROLE_WORDS[role_of[letter]]}»" for letter, header, guess in columns
             if guess in _FIGURES and role_of[letter] in ROLES and role_of[letter] not in _FIGURES]
    why = f" ({'; '.join(taken)})" if taken else ""
    left = [f"«{ROLE_WORDS[role]}» (cột {letter})" for letter, role in role_of.items()
            if role in _FIGURES]
    if not left:
        return ("Với vai trò cột đã chọn, bảng không còn cột số liệu nào: không có cột «Thực "
                f"hiện», cột «Kế hoạch / chỉ tiêu» hay cột số liệu khác{why}. Hãy chọn vai trò "
                "cho cột số liệu.")
    return ("Với vai trò cột đã chọn, bảng không có cột «Thực hiện» và cũng không có cột «Kế "
            f"hoạch / chỉ tiêu»{why}: chỉ còn {', '.join(left)}, nên không có kết quả hay chỉ "
            "tiêu kế hoạch nào để đánh giá.")
