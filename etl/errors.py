"""Errors the ETL raises on purpose: `Refused` is bad input, reported to the user (exit 2).

A refusal states the problem only (`message`, in Vietnamese, naming no flag or form field) and
says in structured fields which input would fix it (`field`), why (`reason`, a short stable
code) and where (`row`, `column`). Each audience renders its own advice from its own table:
the command line's words are `CLI_ADVICE` here (so `str(err)` is the CLI's full text), the
upload page's live in `dashboard/refusals.py`. A cell a message quotes ('…' or «…») is cut to a
readable length when rendered: a header can be a whole paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from etl.text import QUOTE_LIMIT, shortened

__all__ = ["Refused", "FIELDS", "CLI_ADVICE", "advice", "render"]

# The inputs a person can give to fix a refusal: CLI flags, and the upload form's boxes.
FIELDS = frozenset({"locality", "period", "sheet", "header_row", "column"})

# The command line's advice, keyed by a refusal's reason, else by its field; `{example}` is
# the refusal's example value. The one place in etl/ (with etl/cli.py) naming the flags.
CLI_ADVICE: Mapping[str, str] = {
    "no_locality": 'Hãy ghi rõ bằng --locality (ví dụ --locality "{example}").',
    "no_period": 'Hãy ghi rõ bằng --period (ví dụ --period "{example}").',
    "locality_per_row": "Hãy bỏ --locality, hoặc sửa địa phương trong tệp.",
    "period_per_row": "Hãy bỏ --period, hoặc sửa kỳ trong tệp.",
    "no_table": "Chọn bảng bằng --sheet.",
    "no_numbers": "Hoặc chọn bảng khác bằng --sheet.",
    "one_sheet": "Tệp chỉ có một trang tính, «{example}», nên không có trang khác để chọn: hãy "
                 "kiểm tra đã chọn đúng tệp, hoặc ghi dòng tiêu đề bằng --header-row và vai trò "
                 "các cột bằng --column.",
    "only_sheet": 'Tệp chỉ có trang «{example}»: hãy bỏ --sheet, hoặc --sheet "{example}".',
    "not_a_table_file": "Chỉ đọc được bảng trong tệp Excel (.xlsx, .xlsm, .xlsb, .xls), "
                        "OpenDocument (.ods), Word (.docx, các bảng trong văn bản) và tệp văn bản "
                        "dạng bảng (.csv, .tsv, .txt: mỗi dòng một hàng, các cột cách nhau bằng "
                        "dấu tab, chấm phẩy hoặc phẩy). Nếu tệp là báo cáo viết thành lời văn, "
                        "hãy dán bảng chỉ tiêu của báo cáo vào Excel hoặc vào một bảng trong "
                        "Word rồi nạp tệp đó.",
    "staff_needs_locality": "Hãy ghi địa phương bằng --locality TÊN.",
    "locality_not_for_role": "Hãy bỏ địa phương (--locality).",
    "bad_column": "Ví dụ --column E=actual.",
    "locality": "Hãy ghi rõ bằng --locality.",
    "period": "Hãy ghi rõ bằng --period.",
    "sheet": "Hãy chọn bằng --sheet.",
    "header_row": "Hãy ghi dòng tiêu đề bằng --header-row.",
    "column": "Hãy ghi vai trò của cột bằng --column CỘT=vai trò.",
}


# Quotes are paired in order (every quote read, short ones kept), so the text between two
# quoted cells is never taken for one.
_QUOTED = re.compile(r"(?<!\w)'([^']*)'(?!\w)|«([^»]*)»")


class Refused(Exception):
    """Input the loader will not accept.

    `message` is in Vietnamese (staff read it in the upload page and the CLI) and names the
    row, column or reason so the file can be fixed; `field` is the input that would fix it
    (one of FIELDS), `reason` a stable code, `row` the sheet's row number and `column` its
    letter where known, `example` a value to give, `inner` the refusal this one summarises
    (its advice is rendered first), `candidates` the ids or names that would fit.
    """

    def __init__(self, message: str, *, reason: str = "", field: str | None = None,
                 row: int | None = None, column: str | None = None,
                 candidates: list[str] | None = None, example: str = "",
                 inner: Refused | None = None) -> None:
        if field is not None and field not in FIELDS:
            raise ValueError(f"unknown refusal field {field!r}")
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.field = field
        self.row = row
        self.column = column
        self.candidates = list(candidates or [])
        self.example = example
        self.inner = inner

    def but(self, **changes: object) -> Refused:
        """The same refusal (same class and fields) with `changes` (message, field, row …)."""
        fields = {"message": self.message, "reason": self.reason, "field": self.field,
                  "row": self.row, "column": self.column, "candidates": self.candidates,
                  "example": self.example, "inner": self.inner}
        fields.update(changes)
        message = fields.pop("message")
        return type(self)(message, **fields)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return render(self, CLI_ADVICE)


def advice(err: Refused, table: Mapping[str, str]) -> str:
    """The audience's advice for `err`: by its reason, else by its field, else none."""
    template = table.get(err.reason) or (table.get(err.field, "") if err.field else "")
    return template.format(example=err.example)


def _quotes_cut(message: str) -> str:
    """`message` with each quoted text longer than `QUOTE_LIMIT` cut in its middle."""
    def cut(found: re.Match[str]) -> str:
        text = found.group(1) if found.group(1) is not None else found.group(2)
        if len(" ".join(text.split())) <= QUOTE_LIMIT:
            return found.group(0)
        return f"'{shortened(text)}'" if found.group(1) is not None else f"«{shortened(text)}»"
    return _QUOTED.sub(cut, message)


def render(err: Refused, table: Mapping[str, str]) -> str:
    """The problem (quoted cells cut short) followed by the advice (the summarised refusal's
    first) from `table`."""
    parts = [_quotes_cut(err.message), advice(err.inner, table) if err.inner else "",
             advice(err, table)]
    return " ".join(part for part in parts if part)
