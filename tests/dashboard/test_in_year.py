"""An in-year report judged against the year's plan: a commune's "Kế hoạch năm 2024 | Thực hiện
6 tháng" (targets on 2024, results on 2024-H1) opens on Đạt chỉ tiêu, each result beside the
year's target, amounts and counts by tiến độ and says so, rates shown beside the year's target
but not judged (DESIGN.md, tiến độ); Tổng quan's card counts the same way (dashboard.progress)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl.accounts import Actor
from etl.pipeline import load_file
from tests.dashboard.test_pages import run, texts
from tests.workbook import write_xlsx

HEADER = ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện 6 tháng", "Đánh giá")
HALF_YEAR = [
    ("UBND XÃ TÀ NĂNG",), ("PHỤ LỤC",),
    ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2024",), (),
    HEADER,
    ("1", "Tổng thu ngân sách nhà nước trên địa bàn", "triệu đồng", 10000, 990, None),
    ("2", "Tổng chi ngân sách địa phương", "triệu đồng", 9000, 4000, None),
    ("3", "Tổng diện tích gieo trồng", "ha", 1000, 800, None),
    ("4", "Số lao động được giải quyết việc làm", "lao động", 200, 100, None),
    ("5", "Tỷ lệ hộ nghèo", "%", "< 2", "1,8", None),
    ("6", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "≥ 95", "90", None),
    ("7", "Tốc độ tăng trưởng tổng giá trị sản xuất", "%", "8 - 9", "9,5", None),
    ("8", "Tỷ lệ lao động qua đào tạo", "%", "70", "70", "Chưa đạt"),
    ("9", "Số vụ tai nạn giao thông", "vụ", "< 10", 3, None),
]


@pytest.fixture
def commune(monkeypatch, demo_db: Path, tmp_path: Path) -> str:
    """The demo database plus the commune's half-year report, loaded through the ETL; returns
    the commune's id."""
    db = Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))
    load_file(write_xlsx(tmp_path / "ta_nang_6_thang_2024.xlsx", HALF_YEAR), db,
              actor=Actor.local_operator(), locality="Xã Tà Năng")
    monkeypatch.setenv("CHITIEU_DB", str(db))
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT locality_id FROM batches ORDER BY id DESC LIMIT 1").fetchone()[0]
    finally:
        con.close()


def _verdicts(at) -> dict[str, str]:
    """Indicator -> its verdict against the year's plan (else the report's), over the tables."""
    out = {}
    for table in at.dataframe:
        frame = table.value
        for _, row in frame.iterrows():
            against = row.get("So với kế hoạch năm 2024", "–")
            out[row["Chỉ tiêu"]] = row["Báo cáo"] if against == "–" else against
    return out


def test_dat_chi_tieu_opens_the_half_year_against_the_year_plan(commune):
    at = run("dat_chi_tieu", dia_phuong=commune, ky="2024-H1")
    assert at.query_params["ky"] == "2024-H1"  # the address is kept, not moved to 2024
    shown = texts(at)
    assert "Kỳ này mới có mục tiêu" not in shown
    assert "**3/5 chỉ tiêu đạt hoặc đúng tiến độ so với kế hoạch năm 2024**" in shown
    assert "6 tháng đầu năm 2024: kết quả được đánh giá so với kế hoạch năm 2024" in shown
    verdicts = _verdicts(at)
    assert verdicts["Tổng thu ngân sách nhà nước trên địa bàn"] == "✗ Chậm tiến độ"  # 9,9 %
    assert verdicts["Tổng diện tích gieo trồng"] == "▲ Vượt tiến độ"  # 80 % at 50 %
    assert verdicts["Số lao động được giải quyết việc làm"] == "✓ Đúng tiến độ"
    assert verdicts["Số vụ tai nạn giao thông"] == "▲ Vượt tiến độ"  # lower is better
    # rates: beside the year's target, not judged until the year's own result
    for rate in ("Tỷ lệ hộ nghèo", "Tỷ lệ dân số tham gia bảo hiểm y tế",
                 "Tốc độ tăng trưởng tổng giá trị sản xuất"):
        assert verdicts[rate] == "–", rate
    # spending is shown against the time elapsed, not judged
    assert verdicts["Tổng chi ngân sách địa phương"] == "–"


def test_each_result_stands_beside_the_year_target(commune):
    at = run("dat_chi_tieu", dia_phuong=commune, ky="2024-H1")
    rows = {r["Chỉ tiêu"]: r for t in at.dataframe for _, r in t.value.iterrows()}
    revenue = rows["Tổng thu ngân sách nhà nước trên địa bàn"]
    assert revenue["Kế hoạch năm 2024"] == "10.000" and revenue["Thực hiện"] == "990"
    assert revenue["Tiến độ"] == "9,9% kế hoạch năm, mốc 50% năm"
    assert rows["Tỷ lệ hộ nghèo"]["Kế hoạch năm 2024"] == "< 2"


def test_the_reported_verdict_of_the_period_still_wins(commune):
    """70 % against a year target of 70 computes Đạt; the report says Chưa đạt: its word wins."""
    at = run("dat_chi_tieu", dia_phuong=commune, ky="2024-H1")
    rows = {r["Chỉ tiêu"]: r for t in at.dataframe for _, r in t.value.iterrows()}
    trained = rows["Tỷ lệ lao động qua đào tạo"]
    assert trained["Báo cáo"] == "✗ Chưa đạt" and trained["So với kế hoạch năm 2024"] == "–"


def test_tong_quan_card_counts_the_half_year_like_the_scorecard(commune):
    at = run("tong_quan", dia_phuong=commune, ky="2024-H1")
    shown = texts(at)
    assert "3/5 chỉ tiêu đạt hoặc đúng tiến độ so với kế hoạch năm 2024" in shown
    assert "✗ 1 Chậm tiến độ" in shown and "9,9% dự toán" in shown
    assert "Kế hoạch năm 2024: 8 - 9%" in shown  # the growth card's year target, beside it
    assert "Chưa đánh giá: tỷ lệ giữa năm, chờ kết quả cả năm" in shown


def test_demo_half_year_of_duc_trong_is_judged_by_progress(use_db, demo_ids):
    """79 results, of which the revenue, the sown area and the disbursement rate can be judged:
    not '0/1 chỉ tiêu'."""
    at = run("dat_chi_tieu", dia_phuong=demo_ids["Huyện Đức Trọng"], ky="2023-H1")
    shown = texts(at)
    assert "0/1 chỉ tiêu" not in shown
    assert "**1/4 chỉ tiêu đạt hoặc đúng tiến độ so với kế hoạch năm 2023**" in shown


def test_deck_scorecard_says_it_is_against_the_year_plan(use_db, demo_ids):
    """Trình chiếu's scorecard slide counts the half year as Đạt chỉ tiêu does, in its words."""
    from dashboard import queries, slides

    data = slides.load_deck(queries.data_version(), demo_ids["Huyện Đức Trọng"], "2023-H1")
    title = slides.build_slides(data, ["dat_chi_tieu"])[0].title
    assert title.startswith("6 tháng đầu năm 2023: 1/4 chỉ tiêu đạt hoặc đúng tiến độ so với "
                            "kế hoạch năm 2023")


NINE_MONTHS = [
    ("UBND XÃ TÀ NĂNG",), ("PHỤ LỤC KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 9 THÁNG NĂM 2024",), (),
    ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện 9 tháng", "Đánh giá"),
    ("1", "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", "12.500", "7.250,75", "Vượt"),
    ("2", "Tỷ lệ hộ nghèo", "%", "1,5%", "1,8%", "Chưa đạt"),
]


@pytest.fixture
def nine_months(monkeypatch, demo_db: Path, tmp_path: Path) -> str:
    """QA's commune file: its own 'Đánh giá' says Vượt of a revenue at 58 % of the year's
    plan after 75 % of the year."""
    db = Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))
    load_file(write_xlsx(tmp_path / "ta_nang_9_thang_2024.xlsx", NINE_MONTHS), db,
              actor=Actor.local_operator(), locality="Xã Tà Năng")
    monkeypatch.setenv("CHITIEU_DB", str(db))
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT locality_id FROM batches ORDER BY id DESC LIMIT 1").fetchone()[0]
    finally:
        con.close()


def test_a_reported_verdict_against_the_progress_is_flagged(nine_months):
    """The report's word still wins, but Tổng quan and Đạt chỉ tiêu say the figures disagree:
    the card showed '▲ Vượt' beside '58% dự toán · Mốc thời gian 75% năm' and nothing else,
    and the table computed 'Không xác định'."""
    shown = texts(run("tong_quan", dia_phuong=nine_months, ky="2024-9M"))
    assert "⚠ Lệch: báo cáo ▲ Vượt, tính toán ✗ Chậm tiến độ" in shown
    assert "Đánh giá theo báo cáo; tỷ lệ giữa năm" in shown  # poverty: the report judged it
    assert "Chưa đánh giá: tỷ lệ giữa năm" not in shown
    at = run("dat_chi_tieu", dia_phuong=nine_months, ky="2024-9M")
    rows = {r["Chỉ tiêu"]: r for t in at.dataframe for _, r in t.value.iterrows()}
    revenue = next(r for name, r in rows.items() if "thu ngân sách" in name.lower())
    assert (revenue["Báo cáo"], revenue["Tính toán"], revenue["Lệch"]) == (
        "▲ Vượt", "✗ Chậm tiến độ", "⚠ Lệch")
