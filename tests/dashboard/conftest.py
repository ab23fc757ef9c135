"""A tiny Chỉ Tiêu database for the dashboard tests, built from code in one place.

`build_fixture_db(path)` runs `etl/schema.sql` and inserts rows that mirror the seed reports
(Huyện Đức Trọng 2021/2022/2023-H1, Thành phố Bảo Lộc 2021-2023, Thị xã Đức Phổ, Xã Đức Trọng).
When the real build exists, swap it for `etl.build.build_database(path)`.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from etl.periods import parse_code

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "etl" / "schema.sql"

DT, BL, DP, XDT = "H63-678", "H63-672", "H51-528", "X34-24958"
LOCALITIES = [
    ("T63-68", "68", "Tỉnh Lâm Đồng", "Lâm Đồng", "tỉnh", "tỉnh", "VN", "Lâm Đồng"),
    (DT, "678", "Huyện Đức Trọng", "Đức Trọng", "huyện", "huyện", "T63-68", "Lâm Đồng"),
    (BL, "672", "Thành phố Bảo Lộc", "Bảo Lộc", "thành phố", "huyện", "T63-68", "Lâm Đồng"),
    (DP, "528", "Thị xã Đức Phổ", "Đức Phổ", "thị xã", "huyện", "T63-51", "Quảng Ngãi"),
    (XDT, "24958", "Xã Đức Trọng", "Đức Trọng", "xã", "xã", "T34-68", "Lâm Đồng"),
]

KT, NS, VH, MT, QP, XD = (
    "kinh tế", "ngân sách", "văn hóa – xã hội", "môi trường", "quốc phòng – an ninh",
    "xây dựng Đảng",
)
# id, name, parent, unit, direction, domain, kind, notes
INDICATORS = [
    ("growth_total", "Tăng trưởng giá trị sản xuất", None, "%", "up", KT, "growth",
     "giá so sánh 2010"),
    ("growth_agri", "Tăng trưởng nông, lâm nghiệp và thủy sản", "growth_total", "%", "up", KT,
     "growth", "giá so sánh 2010"),
    ("growth_industry", "Tăng trưởng công nghiệp", "growth_total", "%", "up", KT, "growth", None),
    ("growth_construction", "Tăng trưởng xây dựng", "growth_total", "%", "up", KT, "growth",
     None),
    ("growth_industry_construction", "Tăng trưởng công nghiệp – xây dựng", "growth_total", "%",
     "up", KT, "growth", None),
    ("growth_services", "Tăng trưởng dịch vụ", "growth_total", "%", "up", KT, "growth", None),
    ("production_value", "Tổng giá trị sản xuất", None, "tỷ đồng", "up", KT, "amount", None),
    ("sown_area", "Diện tích gieo trồng", None, "ha", "up", KT, "level", None),
    ("export_growth", "Tăng trưởng kim ngạch xuất khẩu", None, "%/năm", "up", KT, "growth", None),
    ("budget_revenue_total", "Tổng thu NSNN trên địa bàn", None, "triệu đồng", "up", NS,
     "amount", None),
    ("budget_revenue_local", "Thu NSNN do địa phương quản lý", "budget_revenue_total",
     "triệu đồng", "up", NS, "amount", None),
    ("budget_revenue_tax_fee", "Thu thuế, phí", "budget_revenue_total", "triệu đồng", "up", NS,
     "amount", None),
    ("budget_spending_local", "Tổng chi ngân sách địa phương", None, "triệu đồng", None, NS,
     "amount", None),
    ("budget_revenue_growth", "Tốc độ tăng thu NSNN bình quân", None, "%/năm", "up", NS, "growth",
     None),
    ("tax_fee_growth", "Tốc độ tăng thu thuế, phí bình quân", None, "%/năm", "up", NS, "growth",
     None),
    ("jobs", "Giải quyết việc làm", None, "lao động", "up", VH, "count", None),
    ("trained_labour", "Tỷ lệ lao động qua đào tạo", None, "%", "up", VH, "rate", None),
    ("poverty_rate", "Tỷ lệ hộ nghèo", None, "%", "down", VH, "rate", "chuẩn nghèo đa chiều"),
    ("poverty_rate_ethnic", "Tỷ lệ hộ nghèo đồng bào dân tộc thiểu số", "poverty_rate", "%",
     "down", VH, "rate", "chuẩn nghèo đa chiều"),
    ("poor_households", "Số hộ nghèo", None, "hộ", "down", VH, "count", None),
    ("near_poor_households", "Số hộ cận nghèo", None, "hộ", "down", VH, "count", None),
    ("natural_pop_growth", "Tỷ lệ tăng dân số tự nhiên", None, "%", "down", VH, "rate", None),
    ("health_insurance", "Tỷ lệ bảo hiểm y tế toàn dân", None, "%", "up", VH, "rate", None),
    ("doctors", "Số bác sĩ/1 vạn dân", None, "bác sĩ", "up", VH, "level", None),
    ("hospital_beds", "Số giường bệnh/1 vạn dân", None, "giường bệnh", "up", VH, "level", None),
    ("cultural_households", "Tỷ lệ hộ gia đình văn hóa", None, "%", "up", VH, "rate", None),
    ("clean_water_urban", "Tỷ lệ hộ nội thị dùng nước hợp vệ sinh", None, "%", "up", MT, "rate",
     None),
    ("tap_water", "Tỷ lệ hộ dùng nước máy", None, "%", "up", MT, "rate", None),
    ("waste_collection", "Tỷ lệ thu gom, xử lý rác thải đô thị", None, "%", "up", MT, "rate",
     None),
    ("forest_cover", "Tỷ lệ che phủ rừng", None, "%", "up", MT, "rate", None),
    ("party_org_good", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", None, "%", "up", XD,
     "rate", None),
    ("party_admission", "Kết nạp đảng viên mới", None, "đảng viên", "up", XD, "count", None),
]

# id, file_name, layout, title, loaded_at, locality, period, state
BATCHES = [
    (1, "002_c7c87d5997a4d916.txt", "phu_luc", "PHỤ LỤC CHỈ TIÊU KẾ HOẠCH NĂM 2022",
     datetime(2025, 11, 20, 8, 0), DT, None, "active"),
    (2, "001_d624cf7b7f1f25b3.txt", "long", "Báo cáo 6 tháng đầu năm 2023",
     datetime(2025, 11, 20, 8, 5), DT, "2023-H1", "active"),
    (3, "bao_loc_giua_ky_cu.xlsx", "phu_luc", "KẾT QUẢ THỰC HIỆN (bản cũ)",
     datetime(2025, 11, 20, 9, 0), BL, "2021-2023", "rolled_back"),
    (4, "003_fc28039f31bd1fb8.txt", "phu_luc", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU",
     datetime(2025, 11, 21, 9, 30), BL, None, "active"),
    (5, "004_a71a103cd29e4914.txt", "long", "Kết luận giữa nhiệm kỳ 2020–2025",
     datetime(2025, 11, 21, 10, 0), DP, None, "active"),
    (6, "000_4a56c0e45e6b5cba.txt", "long", "Nhiệm vụ 2025–2030", datetime(2025, 11, 21, 10, 30),
     XDT, "2025-2030", "active"),
]


def _t(text: str, op: str, low: float | None, high: float | None) -> dict:
    return {"target_text": text, "target_op": op, "target_low": low, "target_high": high}


def _a(text: str, value: float, *, op: str = "=", estimate: bool = False,
       comparable: bool = True) -> dict:
    return {"actual_text": text, "actual_op": op, "actual_value": value,
            "actual_is_estimate": estimate, "actual_comparable": comparable}


def _rng(text: str, low: float, high: float) -> dict:
    return _t(text, "range", low, high)


def _eq(text: str, value: float) -> dict:
    return _t(text, "=", value, value)


# batch, row, locality, period, indicator, as written, unit, measures (target/actual/status …)
OBSERVATIONS = [
    # Huyện Đức Trọng — NQ 04-NQ/HU: 2021 results and the 2022 plan.
    (1, 29, DT, "2021", "growth_agri", "Ngành nông lâm nghiệp và thủy sản tăng", "%",
     _a("5,79", 5.79)),
    (1, 29, DT, "2021", "growth_industry", "Công nghiệp tăng", "%", _a("8,35", 8.35)),
    (1, 29, DT, "2021", "growth_construction", "ngành xây dựng tăng", "%", _a("6,67", 6.67)),
    (1, 29, DT, "2021", "growth_services", "ngành Dịch vụ tăng", "%", _a("6,53", 6.53)),
    (1, 192, DT, "2022", "growth_agri", "Ngành Nông, lâm nghiệp và thuỷ sản", "%",
     _rng("Tăng 6 - 7", 6, 7)),
    (1, 193, DT, "2022", "growth_industry", "Ngành Công nghiệp", "%", _rng("Tăng 9 - 10", 9, 10)),
    (1, 194, DT, "2022", "growth_construction", "Ngành Xây dựng", "%",
     _rng("Tăng 10 - 11", 10, 11)),
    (1, 195, DT, "2022", "growth_services", "Ngành Dịch vụ", "%", _rng("Tăng 10 - 11", 10, 11)),
    (1, 196, DT, "2022", "budget_revenue_local", "Thu NSNN do huyện quản lý", "tỷ đồng",
     _eq("770,4", 770.4)),
    (1, 197, DT, "2022", "jobs", "Giải quyết việc làm", "lao động",
     _rng("4.000-4.500", 4000, 4500)),
    (1, 198, DT, "2022", "trained_labour", "Trong đó, tỷ lệ lao động qua đào tạo", "%",
     _t("> 64", ">", 64, None)),
    (1, 200, DT, "2022", "poverty_rate", "Tỷ lệ hộ nghèo", "%",
     {**_eq("0,24", 0.24), "note": "chuẩn nghèo đa chiều giai đoạn 2021-2025"}),
    (1, 201, DT, "2022", "poverty_rate_ethnic", "Trong đó hộ nghèo dân tộc thiểu số", "%",
     _eq("0,4", 0.4)),
    # Huyện Đức Trọng — report on the first half of 2023 (figures in prose).
    (2, 283, DT, "2023-H1", "budget_revenue_total", "Tổng thu NSNN trên địa bàn huyện",
     "triệu đồng", {**_a("730.734", 730734, estimate=True), "pct_target": 41, "pct_prev": 84}),
    (2, 285, DT, "2023-H1", "budget_revenue_local", "Thu NSNN do huyện quản lý", "triệu đồng",
     {**_a("451.073", 451073), "pct_target": 37, "pct_prev": 68}),
    (2, 287, DT, "2023-H1", "budget_spending_local", "Tổng chi ngân sách địa phương",
     "triệu đồng", {**_a("441.301", 441301, estimate=True), "pct_target": 39, "pct_prev": 127}),
    (2, 300, DT, "2023-H1", "sown_area", "Diện tích gieo trồng", "ha",
     {**_a("36.340", 36340), "pct_target": 64.1, "pct_prev": 101.1}),
    # Thành phố Bảo Lộc — an old import of the mid-term table, rolled back.
    (3, 5, BL, "2021-2023", "growth_total", "Tăng trưởng tổng giá trị sản xuất", "%/năm",
     {**_rng("8,5-9,5", 8.5, 9.5), **_a("7,1", 7.1), "reported_status": "Chưa đạt"}),
    # Thành phố Bảo Lộc — KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU (2021-2023) and footnotes.
    (4, 5, BL, "2021-2023", "growth_total",
     "Tăng trưởng tổng giá trị sản xuất bình quân giai đoạn 2021 -2023", "%/năm",
     {**_rng("8,5-9,5", 8.5, 9.5), **_a("7,8", 7.8), "reported_status": "Chưa đạt"}),
    (4, 6, BL, "2021-2023", "growth_industry_construction",
     "- Khu vực công nghiệp - xây dựng tăng", "%/năm",
     {**_rng("9,5-11", 9.5, 11), **_a("8,5", 8.5), "reported_status": "Chưa đạt"}),
    (4, 7, BL, "2021-2023", "growth_services", "- Khu vực dịch vụ tăng;", "%/năm",
     {**_rng("10-11", 10, 11), **_a("8,8", 8.8), "reported_status": "Chưa đạt"}),
    (4, 8, BL, "2021-2023", "growth_agri", "- Khu vực nông, lâm nghiệp và thuỷ sản tăng.",
     "%/năm", {**_rng("3,5-4,5", 3.5, 4.5), **_a("3", 3), "reported_status": "Chưa đạt"}),
    (4, 9, BL, "2021-2023", "budget_revenue_growth", "Tổng thu ngân sách nhà nước tăng bình quân",
     "%/năm", {**_rng("11-12", 11, 12), **_a("20,4", 20.4), "reported_status": "Đạt"}),
    (4, 10, BL, "2021-2023", "tax_fee_growth", "Trong đó: thuế, phí tăng bình quân", "%/năm",
     {**_rng("12-14", 12, 14), **_a("19,4", 19.4), "reported_status": "Đạt"}),
    (4, 11, BL, "2021-2023", "export_growth", "Tổng kim ngạch xuất khẩu", "%/năm",
     {**_eq("10", 10), **_a("8,5", 8.5), "reported_status": "Chưa đạt"}),
    (4, 13, BL, "2021-2023", "poverty_rate", "Tỷ lệ hộ nghèo", "%",
     {**_eq("0,2 (theo tiêu chí cũ)", 0.2), **_a("0,37", 0.37), "reported_status": "Chưa đạt",
      "note": "theo tiêu chí cũ"}),
    (4, 14, BL, "2021-2023", "natural_pop_growth", "Tỷ lệ tăng dân số tự nhiên", "%",
     {**_t("dưới 1,0", "<", None, 1.0), **_a("0,85", 0.85), "reported_status": "Đạt"}),
    (4, 18, BL, "2021-2023", "health_insurance", "Tỷ lệ bảo hiểm y tế toàn dân đến năm 2023", "%",
     {**_eq("95", 95), **_a("93,3", 93.3), "reported_status": "Chưa đạt"}),
    (4, 20, BL, "2021-2023", "doctors", "Tỷ lệ bác sĩ/1 vạn dân.", "Bác sĩ/1 vạn dân",
     {**_rng("9-10", 9, 10), **_a("10,79", 10.79), "reported_status": "Đạt"}),
    (4, 21, BL, "2021-2023", "hospital_beds", "Có giường bệnh/1 vạn dân.",
     "giường bệnh/1 vạn dân",
     {**_eq("39", 39), **_a("34,11", 34.11), "reported_status": "Chưa đạt"}),
    (4, 22, BL, "2021-2023", "cultural_households", "Tỷ lệ hộ gia đình văn hóa", "%",
     {**_rng("90 – 95", 90, 95), **_a("97,3", 97.3), "reported_status": "Đạt"}),
    (4, 29, BL, "2021-2023", "clean_water_urban",
     "Tỷ lệ hộ dân khu vực nội thị sử dụng nước hợp vệ sinh", "%",
     {**_t("> 98", ">", 98, None), **_a("98", 98), "reported_status": "Đạt"}),
    (4, 30, BL, "2021-2023", "tap_water", "- Sử dụng nước máy", "%",
     {**_t("> 90", ">", 90, None), **_a("54,3", 54.3), "reported_status": "Chưa đạt"}),
    (4, 33, BL, "2021-2023", "waste_collection", "Tỷ lệ thu gom và xử lý rác thải đô thị", "%",
     {**_eq("95", 95), **_a("92", 92), "reported_status": "Chưa đạt"}),
    (4, 34, BL, "2021-2023", "forest_cover", "Tỷ lệ che phủ rừng", "%",
     {**_t("> 6", ">", 6, None), **_a("6,5", 6.5), "reported_status": "Đạt"}),
    (4, 36, BL, "2021-2023", "party_org_good", "Hàng năm, có trên 80% tổ chức cơ sở đảng", "%",
     {**_t("> 80", ">", 80, None), **_a("> 80", 80, op=">"), "reported_status": "Đạt"}),
    (4, 37, BL, "2021-2023", "party_admission", "- Kết nạp được 263 quần chúng ưu tú vào Đảng",
     "đảng viên mới/năm",
     {**_rng("Bình quân kết nạp từ 110 – 120", 110, 120),
      **_a("263 đảng viên/ 3 năm", 263, comparable=False), "reported_status": "Chưa đạt"}),
    (4, 23, BL, "2021", "growth_total", "Năm 2021", "%", _a("4,2", 4.2)),
    (4, 23, BL, "2022", "growth_total", "Năm 2022", "%", _a("9,7", 9.7)),
    (4, 23, BL, "2023", "growth_total", "Năm 2023: ước", "%", _a("ước 9,8", 9.8, estimate=True)),
    (4, 115, BL, "2023", "poor_households", "số hộ nghèo", "hộ", _a("193", 193)),
    (4, 323, BL, "2025", "poverty_rate", "Tỷ lệ hộ nghèo theo tiêu chí mới đến năm 2025", "%",
     _t("dưới 0,20%", "<", None, 0.2)),
    (4, 115, BL, "2023", "near_poor_households", "hộ cận nghèo", "hộ", _a("574", 574)),
    # Thị xã Đức Phổ — mid-term conclusions.
    (5, 24, DP, "2021-2023", "growth_total", "tốc độ tăng trưởng bình quân 03 năm 2021 - 2023",
     "%", _a("7,22", 7.22, estimate=True)),
    (5, 24, DP, "2023-H1", "growth_total", "tổng giá trị sản xuất tăng", "%", _a("13", 13)),
    (5, 24, DP, "2023-H1", "production_value", "tổng giá trị sản xuất", "tỷ đồng",
     {**_a("15.840", 15840), "pct_prev": 113}),
    (5, 24, DP, "2023-H1", "budget_revenue_total", "thu ngân sách tăng so với cùng kỳ", None,
     {"pct_prev": 119.6}),
    (5, 24, DP, "2023-H1", "poverty_rate", "tỷ lệ hộ nghèo đến tháng 6/2023", "%",
     _a("3,62", 3.62)),
    (5, 24, DP, "2023", "poverty_rate", "ước đến cuối năm 2023", "%",
     _a("3,08", 3.08, estimate=True)),
    # Xã Đức Trọng — tasks for 2025–2030 (targets only).
    (6, 21, XDT, "2025-2030", "budget_revenue_growth", "tốc độ tăng tổng thu ngân sách", "%/năm",
     _rng("khoảng 10-11%", 10, 11)),
]

_OBS_COLUMNS = (
    "batch_id", "row_no", "locality_id", "period", "indicator_id", "indicator_as_written",
    "unit", "target_text", "target_op", "target_low", "target_high", "target_source",
    "actual_text", "actual_op", "actual_value", "actual_comparable", "actual_is_estimate",
    "actual_source", "reported_status", "pct_target", "pct_prev", "note",
)


def _observation_row(spec: tuple) -> tuple:
    batch, row, locality, period, indicator, written, unit, measures = spec
    values = {"batch_id": batch, "row_no": row, "locality_id": locality, "period": period,
              "indicator_id": indicator, "indicator_as_written": written, "unit": unit,
              **measures}
    if values.get("target_text") is not None:
        values["target_source"] = f"Sheet1!D{row}"
    if values.get("actual_text") is not None or values.get("pct_prev") is not None:
        values["actual_source"] = f"Sheet1!E{row}"
    return tuple(values.get(column) for column in _OBS_COLUMNS)


def build_fixture_db(path: Path | str) -> Path:
    """Create the fixture database at `path` (schema from etl/schema.sql) and return the path."""
    path = Path(path)
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        con.executemany(
            "INSERT INTO localities (id, code, name, short_name, level, tier, parent_id, province)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", LOCALITIES)
        con.executemany(
            "INSERT INTO indicators (id, name, parent_id, unit, direction, domain, kind, notes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", INDICATORS)
        codes = sorted({spec[3] for spec in OBSERVATIONS} | {"2022-H1", "2016-2020"})
        con.executemany(
            "INSERT INTO periods VALUES (?, ?, ?, ?, ?)",
            [(p.code, p.kind, p.start, p.end, p.label) for p in map(parse_code, codes)])
        con.executemany(
            "INSERT INTO batches (id, file_name, sha256, layout, title, loaded_by, loaded_at,"
            " locality_id, period, scope, row_count, state) VALUES"
            " (?, ?, 'sha', ?, ?, 'kiểm thử', ?, ?, ?, 'scope', 0, ?)", BATCHES)
        con.executemany(
            f"INSERT INTO observations ({', '.join(_OBS_COLUMNS)}) VALUES"
            f" ({', '.join('?' for _ in _OBS_COLUMNS)})",
            [_observation_row(spec) for spec in OBSERVATIONS])
        con.execute("UPDATE batches SET row_count = (SELECT count(*) FROM observations o"
                    " WHERE o.batch_id = batches.id)")
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared fixture database (read by every test; tests that write use `writable_db`)."""
    return build_fixture_db(tmp_path_factory.mktemp("db") / "chitieu.duckdb")


@pytest.fixture
def writable_db(fixture_db: Path, tmp_path: Path) -> Path:
    """A private copy of the fixture database for a test that changes data."""
    return Path(shutil.copy(fixture_db, tmp_path / "chitieu.duckdb"))


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch, fixture_db: Path) -> Path:
    """Point the dashboard at the fixture database."""
    monkeypatch.setenv("CHITIEU_DB", str(fixture_db))
    return fixture_db


@pytest.fixture(scope="session")
def ids(fixture_db: Path) -> dict[str, str]:
    """Locality ids by name, read from the database (so tests survive another builder)."""
    con = duckdb.connect(str(fixture_db))  # same settings as the dashboard: one shared instance
    try:
        return dict(con.execute("SELECT name, id FROM localities").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real demo database, built from data/seed through the ETL (as `make run` does)."""
    from etl.build import build_database

    return build_database(tmp_path_factory.mktemp("demo") / "chitieu.duckdb", force=True)


@pytest.fixture(scope="session")
def demo_ids(demo_db: Path) -> dict[str, str]:
    """Ids of the localities that have data in the demo database, by name."""
    con = duckdb.connect(str(demo_db))
    try:
        return dict(con.execute(
            "SELECT name, id FROM localities WHERE id IN (SELECT locality_id FROM observations)"
        ).fetchall())
    finally:
        con.close()


@pytest.fixture
def staff_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database with the accounts of tests/dashboard/logins.py, and
    the dashboard pointed at it."""
    from tests.dashboard.logins import add_accounts

    path = Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))
    add_accounts(path)
    monkeypatch.setenv("CHITIEU_DB", str(path))
    return path
