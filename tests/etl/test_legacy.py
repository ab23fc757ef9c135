"""Legacy Vietnamese encodings (TCVN3 / .VnTime, VNI / VNI-Times): detected by font and by
characters, converted to Unicode on every reader, or refused naming the encoding — never
stored as mojibake. Files are written here with openpyxl, python-docx and raw csv bytes."""

from __future__ import annotations

import csv
import io

import docx
import duckdb
import openpyxl
import pytest

from etl.accounts import Actor
from etl.cli import main
from etl.errors import Refused
from etl.pipeline import commit
from etl.read import read_grid
from etl.read._legacy import detect, encoding_of_font, to_unicode
from tests.etl import tables
from tests.seed import prepare
from tests.workbook import legacy_text, write_legacy_xlsx, write_xlsx

PLAN_NAMES = [row[1] for row in tables.PLAN_2022_ROWS
              if row[3] is not None and row != tables.PLAN_2022_HEADER]
TITLE_ROWS = {i: ".VnTimeH" for i in range(len(tables.PLAN_2022_TITLE))}


@pytest.mark.parametrize(("legacy", "encoding", "unicode"), [
    ("Gi¶i quyÕt viÖc lµm", "tcvn3", "Giải quyết việc làm"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
    ("Tû lÖ hé nghÌo", "tcvn3", "Tỷ lệ hộ nghèo"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
])
def test_known_legacy_strings_convert(legacy, encoding, unicode):
    assert to_unicode(legacy, encoding) == unicode


def test_unicode_text_in_a_legacy_font_is_left_alone():
    assert to_unicode("Giải quyết việc làm", "tcvn3") == "Giải quyết việc làm"
    assert to_unicode("Kế hoạch", "vni") == "Kế hoạch"


@pytest.mark.parametrize(("font", "encoding"), [
    (".VnTime", "tcvn3"), (".VnArialH", "tcvn3"), (".vntimeh", "tcvn3"),
    ("VNI-Times", "vni"), ("VNI-Helve", "vni"), ("Times New Roman", None), (None, None),
])
def test_encoding_of_font(font, encoding):
    assert encoding_of_font(font) == encoding


def _names(prepared) -> list[str]:
    return [r.indicator_as_written for r in prepared.table.records]


@pytest.mark.parametrize(("font", "encoding", "title_fonts"), [
    (".VnTime", "tcvn3", TITLE_ROWS),
    ("VNI-Times", "vni", None),
])
def test_plan_typed_in_a_legacy_font_loads_as_unicode(tmp_path, font, encoding, title_fonts):
    path = write_legacy_xlsx(tmp_path / "plan.xlsx", tables.plan_2022(), font, encoding,
                             row_fonts=title_fonts)
    prepared = prepare(path)
    assert prepared.table.locality_id == "H63-678"  # 'UBND HUYỆN ĐỨC TRỌNG' read from the title
    assert prepared.table.period == "2022"
    assert _names(prepared) == PLAN_NAMES
    jobs = next(r for r in prepared.table.records if r.indicator_as_written.startswith("Giải"))
    assert jobs.unit == "lao động"
    assert any("TCVN3" in n or "VNI" in n for n in prepared.table.notes)


def test_tcvn3_upper_font_title_reads_in_capitals(tmp_path):
    path = write_legacy_xlsx(tmp_path / "t.xlsx", [["UBND HUYỆN ĐỨC TRỌNG"], ["Giải quyết"]],
                             ".VnTime", "tcvn3", row_fonts={0: ".VnTimeH"})
    assert read_grid(path).rows == [["UBND HUYỆN ĐỨC TRỌNG"], ["Giải quyết"]]


def test_legacy_text_without_a_legacy_font_is_detected_by_its_characters(tmp_path):
    path = write_legacy_xlsx(tmp_path / "plan.xlsx", tables.plan_2022(), None, "tcvn3")
    grid = read_grid(path)
    assert grid.legacy.converted.get("tcvn3", 0) > 10
    prepared = prepare(path)
    assert _names(prepared) == [n.replace("ỦY", "ủy") for n in PLAN_NAMES]
    assert prepared.table.locality_id == "H63-678"


def test_unicode_workbook_is_not_touched(tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", tables.plan_2022())
    grid = read_grid(path)
    assert grid.legacy.converted == {} and grid.legacy.suspected is None


def _tcvn3_csv(tmp_path):
    rows = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
            ["Huyện Đức Trọng", "2023", "Giải quyết việc làm", "lao động", "4.000", "4.250"],
            ["Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "0,24", "0,2"],
            ["Huyện Đức Trọng", "2023", "Trường học đạt chuẩn quốc gia", "trường", "2", "3"]]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "long_tcvn3.csv"
    path.write_bytes(legacy_text(buffer.getvalue(), "tcvn3").encode("cp1252"))
    return path


def test_tcvn3_csv_loads_and_exports_as_unicode(tmp_path, capsys):
    path, db = _tcvn3_csv(tmp_path), tmp_path / "ct.duckdb"
    assert "¶" in path.read_bytes().decode("cp1252")
    assert main(["load", str(path), "--db", str(db)]) == 0
    assert "TCVN3" in capsys.readouterr().out
    assert main(["export", "--db", str(db)]) == 0
    exported = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["indicator_as_written"] for r in exported} == {
        "Giải quyết việc làm", "Tỷ lệ hộ nghèo", "Trường học đạt chuẩn quốc gia"}
    assert {r["locality"] for r in exported} == {"Huyện Đức Trọng"}
    assert {r["unit"] for r in exported} == {"lao động", "%", "trường"}


def test_docx_with_vntime_runs(tmp_path):
    document = docx.Document()
    document.add_paragraph().add_run(legacy_text("UBND HUYỆN ĐỨC TRỌNG", "tcvn3")).font.name = (
        ".VnTimeH")
    document.add_paragraph().add_run(
        legacy_text("Kết quả thực hiện năm 2023", "tcvn3")).font.name = ".VnTime"
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
            ["1", "Giải quyết việc làm", "lao động", "4.000", "4.250"],
            ["2", "Tỷ lệ hộ nghèo", "%", "0,24", "0,2"]]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            run = table.cell(r, c).paragraphs[0].add_run(legacy_text(value, "tcvn3"))
            run.font.name = ".VnTime"
    path = tmp_path / "bao_cao.docx"
    document.save(path)
    prepared = prepare(path)
    assert _names(prepared) == ["Giải quyết việc làm", "Tỷ lệ hộ nghèo"]
    assert (prepared.table.locality_id, prepared.table.period) == ("H63-678", "2023")
    jobs = prepared.table.records[0]
    assert (jobs.unit, jobs.target.low, jobs.actual.low) == ("lao động", 4000, 4250)


def test_text_mixing_tcvn3_and_vni_is_refused_naming_the_encodings(tmp_path, capsys):
    rows = [["UBND HUYỆN ĐỨC TRỌNG", None, None, None], ["Kế hoạch năm 2023", None, None, None],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"]]
    names = ["Giải quyết việc làm", "Tỷ lệ hộ nghèo", "Cộng hoà xã hội"]
    for n, name in enumerate(names):
        rows.append([n + 1, legacy_text(name, "tcvn3"), "%", 2])
        rows.append([n + 10, legacy_text(name, "vni"), "%", 3])
    path = write_xlsx(tmp_path / "mixed.xlsx", rows)
    with pytest.raises(Refused, match="TCVN3 hoặc VNI") as caught:
        prepare(path)
    assert any(legacy_text(name, "tcvn3") in caught.value.message for name in names)
    db = tmp_path / "ct.duckdb"
    assert main(["load", str(path), "--db", str(db)]) == 2
    assert "bảng mã" in capsys.readouterr().err
    if db.exists():
        with duckdb.connect(str(db)) as con:
            assert con.execute("select count(*) from observations").fetchone()[0] == 0


def test_tcvn3_csv_committed_holds_no_mojibake(tmp_path):
    prepared = prepare(_tcvn3_csv(tmp_path))
    with duckdb.connect(str(tmp_path / "ct.duckdb")) as con:
        commit(con, prepared, Actor.local_operator())
        names = {n for (n,) in con.execute(
            "select indicator_as_written from observations").fetchall()}
    assert names and not any(ch in "".join(names) for ch in "¶ÕÖµ¸¹")


def test_xls_cells_in_a_vntime_font_convert(tmp_path):
    """Legacy .xls files (Excel 97-2003, written here by xlwt) carry the font per cell."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("PL")
    body, title = xlwt.easyxf("font: name .VnTime"), xlwt.easyxf("font: name .VnTimeH")
    for r, row in enumerate(tables.plan_2022()):
        style = title if r < len(tables.PLAN_2022_TITLE) else body
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write(r, c, legacy_text(value, "tcvn3"), style)
            elif value is not None:
                sheet.write(r, c, value)
    path = tmp_path / "plan.xls"
    book.save(str(path))
    prepared = prepare(path)
    assert prepared.table.locality_id == "H63-678"
    assert _names(prepared) == PLAN_NAMES


@pytest.mark.parametrize("suffix", ["xls", "xlsx"])
def test_short_text_is_converted_by_its_font_alone(tmp_path, suffix):
    """'Cã' and 'Tªn' are too little for detection by characters: only the font tells."""
    rows = [["Cã", "Tªn", "Times"], [1, 2, 3]]
    path = tmp_path / f"t.{suffix}"
    if suffix == "xls":
        import xlwt

        book = xlwt.Workbook()
        sheet = book.add_sheet("S")
        for c, value in enumerate(rows[0]):
            font = ".VnTime" if c < 2 else "Times New Roman"
            sheet.write(0, c, value, xlwt.easyxf(f"font: name {font}"))
        book.save(str(path))
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        book.active.append(rows[0])
        for c, cell in enumerate(book.active[1]):
            cell.font = Font(name=".VnTime" if c < 2 else "Times New Roman")
        book.save(path)
    assert read_grid(path).rows[0] == ["Có", "Tên", "Times"]


def test_legacy_cells_pasted_into_a_unicode_table_convert_alone(tmp_path):
    rows = tables.plan_2022() + [
        [20, legacy_text("Giải quyết việc làm cho lao động nông thôn", "tcvn3"), "%", "95"],
        [21, legacy_text("Tỷ lệ hộ được sử dụng nước hợp vệ sinh", "tcvn3"), "%", "98"],
        [22, "Có", "%", "1"],
    ]
    grid = read_grid(write_xlsx(tmp_path / "mixed.xlsx", rows))
    names = [row[1] for row in grid.rows[-3:]]
    assert names == ["Giải quyết việc làm cho lao động nông thôn",
                     "Tỷ lệ hộ được sử dụng nước hợp vệ sinh", "Có"]


@pytest.mark.parametrize(("texts", "encoding"), [
    (["Báo cáo kết quả thực hiện nhiệm vụ năm 2023", "Phụ lục chỉ tiêu kinh tế xã hội"],
     "tcvn3"),
    (["Báo cáo kết quả thực hiện nhiệm vụ năm 2023", "Phụ lục chỉ tiêu kinh tế xã hội"], "vni"),
    (["Tỷ lệ hộ nghèo"], "tcvn3"),
    (["Giải quyết việc làm"], "vni"),
])
def test_detect_names_the_encoding_of_short_texts(texts, encoding):
    assert detect({legacy_text(t, encoding) for t in texts}) == encoding


@pytest.mark.parametrize("texts", [
    ["Größe übermäßig Straße Müller Schäfer Köln Düsseldorf Fußgänger"],  # German, not legacy
    [legacy_text(t, e) for t in ("Giải quyết việc làm", "Tỷ lệ hộ nghèo", "Cộng hoà xã hội")
     for e in ("tcvn3", "vni")],  # both encodings in one file
])
def test_detect_declines_what_is_not_one_legacy_encoding(texts):
    assert detect(set(texts)) is None


def test_legacy_sheet_titles_are_named_in_unicode(tmp_path):
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Bia"
    book.active.append([legacy_text("Báo cáo kết quả thực hiện nhiệm vụ năm 2023", "tcvn3")])
    sheet = book.create_sheet("PL")
    for row in tables.plan_2022():
        sheet.append([legacy_text(v, "tcvn3") if isinstance(v, str) else v for v in row])
    book.save(path)
    prepared = prepare(path)
    assert prepared.sheet == "PL"
    assert any("Bia ('Báo cáo kết quả thực hiện nhiệm vụ năm 2023')" in n
               for n in prepared.table.notes)
