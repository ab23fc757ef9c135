"""Every page through app.py's navigation (AppTest) on the demo database built from the seed
files by the real ETL: no exception, the seed figures where they belong, empty states, and
filters round-tripping through the address."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import NO_DATA, PAGES
from tests.dashboard.conftest import as_ids
from tests.dashboard.test_charts import bar_labels

APP = Path(__file__).resolve().parents[2] / "app.py"
BAO_LOC, DUC_TRONG, DUC_PHO = "Thành phố Bảo Lộc", "Huyện Đức Trọng", "Thị xã Đức Phổ"
MET_LINE = re.compile(r"\d+/\d+ chỉ tiêu đạt và vượt")


def run(page: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(params)
    if page != "tong_quan":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def charts(at: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def cells(at: AppTest) -> set[str]:
    return {str(v) for table in at.dataframe for v in table.value.to_numpy().ravel()}


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    return "\n".join(parts)


def annotations(spec: dict) -> list[str]:
    return [a.get("text", "") for a in spec["layout"].get("annotations", [])]


@pytest.mark.parametrize("name", [name.removesuffix(".py") for name in PAGES])
def test_every_page_runs_with_a_title_and_sources(page, name):
    at = page(name)
    assert at.title[0].value == PAGES[f"{name}.py"][0]
    sources = [c.value for c in at.caption if c.value.startswith("Nguồn: ")]
    assert len(sources) >= len(at.get("plotly_chart")) and "Nguồn: –" not in sources


def test_default_view_fills_every_card(page, demo_ids):
    """A first visit opens on the locality and period with the most results: no empty card."""
    at = page("tong_quan")
    assert at.selectbox(key="dia_phuong").value == demo_ids[BAO_LOC]
    assert at.selectbox(key="ky").value == "2021-2023"
    assert len(at.metric) == 4 and all(m.value != "–" for m in at.metric)
    assert NO_DATA not in texts(at)


def test_period_list_counts_results_and_marks_periods_without(page):
    at = page("tong_quan", dia_phuong=BAO_LOC)
    options = at.selectbox(key="ky").options
    assert "Giai đoạn 2021–2023 · 59 kết quả" in options
    assert "Năm 2025 · chưa có kết quả (16 mục tiêu)" in options


def test_overview_duc_trong_first_half_2023(page, demo_ids):
    at = page("tong_quan", dia_phuong=DUC_TRONG, ky="2023-H1")
    assert at.selectbox(key="dia_phuong").value == demo_ids[DUC_TRONG]
    assert at.selectbox(key="ky").value == "2023-H1"
    budget = at.metric[1]
    assert (budget.label, budget.value) == ("Thu ngân sách (triệu đồng)", "730.734")
    assert budget.delta == "-16% so với cùng kỳ"
    assert "41% dự toán" in texts(at) and "84% cùng kỳ" in texts(at)
    assert at.metric[0].value == "–" and NO_DATA in texts(at)


def test_overview_bao_loc_term(page):
    at = page("tong_quan", dia_phuong=BAO_LOC, ky="2021-2023")
    growth = at.metric[0]
    assert (growth.label, growth.value) == ("Tăng trưởng", "7,8%")
    shown = texts(at)
    assert "Mục tiêu: 8,5–9,5%/năm" in shown and "✗ Chưa đạt" in shown
    assert MET_LINE.search(shown)
    domains = charts(at)[0]
    assert domains["layout"]["separators"] == ",."
    assert {"✓ Đạt", "✗ Chưa đạt"} <= {trace["name"] for trace in domains["data"]}


def test_new_unit_with_only_targets_says_so_and_points_to_them(page, demo_ids):
    """Xã Đức Trọng (formed 1/7/2025) has only a target for 2025–2030: the page says so."""
    at = page("tong_quan", dia_phuong="Xã Đức Trọng", ky="2025-2030")
    assert at.selectbox(key="ky").value == "2025-2030"
    assert not at.get("plotly_chart") and not at.metric
    assert [i.value for i in at.info] == [
        "Xã Đức Trọng (thành lập từ 01/07/2025) mới có 1 mục tiêu cho giai đoạn 2025–2030, "
        "chưa có kết quả thực hiện."]
    (link,) = at.get("page_link")
    assert link.proto.page.endswith("dat_chi_tieu")
    assert parse_qs(link.proto.query_string) == {"dia_phuong": [demo_ids["Xã Đức Trọng"]],
                                                 "ky": ["2025-2030"]}


def test_growth_bao_loc_band_and_term_average(page):
    at = page("tang_truong", cac_dia_phuong=BAO_LOC)
    total = charts(at)[0]
    assert ("Tăng trưởng giai đoạn 2021–2023 bình quân 7,8%/năm, chưa đạt mục tiêu 8,5–9,5%."
            in texts(at))
    labels = [s.get("name") for s in total["layout"]["shapes"] if s.get("showlegend")]
    assert "Mục tiêu 2021–2023: 8,5–9,5%/năm" in labels and "Mục tiêu 2023–2025: 9,7–10%" in labels
    band = [s for s in total["layout"]["shapes"] if s["type"] == "rect"][0]
    assert (band["y0"], band["y1"]) == (8.5, 9.5)
    texts_on_traces = [t for trace in total["data"] for t in trace.get("text", [])]
    assert "Bình quân 2021–2023: 7,8%" in texts_on_traces
    # the yearly values are annotations on a white ground (legible over a target band)
    values = [a["text"] for a in total["layout"]["annotations"] if a.get("name") == "gia_tri"]
    assert values == ["4,2%", "9,7%", "9,8% (ước)"]
    assert {"7,8", "4,2", "9,7", "9,8"} <= cells(at)


def test_growth_several_localities_share_a_chart(page):
    at = page("tang_truong", cac_dia_phuong=[BAO_LOC, DUC_PHO], khu_vuc="growth_total")
    (total,) = charts(at)
    assert {trace["name"] for trace in total["data"]} == {BAO_LOC, DUC_PHO}


def test_budget_duc_trong_first_half_2023(page):
    at = page("thu_ngan_sach", dia_phuong=DUC_TRONG)
    assert {"730.734", "41%", "84%", "451.073", "37%", "68%", "127%"} <= cells(at)
    progress, _previous, amounts = charts(at)
    assert "Mốc thời gian 50%" in annotations(progress)
    assert ("Tổng thu ngân sách nhà nước trên địa bàn 6 tháng đầu năm 2023: thực hiện 730.734 "
            "triệu đồng." in texts(at))  # the answers sit above the figures
    at.button_group(key="don_vi").set_value("ty").run()
    assert "730,73" in cells(at) and at.query_params["don_vi"] == "ty"
    assert "thực hiện 730,73 tỷ đồng" in texts(at)


def test_budget_plan_year_shows_the_plan(page):
    at = page("thu_ngan_sach", dia_phuong=DUC_TRONG, ky="2022", don_vi="ty")
    assert "770,4" in cells(at)
    assert ("Thu ngân sách nhà nước do huyện, xã quản lý năm 2022: dự toán 770,4 tỷ đồng."
            in texts(at))


def test_budget_of_a_province_from_the_ministry_tables(page):
    """The real Ministry of Finance appendices in the demo: Hà Nội 2013, dự toán against
    quyết toán, each with the ministry named as its source."""
    at = page("thu_ngan_sach", dia_phuong="T63-01", ky="2013", don_vi="trieu")
    assert {"161.475.000", "198.238.683,33", "122,8%"} <= cells(at)
    sources = _sources(at)
    assert "Bộ Tài chính, phụ lục quyết toán NSNN năm 2013: Final_2013.xls" in sources
    at = page("thu_ngan_sach", dia_phuong="T63-01", ky="2016", don_vi="trieu")
    assert "169.420.000" in cells(at)
    sources = _sources(at)
    assert "Bộ Tài chính, phụ lục dự toán NSNN năm 2016: Plan_2016.xls" in sources


def _sources(at: AppTest) -> str:
    """The source captions as a reader sees them (file names are markdown-escaped as text)."""
    return " ".join(c.value.replace("\\", "") for c in at.caption
                    if c.value.startswith("Nguồn: "))


def test_poverty_keeps_standards_apart(page):
    at = page("ho_ngheo", dia_phuong=BAO_LOC)
    rates = charts(at)[0]
    names = {trace["name"] for trace in rates["data"]}
    assert "Tỷ lệ hộ nghèo (chuẩn 2021–2025)" in names
    assert "Mục tiêu tỷ lệ hộ nghèo (chuẩn 2016–2020)" in names
    assert {"0,37", "193", "574", "2016–2020"} <= cells(at)


def test_poverty_without_data_shows_the_empty_state(page):
    at = page("ho_ngheo", dia_phuong="Xã Đức Trọng")
    assert NO_DATA in [i.value for i in at.info] and not at.get("plotly_chart")


def test_scorecard_bao_loc(page):
    at = page("dat_chi_tieu", cac_dia_phuong=BAO_LOC)
    assert at.selectbox(key="ky").value == "2021-2023"
    assert MET_LINE.search(texts(at))
    assert "chỉ tiêu có đánh giá trong báo cáo khác" in at.warning[0].value
    assert {"8,5-9,5", "7,8%", "✗ Chưa đạt", "✓ Đạt", "▲ Vượt", "⚠ Lệch"} <= cells(at)
    (bullets,) = charts(at)
    assert bullets["layout"]["xaxis"]["ticksuffix"] == "%"


def test_scorecard_matrix_for_several_localities(page):
    at = page("dat_chi_tieu", cac_dia_phuong=[BAO_LOC, DUC_PHO], ky="2021-2023")
    matrix = charts(at)[0]
    assert matrix["data"][0]["type"] == "heatmap"
    assert matrix["data"][0]["x"] == [BAO_LOC, DUC_PHO]


def test_compare_relative_change_and_bars(page):
    at = page("so_sanh", chi_tieu="growth_total", cac_dia_phuong=BAO_LOC,
              cac_ky=["2021", "2022", "2023"], bieu_do="cot", tuong_doi="1")
    assert at.toggle(key="tuong_doi").value is True
    assert at.button_group(key="bieu_do").value == "cot"
    (figure,) = charts(at)
    assert figure["data"][0]["type"] == "bar"
    # growth_total is a rate (%): its change is in percentage points, 9,8 - 4,2 and 9,7 - 4,2,
    # not the % change of a percentage (+133,33%, 130,95).
    assert ("Tốc độ tăng trưởng tổng giá trị sản xuất năm 2023: Thành phố Bảo Lộc +5,6 điểm % so "
            "với kỳ đầu." in texts(at))
    table = at.dataframe[0].value
    assert "Năm 2022 (điểm % so với kỳ đầu)" in table.columns
    assert "5,5" in cells(at) and "130,95" not in cells(at)
    assert figure["layout"]["yaxis"]["title"]["text"] == "điểm % so với kỳ đầu"


MIXED_KINDS = ["2021", "2022", "2021-2023", "2023"]


def test_compare_relative_counts_one_kind_of_period(page):
    """QA: Năm 2021, Năm 2022, Giai đoạn 2021–2023, Năm 2023 on one axis changed a three-year
    average against a single year; the relative view keeps the years (most of the picks) and
    says that the term is left out."""
    at = page("so_sanh", chi_tieu="growth_total", cac_dia_phuong=BAO_LOC, cac_ky=MIXED_KINDS,
              tuong_doi="1")
    assert ("Thay đổi tương đối chỉ so các kỳ cùng loại (năm): không tính Giai đoạn "
            "2021–2023.") in texts(at)
    assert list(at.dataframe[0].value.columns) == [
        "Địa phương", *(f"Năm {year} (điểm % so với kỳ đầu)" for year in (2021, 2022, 2023))]
    (figure,) = charts(at)
    assert {x for trace in figure["data"] for x in trace["x"]} == {"Năm 2021", "Năm 2022",
                                                                   "Năm 2023"}


def test_compare_relative_leaves_out_a_locality_with_one_period(page):
    """QA: Đức Phổ, with only its term among the picks, got '0% so với kỳ đầu' and was called
    'thấp nhất'; with no first period to change from it is left out, and named."""
    at = page("so_sanh", chi_tieu="growth_total", cac_dia_phuong=[BAO_LOC, DUC_PHO],
              cac_ky=MIXED_KINDS, tuong_doi="1")
    shown = texts(at)
    assert ("Thị xã Đức Phổ chưa có hai kỳ cùng loại: không tính được thay đổi so với kỳ đầu."
            in shown)
    assert "thấp nhất" not in shown and "Chưa có số liệu cho các kỳ đã chọn" not in shown
    assert ("Tốc độ tăng trưởng tổng giá trị sản xuất năm 2023: Thành phố Bảo Lộc +5,6 điểm % so "
            "với kỳ đầu.") in shown
    assert set(at.dataframe[0].value["Địa phương"]) == {BAO_LOC}
    levels = page("so_sanh", chi_tieu="growth_total", cac_dia_phuong=[BAO_LOC, DUC_PHO],
                  cac_ky=MIXED_KINDS)
    assert "chưa có hai kỳ" not in texts(levels) and "chỉ so các kỳ" not in texts(levels)


def test_data_table_filters_and_downloads(page):
    at = page("du_lieu", tim="ngan sach")
    table = at.dataframe[0].value
    assert "Tổng thu ngân sách nhà nước trên địa bàn" in set(table["Chỉ tiêu"])
    assert {"Tệp nguồn", "Lô", "Ô nguồn"} <= set(table.columns)
    assert [button.label for button in at.get("download_button")] == ["Tải CSV", "Tải Excel"]


def test_data_table_shows_names_as_written(page):
    at = page("du_lieu", cac_dia_phuong=BAO_LOC, cac_ky="2021-2023")
    written = set(at.dataframe[0].value["Chỉ tiêu (nguyên văn)"])
    assert "Khu vực dịch vụ tăng;" in written  # the list mark '- ' is not part of the name


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("tong_quan", {"dia_phuong": BAO_LOC, "ky": "2021"}),
        ("thu_ngan_sach", {"dia_phuong": DUC_TRONG, "ky": "2022", "don_vi": "ty"}),
        ("so_sanh", {"chi_tieu": "poverty_rate", "dia_phuong": [DUC_PHO], "ky": ["2023"]}),
        ("du_lieu", {"linh_vuc": ["ngân sách"], "tim": "thu"}),
    ],
)
def test_query_params_preselect_widgets_and_stay_in_the_address(page, demo_ids, name, params):
    at = page(name, **params)
    widgets = {"dia_phuong": "cac_dia_phuong", "ky": "cac_ky"} if name == "so_sanh" else {}
    for key, value in params.items():
        value = as_ids(value, demo_ids)
        assert at.session_state[widgets.get(key, key)] == value
        expected = value[0] if isinstance(value, list) and len(value) == 1 else value
        assert at.query_params[key] == expected


def test_changing_a_widget_updates_the_address(page, demo_ids):
    at = page("tong_quan")
    at.selectbox(key="dia_phuong").set_value(demo_ids[DUC_TRONG]).run()
    assert at.query_params["dia_phuong"] == demo_ids[DUC_TRONG]
    # the new locality's period with the most results: the 6-month report, both its sheets
    assert at.query_params["ky"] == "2023-H1"


def test_unknown_params_fall_back_to_defaults(page, demo_ids):
    at = page("tong_quan", dia_phuong="khong-co", ky="1999")
    assert at.selectbox(key="dia_phuong").value == demo_ids[BAO_LOC]
    assert at.selectbox(key="ky").value == "2021-2023"
    # ...and say so (QA 18): the address named a locality the database does not have
    assert [w.value for w in at.warning] == [
        "Không có địa phương mã “khong-co” trong dữ liệu; đang hiển thị Thành phố Bảo Lộc.",
        "Đường dẫn ghi kỳ “1999”, không có trong số liệu của địa phương này; đang hiển thị "
        "Giai đoạn 2021–2023."]


def test_a_period_the_place_has_no_data_of_is_named_once(page, demo_ids):
    """A link of Đức Trọng's 6-month report opened for Bảo Lộc: the period is replaced and
    the page says so; picking another period (the address then holds it) says nothing."""
    at = page("tong_quan", dia_phuong=BAO_LOC, ky="2023-H1")
    assert at.selectbox(key="ky").value == "2021-2023"
    assert [w.value for w in at.warning] == [
        "Đường dẫn ghi kỳ “2023-H1”, không có trong số liệu của địa phương này; đang hiển thị "
        "Giai đoạn 2021–2023."]
    at.selectbox(key="ky").set_value("2022").run()
    assert not at.warning and at.query_params["ky"] == "2022"


@pytest.mark.parametrize("name", ["tong_quan", "so_sanh", "du_lieu"])
def test_known_locality_in_the_address_raises_no_notice(page, name):
    at = page(name, dia_phuong=DUC_TRONG)
    assert not [w for w in at.warning if "Không có địa phương" in w.value]


@pytest.mark.parametrize("name", ["dat_chi_tieu", "so_sanh"])
def test_unknown_locality_among_several_is_named(page, name):
    at = page(name, dia_phuong=[BAO_LOC, "khong-co"])
    assert "Không có địa phương mã “khong-co” trong dữ liệu" in texts(at)


def test_the_chosen_locality_follows_to_the_next_page(page, demo_ids):
    at = page("tong_quan", dia_phuong=BAO_LOC, ky="2021-2023")
    at.switch_page("pages/tang_truong.py").run()
    assert not at.exception and at.multiselect(key="cac_dia_phuong").value == [demo_ids[BAO_LOC]]


def test_missing_database_is_explained(monkeypatch, tmp_path):
    monkeypatch.setenv("CHITIEU_DB", str(tmp_path / "khong_co.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert "Chưa có cơ sở dữ liệu" in at.error[0].value and not at.exception


def test_data_table_shows_the_first_rows_of_a_large_result(page, monkeypatch):
    from dashboard import ui

    monkeypatch.setattr(ui, "_MAX_SHOWN_ROWS", 5)
    at = page("du_lieu")
    assert len(at.dataframe[0].value) == 5
    assert any(c.value.startswith("Hiển thị 5 trên") for c in at.caption)
    assert [button.label for button in at.get("download_button")] == ["Tải CSV", "Tải Excel"]


def test_database_held_by_another_process_is_explained(monkeypatch, tmp_path, demo_db):
    import shutil
    import subprocess
    import sys

    held = shutil.copy(demo_db, tmp_path / "dang_dung.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(held)!r}); "
         "print('ok', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        monkeypatch.setenv("CHITIEU_DB", str(held))
        at = AppTest.from_file(str(APP), default_timeout=30).run()
        assert not at.exception
        assert f"đang được một chương trình khác (PID {holder.pid}) mở" in at.error[0].value
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_fresh_clone_builds_the_demo_database(monkeypatch, tmp_path):
    """A bare `streamlit run app.py` with no database builds the demo one and shows it."""
    from dashboard import db

    monkeypatch.delenv("CHITIEU_DB", raising=False)
    monkeypatch.setattr(db, "DEFAULT_DB", tmp_path / "data" / "chitieu.duckdb")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception and not at.error
    assert (tmp_path / "data" / "chitieu.duckdb").is_file()
    assert len(at.metric) == 4 and all(m.value != "–" for m in at.metric)


def test_empty_database_points_to_the_upload_page(monkeypatch, tmp_path):
    """A database with the data model but no data sends the user to Nhập dữ liệu."""
    from etl import store

    path = tmp_path / "trong.duckdb"
    con = store.connect(path)
    try:
        store.ensure_schema(con)
    finally:
        con.close()
    monkeypatch.setenv("CHITIEU_DB", str(path))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Chưa có số liệu. Hãy nạp tệp phụ lục chỉ tiêu ở trang Nhập dữ liệu."]
    (link,) = at.get("page_link")
    assert link.proto.page.endswith("nhap_du_lieu")


def test_poverty_bullet_reads_not_met_on_the_scorecard(page):
    """Đạt chỉ tiêu, Bảo Lộc 2021–2023: the poverty rate above its ceiling is drawn from the
    target line outwards in the Chưa đạt colour, labelled with the distance."""
    at = page("dat_chi_tieu", dia_phuong=BAO_LOC, ky="2021-2023")
    bullets = next(c for c in charts(at) if any(t.get("orientation") == "h" for t in c["data"]))
    missed = next(t for t in bullets["data"] if t["name"] == "✗ Chưa đạt")
    at_row = [row[0] for row in missed["customdata"]].index("Tỷ lệ hộ nghèo")
    assert missed["base"][at_row] == 100 and round(missed["x"][at_row]) == 85
    labels = bar_labels(bullets["layout"]["annotations"])
    assert "Tỷ lệ hộ nghèo: ✗ 0,37% (mục tiêu theo chuẩn nghèo 2016–2020)" in labels


def test_overview_of_a_plan_only_period_shows_the_targets(page):
    """Đức Trọng 2022 (targets, and one ranking without a target): the plan, no empty verdict."""
    at = page("tong_quan", dia_phuong=DUC_TRONG, ky="2022")
    shown = texts(at)
    assert "Kế hoạch năm 2022: thu ngân sách do địa phương quản lý 770,4 tỷ đồng." in shown
    assert "đạt –" not in shown and "Không xác định" not in shown
    (remark,) = at.code
    assert "Kế hoạch năm 2022: tỷ lệ hộ nghèo 0,24%." in remark.value
    assert "đạt –" not in remark.value


def test_compare_opens_on_periods_every_locality_has(page):
    """Bảo Lộc has years and the 2021–2023 term, Đức Phổ only the term (QA 11): the default is
    the term, where both have a value, and nobody is missing."""
    at = page("so_sanh", chi_tieu="growth_total")
    assert at.multiselect(key="cac_ky").value == ["2021-2023"]
    table = at.dataframe[0].value
    assert set(table["Địa phương"]) == {BAO_LOC, DUC_PHO}
    assert "Chưa có số liệu cho các kỳ đã chọn" not in texts(at)


def test_compare_opens_on_an_indicator_the_place_looked_at_reports(page, demo_ids):
    """Đức Trọng reports no growth of production value: from Thu ngân sách for Đức Trọng,
    So sánh opened on growth_total with Đức Trọng not even offered. It now opens on the budget
    revenue, Đức Trọng chosen; a link naming a place does the same."""
    at = page("thu_ngan_sach", dia_phuong=DUC_TRONG)
    at.switch_page("pages/so_sanh.py").run()
    assert not at.exception
    assert at.selectbox(key="chi_tieu").value == "budget_revenue_total"
    assert at.multiselect(key="cac_dia_phuong").value == [demo_ids[DUC_TRONG]]
    linked = page("so_sanh", dia_phuong=DUC_TRONG)
    assert linked.selectbox(key="chi_tieu").value == "budget_revenue_total"
    assert linked.multiselect(key="cac_dia_phuong").value == [demo_ids[DUC_TRONG]]
    assert page("so_sanh", dia_phuong=BAO_LOC).selectbox(key="chi_tieu").value == "growth_total"


def test_compare_says_which_periods_a_missing_locality_has(page):
    at = page("so_sanh", chi_tieu="growth_total", dia_phuong=[BAO_LOC, DUC_PHO],
              ky=["2021", "2022", "2023"])
    assert ("Chưa có số liệu cho các kỳ đã chọn: Thị xã Đức Phổ (có số liệu Giai đoạn "
            "2021–2023).") in texts(at)


@pytest.mark.parametrize(("period", "caption"), [
    ("2022", "Thành phố Bảo Lộc – Năm 2022 · so sánh với Năm 2021"),
    ("2021-2023", "Thành phố Bảo Lộc – Giai đoạn 2021–2023 · Giai đoạn 2016–2018 không có số "
                  "liệu cùng chỉ tiêu để so sánh"),
    ("2021", "Thành phố Bảo Lộc – Năm 2021 · Năm 2020 không có số liệu cùng chỉ tiêu để so "
             "sánh"),
])
def test_overview_says_so_sanh_only_when_a_card_compares(page, period, caption):
    """QA 12: 'so sánh với Giai đoạn 2016–2018' with no card showing a change was a promise."""
    at = page("tong_quan", dia_phuong=BAO_LOC, ky=period)
    assert at.caption[0].value == caption
    assert any(m.delta for m in at.metric) == ("so sánh với" in caption)


def test_scorecard_grid_gives_names_room(page):
    """QA 18: a desktop scorecard cut 'Tổng thu ngân sách nhà nước trên địa b…'; the grid (a
    phone gets blocks instead) gives the name column the large width."""
    at = page("dat_chi_tieu", dia_phuong=BAO_LOC, ky="2021-2023")
    grids = [json.loads(frame.proto.columns) for frame in at.dataframe]
    assert grids and all(grid["Chỉ tiêu"]["width"] == "large" for grid in grids)


def test_compare_one_period_draws_bars_and_says_why(page):
    """One period picked: a line of one point per locality says nothing; bars put them side by
    side, and a relative change (against a first period that is the same one) is not drawn."""
    at = page("so_sanh", chi_tieu="growth_total", cac_dia_phuong=[BAO_LOC, DUC_PHO],
              cac_ky=["2021-2023"], bieu_do="duong", tuong_doi="1")
    (figure,) = charts(at)
    kinds = {trace["name"]: trace["type"] for trace in figure["data"]}
    assert kinds == {BAO_LOC: "bar", DUC_PHO: "bar", "Mục tiêu": "scatter"}  # levels, not change
    assert ("Một kỳ: các địa phương được so sánh bằng biểu đồ cột. Thay đổi tương đối cần ít "
            "nhất hai kỳ: chọn thêm kỳ để xem.") in texts(at)
    assert "% so với kỳ đầu" not in " ".join(texts(at))
    assert set(at.dataframe[0].value["Địa phương"]) == {BAO_LOC, DUC_PHO}
