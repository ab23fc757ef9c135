"""How a refusal of the ETL reads on the pages: its problem, then advice naming the form's
box that would fix it (the command line names its flags instead, from `etl.errors`)."""

from __future__ import annotations

from collections.abc import Mapping

from etl.errors import Refused, render

__all__ = ["PAGE_ADVICE", "refused_upload", "said"]

# The pages' advice, keyed by a refusal's reason, else by its field (see etl.errors.FIELDS);
# `{example}` is the refusal's example value.
PAGE_ADVICE: Mapping[str, str] = {
    "no_locality": "Hãy ghi ở ô «Địa phương» (ví dụ {example}).",
    "no_period": "Hãy ghi ở ô «Kỳ» (ví dụ {example}).",
    "locality_per_row": "Hãy để trống ô «Địa phương», hoặc sửa địa phương trong tệp.",
    "period_per_row": "Hãy để trống ô «Kỳ», hoặc sửa kỳ trong tệp.",
    "no_table": "Chọn bảng ở ô «Trang tính».",
    "no_numbers": "Hoặc chọn bảng khác ở ô «Trang tính».",
    "one_sheet": "Tệp chỉ có một trang tính, «{example}», nên không có trang khác để chọn: hãy "
                 "kiểm tra đã chọn đúng tệp, hoặc ghi dòng tiêu đề ở ô «Dòng tiêu đề» và vai trò "
                 "các cột trong mục «Cách đọc tệp».",
    "only_sheet": "Tệp chỉ có trang «{example}»: hãy chọn trang đó ở ô «Trang tính».",
    # The uploader's types (dashboard.upload.ACCEPTED_TYPES), the readers' own.
    "not_a_table_file": "Chỉ đọc được bảng trong tệp Excel (.xlsx, .xlsm, .xlsb, .xls), "
                        "OpenDocument (.ods), Word (.docx, các bảng trong văn bản) và tệp văn bản "
                        "dạng bảng (.csv, .tsv, .txt: mỗi dòng một hàng, các cột cách nhau bằng "
                        "dấu tab, chấm phẩy hoặc phẩy). Nếu tệp là báo cáo viết thành lời văn, "
                        "hãy dán bảng chỉ tiêu của báo cáo vào Excel hoặc vào một bảng trong Word "
                        "rồi tải tệp đó lên.",
    "staff_needs_locality": "Hãy ghi ở ô «Địa phương».",
    "locality_not_for_role": "Hãy để trống ô «Địa phương».",
    "bad_column": "Hãy chọn vai trò ở ô của cột đó.",
    "locality": "Hãy ghi rõ ở ô «Địa phương».",
    "period": "Hãy ghi rõ ở ô «Kỳ».",
    "sheet": "Hãy chọn ở ô «Trang tính».",
    "header_row": "Hãy ghi ở ô «Dòng tiêu đề».",
    "column": "Hãy chọn vai trò ở ô của cột đó.",
}


def said(err: Refused) -> str:
    """The refusal as a page shows it."""
    return render(err, PAGE_ADVICE)


def refused_upload(file_name: str, message: str) -> str:
    """The upload page's line for a refused file, naming the file once: most refusals already
    start 'Tệp bao_cao.xlsx …' (the command line needs the name), the others get it here."""
    if file_name in message:
        return f"Không nhận tệp. {message}"
    return f"Không nhận tệp {file_name}: {message}"
