"""The upload template (mẫu nhập liệu): an Excel workbook in the long layout the reader already
understands, for staff to fill in without help.

Three sheets: 'Số liệu' (the data: Địa phương | Kỳ | Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện |
Đánh giá | Mã ĐVHC, header styled and frozen, drop-downs for indicator, unit and status; the
official code is optional and tells apart the many communes that share a name), 'Hướng dẫn'
(what each column means, period codes, number and range formats, statuses) and a hidden
'Danh mục' holding the drop-down lists (a list longer than 255 characters cannot be written
inside the validation itself, so the validations refer to its ranges).

The pre-filled variant carries rows (one locality and period, the targets as the database holds
them, results empty). `which_table` recognises the template by its sheet names and reads only
'Số liệu'; `is_empty_data` lets it refuse a template with no rows in words staff understand.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from etl.template_sheets import DATA_SHEET, GUIDE_SHEET, LISTS_SHEET, is_empty_data, is_template

__all__ = [
    "DATA_SHEET", "GUIDE_SHEET", "LISTS_SHEET", "HEADERS", "STATUSES", "TemplateRow",
    "template_workbook", "template_bytes", "is_template", "is_empty_data",
]

HEADERS = ("Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá",
           "Mã ĐVHC")
STATUSES = ("Đạt", "Chưa đạt", "Vượt")
_WIDTHS = (26, 12, 60, 14, 18, 18, 14, 12)
_BLANK_ROWS = 5000  # rows the drop-downs cover below the header (and below pre-filled rows)
_FONT = "Times New Roman"
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_COPIED_FILL = PatternFill("solid", fgColor="FFF2CC")


@dataclass(frozen=True)
class TemplateRow:
    """One pre-filled row: the target as written in the database; `copied_from` is the label
    of the period the target was taken from when it is not the template's own period."""

    locality: str
    period: str
    indicator: str
    unit: str = ""
    target: str = ""
    copied_from: str | None = None
    code: str = ""  # Mã ĐVHC: 'Xã Bình Thạnh' alone names nine communes


def template_workbook(indicators: Sequence[tuple[str, str | None]],
                      rows: Sequence[TemplateRow] = ()) -> Workbook:
    """The template: `indicators` are the catalog's (name, unit) pairs for the drop-downs;
    `rows` pre-fill the data sheet (none for the blank template)."""
    wb = Workbook()
    data = wb.active
    data.title = DATA_SHEET
    _data_sheet(data, rows)
    _guide_sheet(wb.create_sheet(GUIDE_SHEET))
    names, units = _lists(wb.create_sheet(LISTS_SHEET), indicators)
    _validations(data, names, units, last_row=len(rows) + 1 + _BLANK_ROWS)
    wb.active = 0
    return wb


def template_bytes(indicators: Sequence[tuple[str, str | None]],
                   rows: Sequence[TemplateRow] = ()) -> bytes:
    """The template as the bytes of an .xlsx file (for a download button or `--out`)."""
    buffer = io.BytesIO()
    template_workbook(indicators, rows).save(buffer)
    return buffer.getvalue()


# --- the data sheet -----------------------------------------------------------------------


def _data_sheet(ws: Worksheet, rows: Sequence[TemplateRow]) -> None:
    ws.append(list(HEADERS))
    for c, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
        cell = ws.cell(1, c)
        cell.font = Font(name=_FONT, bold=True, color="FFFFFF", size=12)
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}1"
    for r, row in enumerate(rows, start=2):
        values = (row.locality, row.period, row.indicator, row.unit, row.target, "", "",
                  row.code)
        for c, value in enumerate(values, start=1):
            _text_cell(ws, r, c, value)
        if row.copied_from and row.target:
            target = ws.cell(r, 5)
            target.fill = _COPIED_FILL
            target.comment = Comment(f"Chép từ kế hoạch {row.copied_from}; sửa lại nếu kế hoạch "
                                     "kỳ này khác.", "Chỉ Tiêu")
    # Kỳ as text, so that Excel keeps '2021-2025' and '2024-9M' as typed (a column style, not
    # cells: the sheet's filled rows stay the only rows, and openpyxl's append writes below them).
    # Mã ĐVHC likewise keeps its leading zero ('01').
    for column in ("B", "H"):
        ws.column_dimensions[column].number_format = "@"


def _text_cell(ws: Worksheet, r: int, c: int, value: str) -> None:
    """A cell holding `value` as text, never a formula (a name beginning with '=')."""
    if not value:
        return
    cell = ws.cell(r, c, value)
    cell.data_type = "s"
    cell.font = Font(name=_FONT, size=12)


# --- drop-downs ---------------------------------------------------------------------------


def _lists(ws: Worksheet,
           indicators: Sequence[tuple[str, str | None]]) -> tuple[str | None, str | None]:
    """Write the catalog's names (column A) and distinct units (column B) on the hidden list
    sheet; returns the two absolute ranges the validations refer to (None for an empty list)."""
    names = sorted({name for name, _ in indicators if name})
    units = sorted({unit for _, unit in indicators if unit})
    ws.append(["Chỉ tiêu trong danh mục", "Đơn vị tính"])
    for r in range(max(len(names), len(units))):
        for c, values in ((1, names), (2, units)):
            if r < len(values):
                _text_cell(ws, r + 2, c, values[r])
    ws.sheet_state = "hidden"
    quoted = f"'{LISTS_SHEET}'"
    return (f"{quoted}!$A$2:$A${len(names) + 1}" if names else None,
            f"{quoted}!$B$2:$B${len(units) + 1}" if units else None)


def _validations(ws: Worksheet, names: str | None, units: str | None, last_row: int) -> None:
    """Drop-downs on Chỉ tiêu, ĐVT and Đánh giá. A name or unit outside the list is allowed
    after a warning (a new indicator is kept under its own name); so is another wording of a
    status ('Không đạt')."""
    lists = (
        ("C", names, "Chỉ tiêu chưa có trong danh mục",
         "Tên này chưa có trong danh mục; vẫn nhận, và sẽ được ghi là chỉ tiêu mới."),
        ("D", units, "Đơn vị tính khác danh mục",
         "Đơn vị này không có trong danh sách; kiểm tra lại trước khi gửi."),
        ("G", '"' + ",".join(STATUSES) + '"', "Đánh giá",
         "Nên chọn Đạt, Chưa đạt hoặc Vượt."),
    )
    for column, formula, title, message in lists:
        if formula is None:
            continue
        rule = DataValidation(type="list", formula1=formula, allow_blank=True,
                              errorStyle="warning", showErrorMessage=True,
                              errorTitle=title, error=message)
        rule.add(f"{column}2:{column}{last_row}")
        ws.add_data_validation(rule)


# --- the guide ----------------------------------------------------------------------------

_GUIDE = (
    ("Cột", "Ý nghĩa", "Ví dụ"),
    ("Địa phương", "Tên đơn vị hành chính như thường viết, mỗi dòng một đơn vị. Tên trùng ở "
     "nhiều tỉnh (Phường 1) thì thêm cột Tỉnh hoặc Mã ĐVHC.", "Huyện Đức Trọng; Xã Đức Trọng"),
    ("Kỳ", "Kỳ báo cáo theo mã: năm, 6 tháng đầu/cuối năm (H1/H2), quý (Q1…Q4), 9 tháng (9M), "
     "giai đoạn hoặc nhiệm kỳ.", "2024; 2024-H1; 2024-H2; 2024-Q3; 2024-9M; 2021-2025"),
    ("Chỉ tiêu", "Tên chỉ tiêu: chọn trong danh sách thả xuống (danh mục chỉ tiêu). Tên khác "
     "vẫn được nhận và ghi là chỉ tiêu mới.", "Tỷ lệ hộ nghèo"),
    ("ĐVT", "Đơn vị tính, chọn trong danh sách hoặc ghi như báo cáo.", "%; triệu đồng; tỷ đồng"),
    ("Kế hoạch", "Chỉ tiêu kế hoạch (dự toán) của kỳ. Một số, một khoảng, hoặc một ngưỡng.",
     "1.234,5; 6 - 7; ≥ 2; > 64; < 18; ≤ 0,2"),
    ("Thực hiện", "Kết quả thực hiện (quyết toán, ước thực hiện) của kỳ; để trống nếu chưa có.",
     "1.250; 7,2; Ước 95"),
    ("Đánh giá", "Đánh giá như báo cáo ghi (không bắt buộc: hệ thống tự tính từ kế hoạch và "
     "thực hiện).", "Đạt; Chưa đạt; Vượt"),
    ("Mã ĐVHC", "Mã đơn vị hành chính (không bắt buộc): ghi khi tên địa phương trùng với nơi "
     "khác.", "678; 24970"),
)

_NOTES = (
    "Số viết theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân "
    "(1.234,5 là một nghìn hai trăm ba mươi bốn phẩy năm). Ô Excel đã là số thì giữ nguyên.",
    "Khoảng viết có gạch nối: 6 - 7 hoặc 8,5-9,5. Ngưỡng viết bằng dấu: ≥ 2 (từ 2 trở lên), "
    "> 64 (trên 64), ≤ 0,2 (từ 0,2 trở xuống), < 18 (dưới 18).",
    "Mỗi dòng là một chỉ tiêu của một địa phương trong một kỳ; không gộp ô, không để dòng tổng.",
    "Chỉ điền ở trang «Số liệu», từ dòng 2; trang này và trang danh mục không được nạp.",
    "Ô kế hoạch tô vàng (mẫu điền sẵn) là kế hoạch chép từ kỳ trước: sửa lại nếu kỳ này khác.",
    "Nạp tệp ở trang Nhập dữ liệu: hệ thống cho xem trước từng dòng, chỉ ghi khi bấm Ghi.",
)


def _guide_sheet(ws: Worksheet) -> None:
    ws.append(["HƯỚNG DẪN ĐIỀN MẪU NHẬP SỐ LIỆU CHỈ TIÊU"])
    ws.cell(1, 1).font = Font(name=_FONT, bold=True, size=14)
    ws.append([])
    for r, row in enumerate(_GUIDE, start=3):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c, value)
            cell.font = Font(name=_FONT, size=12, bold=r == 3)
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    start = len(_GUIDE) + 4
    ws.cell(start, 1, "Lưu ý").font = Font(name=_FONT, bold=True, size=12)
    for r, note in enumerate(_NOTES, start=start + 1):
        ws.cell(r, 1, f"• {note}").font = Font(name=_FONT, size=12)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        ws.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 32
    for c, width in enumerate((16, 70, 44), start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
