"""`python -m etl export --format phuluc`: the official appendix layout, and the round trip —
every seed locality and period written as a phụ lục and loaded back gives the same figures."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from etl.build import SEED_DIR, build_database
from etl.cli import main
from etl.phuluc import FONT_NAME, HEADERS

# An uncatalogued name's id hashes its group heading, which the flat appendix does not write
# ('Rừng đặc dụng' under 'Nông nghiệp, …'): such a row is compared by its name as written.
# The unit as the phụ lục writes it ('Bác sĩ/1 vạn dân' is written 'bác sĩ/1 vạn dân').
FIGURES = ("CASE WHEN catalogued THEN indicator_id ELSE indicator_as_written END",
           "shown_unit(unit)",
           "target_op", "target_low", "target_high", "actual_op",
           "actual_value", "actual_is_estimate", "reported_status", "pct_target", "pct_prev")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed reports only (the issue's "every seed locality"): the ministry's by-province
    tables name sub-columns under a group whose name a one-column appendix cannot carry."""
    return build_database(tmp_path_factory.mktemp("phuluc") / "demo.duckdb", force=True,
                          seed_dirs=(SEED_DIR,))


def _pairs(db: Path) -> list[tuple[str, str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT DISTINCT locality_id, locality, period FROM "
                           "current_observations ORDER BY 1, 3").fetchall()
    finally:
        con.close()


def _figures(db: Path, locality_id: str, period: str) -> set[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(f"SELECT {', '.join(FIGURES)} FROM current_observations "
                           "WHERE locality_id = ? AND period = ?", [locality_id, period]).fetchall()
    finally:
        con.close()
    return {tuple(None if isinstance(v, float) and math.isnan(v) else
                  round(v, 6) if isinstance(v, float) else v for v in row) for row in rows}


def _export(db: Path, locality: str, period: str, out: Path) -> int:
    return main(["export", "--format", "phuluc", "--locality", locality, "--period", period,
                 "--db", str(db), "--out", str(out)])


def test_every_seed_locality_and_period_round_trips(demo, tmp_path, capsys):
    """Each locality × period of the demo, exported and loaded into an empty database without
    --locality or --period (the title rows say them), has the same figures as the original."""
    pairs = _pairs(demo)
    assert len({locality for _, locality, _ in pairs}) >= 15  # the four seed units and the xã
    for index, (locality_id, locality, period) in enumerate(pairs):
        out = tmp_path / f"phu_luc_{index}.xlsx"
        # The id: a name such as 'Xã Liên Hiệp' is shared by units of four provinces.
        assert _export(demo, locality_id, period, out) == 0, capsys.readouterr().err
        again = tmp_path / f"again_{index}.duckdb"
        assert main(["load", str(out), "--db", str(again)]) == 0, capsys.readouterr().err
        assert _figures(again, locality_id, period) == _figures(demo, locality_id, period), (
            locality, period)


def test_the_appendix_has_the_official_layout(demo, tmp_path, capsys):
    """Title rows name the unit and the period; the header is the contract's; Times New Roman."""
    out = tmp_path / "bao_loc.xlsx"
    assert _export(demo, "Thành phố Bảo Lộc", "2021-2023", out) == 0
    assert "Đã ghi phụ lục" in capsys.readouterr().out
    ws = load_workbook(out).active
    assert [ws[f"A{r}"].value for r in (1, 2, 3)] == [
        "UBND THÀNH PHỐ BẢO LỘC", "TỈNH LÂM ĐỒNG", "PHỤ LỤC"]
    assert ws["A4"].value.endswith("GIAI ĐOẠN 2021–2023")
    header = [c.value for c in ws[6]]
    assert tuple(header[:6]) == HEADERS
    rows = {r[1]: r for r in ws.iter_rows(min_row=7, values_only=True)}
    growth = rows["Tốc độ tăng trưởng tổng giá trị sản xuất"]
    assert growth[2:6] == ("%/năm", "8,5-9,5", "7,8", "Chưa đạt")
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value}
    assert fonts == {FONT_NAME}


def test_estimates_say_so_and_budget_percentages_have_their_columns(demo, tmp_path):
    """Đức Trọng 6 tháng 2023: 'Ước 730.734' triệu đồng, 41 % of plan, 84 % of cùng kỳ."""
    out = tmp_path / "duc_trong.xlsx"
    assert _export(demo, "Huyện Đức Trọng", "2023-H1", out) == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[6]]
    assert "% so với kế hoạch" in header and "% so với cùng kỳ" in header
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=7, values_only=True)]
    total = next(r for r in rows if r["CHỈ TIÊU"] == "Tổng thu ngân sách nhà nước trên địa bàn")
    assert total["ĐVT"] == "triệu đồng"
    assert total["% so với kế hoạch"] == "41" and total["% so với cùng kỳ"] == "84"


def test_a_commune_title_names_its_district_and_province(demo, tmp_path, capsys):
    """'Xã Liên Hiệp' exists in four provinces: the title carries 'HUYỆN ĐỨC TRỌNG, TỈNH LÂM
    ĐỒNG', so loading the file back finds the Lâm Đồng one without --locality."""
    out = tmp_path / "lien_hiep.xlsx"
    assert _export(demo, "Xã Liên Hiệp, Huyện Đức Trọng", "2023-H1", out) == 0
    ws = load_workbook(out).active
    assert ws["A2"].value == "HUYỆN ĐỨC TRỌNG, TỈNH LÂM ĐỒNG"
    again = tmp_path / "again.duckdb"
    assert main(["load", str(out), "--db", str(again)]) == 0, capsys.readouterr().err
    con = duckdb.connect(str(again), read_only=True)
    try:
        assert con.execute("SELECT DISTINCT locality FROM current_observations").fetchall() == [
            ("Xã Liên Hiệp",)]
    finally:
        con.close()


def test_a_period_without_data_is_refused_and_writes_nothing(demo, tmp_path, capsys):
    out = tmp_path / "none.xlsx"
    assert _export(demo, "Huyện Đức Trọng", "2019", out) == 2
    assert "Chưa có số liệu của Huyện Đức Trọng" in capsys.readouterr().err
    assert not out.exists()


def test_phuluc_needs_locality_period_and_out(demo, capsys):
    assert main(["export", "--format", "phuluc", "--db", str(demo)]) == 2
    assert "--locality, --period và --out" in capsys.readouterr().err


def test_an_in_year_appendix_sets_each_result_beside_the_year_plan(demo, tmp_path):
    """Đức Trọng 6 tháng 2023: the half year's own target (disbursement 'trên 50%') in Chỉ
    tiêu, and the 2023 plan in a column of its own (QA: an in-year appendix showed no plan at
    all); loading the appendix back puts each under its period again."""
    out = tmp_path / "duc_trong_h1.xlsx"
    assert _export(demo, "Huyện Đức Trọng", "2023-H1", out) == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[6]]
    assert tuple(header[:6]) == HEADERS and header[6] == "Kế hoạch năm 2023"
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=7, values_only=True)]
    planned = [r for r in rows if r["Kế hoạch năm 2023"]]
    assert planned and all(r["Kết quả thực hiện"] for r in planned)
    again = tmp_path / "again.duckdb"
    assert main(["load", str(out), "--db", str(again)]) == 0
    assert _figures(again, demo_id(demo, "Huyện Đức Trọng"), "2023-H1") == _figures(
        demo, demo_id(demo, "Huyện Đức Trọng"), "2023-H1")
    con = duckdb.connect(str(again), read_only=True)
    try:
        plans = con.execute("SELECT count(target_text) FROM current_observations "
                            "WHERE period = '2023'").fetchone()[0]
    finally:
        con.close()
    assert plans == len(planned)


def demo_id(db: Path, name: str) -> str:
    return next(i for i, locality, _ in _pairs(db) if locality == name)
