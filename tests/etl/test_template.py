"""The upload template (etl/template.py): its sheets, header and drop-downs as Excel sees them
(read back with openpyxl), and the round trip — a template filled in with openpyxl loads
through the CLI and the pipeline to the figures written, the guide and lists passed over, and an
empty template refused in Vietnamese."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from etl import template
from etl.cli import main
from etl.errors import Refused
from etl.template import TemplateRow, template_bytes
from tests.seed import SEED, prepare

CATALOG = [(ind.name, ind.unit) for ind in map(SEED.get, SEED.frame()["id"])]
GROWTH = "Tốc độ tăng trưởng tổng giá trị sản xuất"
POVERTY = "Tỷ lệ hộ nghèo"


def _blank(path: Path) -> Path:
    path.write_bytes(template_bytes(CATALOG))
    return path


def _fill(path: Path, rows: list[list[object]]) -> Path:
    """Type rows into the data sheet from row 2, as staff would in Excel (None: leave the cell
    as it is)."""
    wb = load_workbook(path)
    ws = wb[template.DATA_SHEET]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    wb.save(path)
    return path


def _stored(db: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT indicator_id, locality_id, period, target_op, target_low, target_high, "
            "actual_value, reported_status, unit FROM current_rows").fetchall()
    finally:
        con.close()
    return {row[0]: row[1:] for row in rows}


def test_blank_template_has_data_guide_and_hidden_list_sheets(tmp_path):
    wb = load_workbook(_blank(tmp_path / "mau.xlsx"))
    assert wb.sheetnames == ["Số liệu", "Hướng dẫn", "Danh mục"]
    assert [ws.sheet_state for ws in wb] == ["visible", "visible", "hidden"]
    data = wb["Số liệu"]
    assert [c.value for c in data[1]] == ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch",
                                          "Thực hiện", "Đánh giá", "Mã ĐVHC"]
    assert data.max_row == 1  # no row below the header until someone types one
    assert data.freeze_panes == "A2" and data["A1"].font.bold
    assert data.column_dimensions["C"].width == 60
    guide = " ".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    for words in ("2024-H1", "2024-9M", "2021-2025", "1.234,5", "6 - 7", "≥ 2", "Chưa đạt"):
        assert words in guide


def test_drop_downs_refer_to_the_catalog_lists_on_the_hidden_sheet(tmp_path):
    wb = load_workbook(_blank(tmp_path / "mau.xlsx"))
    lists = wb["Danh mục"]
    names = [c.value for c in lists["A"][1:] if c.value]
    units = [c.value for c in lists["B"][1:] if c.value]
    assert names == sorted({name for name, _ in CATALOG}) and GROWTH in names
    assert {"%", "tỷ đồng"} <= set(units) and len(units) == len(set(units))
    assert len(",".join(names)) > 255  # why the list cannot sit inside the validation
    rules = {str(v.sqref): v for v in wb["Số liệu"].data_validations.dataValidation}
    assert rules["C2:C5001"].formula1 == f"'Danh mục'!$A$2:$A${len(names) + 1}"
    assert rules["D2:D5001"].formula1 == f"'Danh mục'!$B$2:$B${len(units) + 1}"
    assert rules["G2:G5001"].formula1 == '"Đạt,Chưa đạt,Vượt"'
    assert {v.type for v in rules.values()} == {"list"}
    assert {v.errorStyle for v in rules.values()} == {"warning"}  # a new name is still allowed


def test_a_blank_template_is_refused_as_having_no_rows(tmp_path, capsys):
    path = _blank(tmp_path / "mau_trong.xlsx")
    with pytest.raises(Refused, match="chưa có dòng số liệu nào"):
        prepare(path)
    assert main(["load", str(path), "--db", str(tmp_path / "ct.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "mau_trong.xlsx là mẫu nhập liệu nhưng chưa có dòng số liệu nào" in err
    assert "Traceback" not in err and not (tmp_path / "ct.duckdb").exists()


def test_a_filled_template_loads_through_the_cli(tmp_path, capsys):
    path = _fill(_blank(tmp_path / "mau.xlsx"), [
        ["Huyện Đức Trọng", "2024", GROWTH, "%", "8,5 - 9,5", "9,1", "Đạt"],
        ["Huyện Đức Trọng", "2024", POVERTY, "%", "≤ 2", "1,85", None],
        ["Huyện Đức Trọng", "2024-H1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng",
         "1.234,5", "650", None],
    ])
    db = tmp_path / "ct.duckdb"
    assert main(["load", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Đã nạp lô 1: 3 số liệu" in out
    assert "mẫu nhập liệu: đã đọc trang 'Số liệu', bỏ qua trang 'Hướng dẫn' và 'Danh mục'" in out
    stored = _stored(db)
    assert stored["growth_total"] == ("H63-678", "2024", "range", 8.5, 9.5, 9.1, "Đạt", "%")
    assert stored["poverty_rate"] == ("H63-678", "2024", "<=", None, 2.0, 1.85, None, "%")
    revenue = next(v for v in stored.values() if v[1] == "2024-H1")
    assert revenue[2:6] == ("=", 1234.5, 1234.5, 650.0)


def test_prefilled_rows_load_back_as_written(tmp_path):
    rows = [TemplateRow("Xã Bình Thạnh", "2025", GROWTH, "%", "Tăng 6 - 7", code="24970"),
            TemplateRow("Xã Bình Thạnh", "2025", "=cmd|' /C calc'!A0", "", "≥ 2",
                        copied_from="Năm 2024", code="24970")]
    path = tmp_path / "dien_san.xlsx"
    path.write_bytes(template_bytes(CATALOG, rows))
    wb = load_workbook(path)
    data = wb["Số liệu"]
    assert data["C3"].data_type == "s"  # a name that looks like a formula stays text
    assert data["E3"].comment.text.startswith("Chép từ kế hoạch Năm 2024")
    assert data["E2"].comment is None
    records = prepare(_fill(path, [[None] * 5 + ["6,4"]])).table.records
    # 'Xã Bình Thạnh' names nine communes; the code says which one
    assert {r.locality_id for r in records} == {"X63-24970"}
    assert [(r.indicator_id, r.target.text, r.actual.text if r.actual else None)
            for r in records][0] == ("growth_total", "Tăng 6 - 7", "6,4")
    assert records[1].indicator_as_written == "=cmd|' /C calc'!A0" and not records[1].catalogued


def test_the_template_is_read_whatever_sheet_is_active(tmp_path):
    path = _fill(_blank(tmp_path / "mau.xlsx"),
                 [["Huyện Đức Trọng", "2024", POVERTY, "%", "≤ 2", "1,85"]])
    wb = load_workbook(path)
    wb.move_sheet("Hướng dẫn", offset=-1)
    wb.active = 0
    wb.save(path)
    prepared = prepare(path)
    assert prepared.sheet == "Số liệu" and len(prepared.table.records) == 1


def test_the_cli_writes_the_blank_template(tmp_path, capsys):
    out = tmp_path / "mau.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    assert f"Đã ghi mẫu nhập liệu trống vào {out}" in capsys.readouterr().out
    assert out.read_bytes()[:2] == b"PK"
    lists = load_workbook(out)["Danh mục"]
    assert [c.value for c in lists["A"][1:] if c.value] == sorted({n for n, _ in CATALOG})
    assert main(["template", "--out", str(tmp_path / "khong_co" / "mau.xlsx")]) == 2


def test_an_empty_catalog_leaves_only_the_status_drop_down(tmp_path):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(template_bytes([]))
    rules = load_workbook(path)["Số liệu"].data_validations.dataValidation
    assert [str(v.sqref) for v in rules] == ["G2:G5001"]
