"""In-year progress (tiến độ): a 9-month result against the year's dự toán × 75 %, spending not
judged as revenue, and the export's computed_status left as the verdict of the target's period."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard.progress import AHEAD, BEHIND, ON_TRACK, progress_verdict
from etl.accounts import Actor
from etl.export import current_frame
from etl.pipeline import load_file
from tests.dashboard.test_pages import cells, run, texts
from tests.workbook import write_xlsx

NINE_MONTHS = [
    ("UBND HUYỆN ĐỨC TRỌNG",), ("PHỤ LỤC",),
    ("MỘT SỐ CHỈ TIÊU ƯỚC THỰC HIỆN 9 THÁNG NĂM 2023",), (),
    ("STT", "Chỉ tiêu", "ĐVT", "Dự toán năm 2023", "Ước TH 9 tháng", "% so cùng kỳ"),
    ("1", "Tổng thu NSNN trên địa bàn huyện", "triệu đồng", 1780000, 1352800, 105),
    ("2", "Tổng chi ngân sách địa phương", "triệu đồng", 1400000, 700000, 112),
    ("3", "Giải quyết việc làm", "lao động", 3000, 1200, None),
]


@pytest.mark.parametrize(("pct", "expected", "direction", "verdict"), [
    (76, 75, "up", ON_TRACK),  # 76 % of the year's dự toán when 75 % of the year has gone
    (41, 50, "up", BEHIND),
    (90, 75, "up", AHEAD),
    (68, 75, "up", ON_TRACK),
    (20, 50, "down", AHEAD),  # lower is better: well under the pro-rata line
    (39, 50, None, None),  # spending: shown against the time elapsed, not judged
])
def test_progress_verdict(pct, expected, direction, verdict):
    assert progress_verdict(pct, expected, direction) == verdict


@pytest.fixture
def nine_months(monkeypatch, demo_db: Path, tmp_path: Path, demo_ids) -> str:
    """The demo database plus a real 9-month workbook (dự toán năm beside ước 9 tháng) loaded
    through the ETL; returns Đức Trọng's id."""
    db = Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))
    load_file(write_xlsx(tmp_path / "duc_trong_9_thang.xlsx", NINE_MONTHS), db,
              actor=Actor.local_operator())
    monkeypatch.setenv("CHITIEU_DB", str(db))
    return demo_ids["Huyện Đức Trọng"]


def test_nine_months_at_76_percent_is_on_track(nine_months):
    """Tổng quan: 76 % of the year's dự toán at 9 months reads đúng tiến độ, not Chưa đạt."""
    at = run("tong_quan", dia_phuong=nine_months, ky="2023-9M")
    shown = texts(at)
    assert "✓ Đúng tiến độ" in shown and "76% dự toán" in shown
    assert "Mốc thời gian 75% năm" in shown
    assert "Chưa đạt" not in shown


def test_budget_page_judges_revenue_by_progress_not_spending(nine_months):
    """Thu ngân sách: revenue on track, spending at 50 % shown but not judged."""
    at = run("thu_ngan_sach", dia_phuong=nine_months, ky="2023-9M", don_vi="trieu")
    table = at.dataframe[0].value
    verdicts = dict(zip(table["Khoản"], table["Đánh giá"], strict=True))
    assert verdicts["Tổng thu ngân sách nhà nước trên địa bàn"] == "✓ Đúng tiến độ"
    assert "tiến độ" not in verdicts["Tổng chi ngân sách địa phương"]
    assert "Chưa đạt" not in " ".join(verdicts.values()) and "✗ Chậm tiến độ" not in cells(at)


def test_export_keeps_the_verdict_of_the_targets_own_period(nine_months, monkeypatch):
    """The export judges the year's dự toán only against the year's own result (none yet)."""
    con = duckdb.connect(os.environ["CHITIEU_DB"], read_only=True)
    try:
        frame = current_frame(con)
    finally:
        con.close()
    rows = frame[(frame["indicator"] == "Tổng thu ngân sách nhà nước trên địa bàn")
                 & (frame["locality"] == "Huyện Đức Trọng")
                 & frame["period"].isin(["2023", "2023-9M"])]
    assert dict(zip(rows["period"], rows["computed_status"], strict=True)) == {
        "2023": "Không xác định", "2023-9M": "Không xác định"}
