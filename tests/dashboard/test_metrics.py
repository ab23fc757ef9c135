"""Overview cards, attainment counts, scorecard and page frames, on the demo database (the
seed reports through the ETL): the figures are the reports' own."""

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import frames, metrics, queries
from dashboard.fmt import fold
from dashboard.status import EXCEEDED, MET, NOT_MET, UNKNOWN

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"
BL, DT, DP = "H63-673", "H63-678", "H63-534"  # Bảo Lộc, Đức Trọng, Đức Phổ


@pytest.fixture
def version(use_db) -> str:
    return queries.data_version()


def _cards(version, locality, period, previous=None):
    codes = (period, previous) if previous else (period,)
    labels = dict(zip(*queries.periods(version)[["code", "label"]].T.values, strict=True))
    obs = queries.observations(version, (locality,), codes)
    return {card.title.split(" (")[0]: card
            for card in metrics.overview_cards(obs, period, previous, labels)}


def test_cards_duc_trong_first_half_2023(version):
    cards = _cards(version, DT, "2023-H1")
    budget = cards["Thu ngân sách"]
    assert budget.title == "Thu ngân sách (triệu đồng)" and budget.value == "730.734"
    assert {"41% dự toán", "84% cùng kỳ", "Ước thực hiện"} <= set(budget.lines)
    assert (budget.delta, budget.delta_color) == ("-16% so với cùng kỳ", "orange")
    assert cards["Tăng trưởng"].empty and cards["Tỷ lệ hộ nghèo"].empty


def test_cards_bao_loc_term(version):
    cards = _cards(version, BL, "2021-2023")
    growth = cards["Tăng trưởng"]
    assert (growth.value, growth.status) == ("7,8%", NOT_MET)
    assert "Mục tiêu: 8,5–9,5%/năm" in growth.lines
    assert cards["Tỷ lệ hộ nghèo"].value == "0,37%"
    # The appendix of report 003 marks 15 targets Đạt and 13 Chưa đạt; two have no verdict, and
    # one of those is computed: 'Diễn tập khu vực phòng thủ' 1 against 1 (uncatalogued).
    targets = cards["Đạt chỉ tiêu"]
    assert targets.value == "16/30" and "16/30 chỉ tiêu đạt và vượt" in targets.lines
    assert dict(targets.breakdown) == {MET: "✓ 16 Đạt", NOT_MET: "✗ 13 Chưa đạt",
                                       UNKNOWN: "? 1 Không xác định"}


def test_budget_card_without_a_plan_says_so_and_shows_the_actual(version):
    # the term report of Bảo Lộc gives revenue for 2021–2023 but no dự toán for the term
    budget = _cards(version, BL, "2021-2023")["Thu ngân sách"]
    assert (budget.title, budget.value) == ("Thu ngân sách (tỷ đồng)", "8.397")
    assert budget.status is None
    assert "Chưa có dự toán; thực hiện 8.397 tỷ đồng" in budget.lines


def test_points_card_change_against_previous_year(version):
    growth = _cards(version, BL, "2022", previous="2021")["Tăng trưởng"]
    assert growth.value == "9,7%"
    assert (growth.delta, growth.delta_color) == ("+5,5 điểm % so với Năm 2021", "blue")


def test_scorecard_flags_disagreement(version):
    card = metrics.scorecard(queries.observations(version, (BL,), ("2021-2023",)))
    flagged = card[card["disagree"]]
    assert flagged["indicator"].tolist() == [
        "Tỷ lệ hộ dân khu vực nội thị sử dụng nước hợp vệ sinh"]
    assert (flagged["reported"].iloc[0], flagged["computed"].iloc[0]) == (MET, NOT_MET)
    assert card["domain"].iloc[0] == "Kinh tế"
    table = metrics.scorecard_table(card)
    assert table.loc[card["disagree"].to_numpy(), "Lệch"].tolist() == ["⚠ Lệch"]


def test_status_by_domain_counts(version):
    counts = metrics.status_by_domain(queries.observations(version, (BL,), ("2021-2023",)))
    economy = counts[counts["domain"] == "Kinh tế"].set_index("status")["count"]
    assert economy.to_dict() == {NOT_MET: 5, MET: 1}
    assert counts["count"].sum() == 30


def test_bullet_ratios_leave_out_incomparable(version):
    bullets = metrics.bullet_ratios(queries.observations(version, (BL,), ("2021-2023",)))
    assert "Số đảng viên mới kết nạp" not in set(bullets["indicator"])  # '263 … / 3 năm'
    growth = bullets.set_index("indicator").loc["Tốc độ tăng trưởng tổng giá trị sản xuất"]
    assert growth["ratio"] == pytest.approx(7.8 / 8.5 * 100)
    assert (growth["band_low"], growth["band_high"]) == pytest.approx((100, 9.5 / 8.5 * 100))
    poverty = bullets.set_index("indicator").loc["Tỷ lệ hộ nghèo"]
    assert poverty["ratio"] == pytest.approx(185) and poverty["status"] == NOT_MET


def test_status_matrix_keeps_every_chosen_locality(version):
    obs = queries.observations(version, (BL, DP), ("2021-2023",))
    matrix = metrics.status_matrix(obs, ["Thành phố Bảo Lộc", "Thị xã Đức Phổ"])
    assert list(matrix.columns) == ["Thành phố Bảo Lộc", "Thị xã Đức Phổ"]
    assert matrix.loc["Tốc độ tăng tổng thu ngân sách nhà nước trên địa bàn",
                      "Thành phố Bảo Lộc"] == MET
    assert matrix["Thị xã Đức Phổ"].isna().all()


@pytest.mark.parametrize(("unit", "actual"),
                         [("triệu đồng", 730734), ("tỷ đồng", 730.734)])
def test_budget_frame_in_either_unit(version, unit, actual):
    obs = queries.observations(version, (DT,), ("2023-H1",), frames.BUDGET_COMPONENTS)
    budget = frames.budget_frame(obs, unit).set_index("indicator_id")
    total = budget.loc["budget_revenue_total"]
    assert total["actual"] == pytest.approx(actual)
    assert (total["pct_plan"], total["pct_prev"], total["estimate"]) == (41, 84, True)
    assert list(budget.index) == ["budget_revenue_total", "budget_revenue_local",
                                  "budget_spending_local"]
    assert frames.written_amount_unit(obs) == "triệu đồng"


def test_budget_frame_computes_pct_of_plan(version):
    obs = queries.observations(version, (DT,), ("2022",), frames.BUDGET_COMPONENTS)
    plan = frames.budget_frame(obs, "triệu đồng").iloc[0]
    assert plan["plan"] == pytest.approx(770400) and pd.isna(plan["actual"])


def test_growth_frame_spans_terms_and_years(version):
    growth = frames.growth_frame(queries.observations(version, (BL,), (), ("growth_total",)))
    term = growth[growth["kind"] == "term"].iloc[0]
    assert (term["x0"], term["x1"], term["value"], term["target"]) == (2021, 2023, 7.8,
                                                                       "8,5–9,5%/năm")
    years = growth[growth["kind"] == "year"].sort_values("x0")
    assert years["value"].tolist() == [4.2, 9.7, 9.8]
    assert years["estimate"].tolist() == [False, False, True]


def test_poverty_frame_separates_standards(version):
    rates = frames.poverty_frame(queries.observations(version, (BL,), (), ("poverty_rate",)))
    term, plan = rates.iloc[0], rates.iloc[1]
    assert (term["actual_standard"], term["target_standard"]) == ("2021–2025", "2016–2020")
    assert (plan["period"], plan["target_low"], plan["target"]) == ("2025", 0.2, "< 0,2%")
    assert plan["target_standard"] == "2021–2025"


@pytest.mark.parametrize(("relative", "expected", "unit"),
                         [(False, [4.2, 9.7, 9.8], "%"),
                          (True, [0, 9.7 - 4.2, 9.8 - 4.2], "điểm % so với kỳ đầu")])
def test_comparison_frame(version, relative, expected, unit):
    obs = queries.observations(version, (BL,), ("2021", "2022", "2023"), ("growth_total",))
    frame, shown_unit = frames.comparison_frame(obs, frames.relative_scope(obs, relative))
    assert frame["value"].tolist() == pytest.approx(expected) and shown_unit == unit


def test_comparison_relative_change_of_an_amount_stays_in_percent():
    """A rate changes in percentage points; an amount (tỷ đồng, người…) keeps its % change."""
    obs = pd.DataFrame({
        "locality": ["A", "A"], "locality_id": ["a", "a"], "period": ["2022", "2023"],
        "period_label": ["Năm 2022", "Năm 2023"], "period_kind": ["year"] * 2,
        "end_date": pd.to_datetime(["2022-12-31", "2023-12-31"]),
        "actual_value": [800.0, 1000.0], "unit": ["tỷ đồng"] * 2,
        "actual_is_estimate": [False, False], "batch_id": [1, 1], "file_name": ["a", "a"],
        "loaded_at": pd.to_datetime(["2025-01-01"] * 2),
    })
    frame, unit = frames.comparison_frame(obs, frames.relative_scope(obs))
    assert unit == "% so với kỳ đầu" and frame["value"].tolist() == pytest.approx([0, 25])
    rates = obs.assign(actual_value=[4.2, 9.7], unit="%")
    rates, unit = frames.comparison_frame(rates, frames.relative_scope(rates))
    assert unit == "điểm % so với kỳ đầu" and rates["value"].tolist() == pytest.approx([0, 5.5])


def test_relative_change_needs_two_periods_of_one_kind():
    """B has one year only: no first period to change from, so it is out of the relative view
    (not '0% so với kỳ đầu', the lowest); A's term is out too, years being most of the picks."""
    obs = pd.DataFrame({
        "locality": ["A", "A", "A", "B"], "locality_id": ["a", "a", "a", "b"],
        "period": ["2022", "2023", "2021-2023", "2023"],
        "period_label": ["Năm 2022", "Năm 2023", "Giai đoạn 2021–2023", "Năm 2023"],
        "period_kind": ["year", "year", "term", "year"],
        "end_date": pd.to_datetime(["2022-12-31", "2023-12-31", "2023-12-31", "2023-12-31"]),
        "actual_value": [100.0, 150.0, 120.0, 90.0], "unit": ["người"] * 4,
        "actual_is_estimate": [False] * 4, "batch_id": [1] * 4, "file_name": ["a"] * 4,
        "loaded_at": pd.to_datetime(["2025-01-01"] * 4),
    })
    scope = frames.relative_scope(obs)
    assert (scope.periods, scope.kind) == (["2022", "2023"], "year")
    assert (scope.other_periods, scope.single) == (["Giai đoạn 2021–2023"], {"b": "B"})
    frame, unit = frames.comparison_frame(obs, scope)
    assert list(zip(frame["locality"], frame["period"], frame["value"], strict=True)) == [
        ("A", "2022", 0), ("A", "2023", 50)]
    assert frames.relative_scope(obs, relative=False) == frames.RelativeScope()
    assert len(frames.comparison_frame(obs)[0]) == 4
    assert len(frames.comparison_frame(obs, frames.relative_scope(obs, relative=False))[0]) == 4


def test_comparison_converts_amounts_to_one_unit():
    obs = pd.DataFrame({
        "locality": ["A", "B"], "locality_id": ["a", "b"], "period": ["2023", "2023"],
        "period_label": ["Năm 2023"] * 2,
        "period_kind": ["year"] * 2, "end_date": pd.to_datetime(["2023-12-31"] * 2),
        "actual_value": [1500.0, 2.0], "unit": ["triệu đồng", "tỷ đồng"],
        "actual_is_estimate": [False, None], "batch_id": [1, 2], "file_name": ["a", "b"],
        "loaded_at": pd.to_datetime(["2025-01-01"] * 2),
    })
    frame, unit = frames.comparison_frame(obs.iloc[[0, 0, 1]])
    assert unit == "triệu đồng" and frame["value"].tolist() == [1500, 1500, 2000]


def test_table_filter_search_ignores_diacritics(version):
    where = frames.table_filter(queries.indicator_names(version), (), (), (), "ho ngheo")
    found = queries.table_page(version, where, 0, 10_000)
    assert len(found) == queries.table_count(version, where) > 0
    assert all("ho ngheo" in fold(name) or "ho ngheo" in fold(written) for name, written
               in zip(found["indicator"], found["indicator_as_written"], strict=True))
    assert {"poverty_rate", "poor_households"} <= set(found["indicator_id"])


def test_table_filter_by_domain_and_paging(version):
    where = frames.table_filter(queries.indicator_names(version), (), (), ("ngân sách",), "")
    total = queries.table_count(version, where)
    pages = [queries.table_page(version, where, start, 7) for start in range(0, total, 7)]
    rows = pd.concat(pages)
    assert set(rows["domain"]) == {"ngân sách"} and len(rows) == total
    assert not rows.duplicated(["locality_id", "period", "indicator_id"]).any()
    assert len(pd.concat(queries.table_batches(version, where))) == total


def test_table_filter_search_without_match_keeps_nothing(version):
    where = frames.table_filter(queries.indicator_names(version), (), (), (), "zzzz khong co")
    assert queries.table_count(version, where) == 0


def test_tidy_table_shows_where_each_value_came_from(version):
    obs = queries.observations(version, (DT,), ("2023-H1",))
    table = frames.tidy_table(obs)
    row = table[table["Chỉ tiêu"] == "Tổng thu ngân sách nhà nước trên địa bàn"].iloc[0]
    assert (row["Tệp nguồn"], row["Lô"]) == ("duc_trong_2023_6_thang.xlsx", 5)
    sheet, cell = row["Ô nguồn"].split("!")
    book = openpyxl.load_workbook(SEED / row["Tệp nguồn"], read_only=True)
    assert book[sheet][cell].value == 730734  # the cell the figure was read from
    assert row["Giá trị thực hiện"] == 730734 and row["% kế hoạch"] == 41


def test_counts_use_exceeded_too():
    obs = pd.DataFrame({"target_text": ["1", "2"], "actual_value": [2.0, 3.0],
                        "actual_text": ["2", "3"], "reported_status": [None, None],
                        "computed_status": [EXCEEDED, MET], "domain": ["kinh tế", None]})
    counts = metrics.attainment_counts(obs)
    assert (counts["met"], counts["total"], counts[EXCEEDED]) == (2, 2, 1)
    assert set(metrics.status_by_domain(obs)["domain"]) == {"Kinh tế", "Khác"}


def test_cards_of_a_plan_only_period_show_the_targets(version):
    """Đức Trọng 2022 has its plan (770,4 tỷ đồng, hộ nghèo 0,24%) and one unrelated result:
    the cards say the plan, not 'đạt –', and judge nothing."""
    cards = _cards(version, DT, "2022")
    budget, poverty = cards["Thu ngân sách"], cards["Tỷ lệ hộ nghèo"]
    assert budget.sentence == ("Kế hoạch năm 2022: thu ngân sách do địa phương quản lý "
                               "770,4 tỷ đồng.")
    assert poverty.sentence == "Kế hoạch năm 2022: tỷ lệ hộ nghèo 0,24%."
    for card in (budget, poverty, cards["Đạt chỉ tiêu"]):
        assert not card.empty and card.status is None and card.value == "–"
        assert "đạt –" not in (card.sentence or "")
        assert "Chưa có kết quả thực hiện" in card.lines[-1]
    assert cards["Đạt chỉ tiêu"].sentence == ("Năm 2022 có 35 mục tiêu, chưa có kết quả thực "
                                              "hiện để đánh giá.")
    assert cards["Tăng trưởng"].empty  # no overall growth target for 2022


def test_tidy_table_has_plan_figures_and_no_internal_codes(version, tmp_path):
    """The Dữ liệu table (and its Excel): the plan as numbers that add up, Lĩnh vực as the other
    pages write it, no period code (QA 15)."""
    from dashboard.export import to_xlsx_bytes

    table = frames.tidy_table(queries.observations(version, (DT,), ("2022",)))
    assert "Mã kỳ" not in table.columns
    assert set(table["Lĩnh vực"].dropna()) >= {"Kinh tế", "Ngân sách"}
    budget = table[table["Kế hoạch (nguyên văn)"] == "770,4"].iloc[0]
    assert (budget["Kế hoạch tối thiểu"], budget["Kế hoạch tối đa"]) == (770.4, 770.4)
    jobs = table[table["Kế hoạch (nguyên văn)"] == "> 64"].iloc[0]
    assert jobs["Kế hoạch tối thiểu"] == 64 and pd.isna(jobs["Kế hoạch tối đa"])
    path = tmp_path / "chi_tieu.xlsx"
    path.write_bytes(to_xlsx_bytes(table))
    sheet = openpyxl.load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("Kế hoạch tối thiểu") + 1
    assert isinstance(sheet.cell(row=2, column=column).value, float | int)


def test_scorecard_results_in_percent_carry_the_sign(version):
    """QA 18: 'Kết quả: 50 (ước)' beside 'trên 50%' — a result in % reads with its sign."""
    card = metrics.scorecard(queries.observations(version, (BL,), ("2021-2023",)))
    schools = card[card["as_written"].str.contains("chuẩn QG giai đoạn 2", na=False)].iloc[0]
    assert (schools["unit"], schools["target"], schools["actual"]) == ("%", "50", "18,57%")
    counted = card[card["unit"].isin(["lao động", "xã", "người"])]["actual"]
    assert not counted.str.contains("%").any()  # counts stay bare
