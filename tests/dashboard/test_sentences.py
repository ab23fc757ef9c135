"""Sentences from the data: the seed figures word for word, on the demo database, and the
numbers in each sentence are the numbers on the card or chart beside it."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import sentences
from tests.dashboard.conftest import as_ids
from tests.dashboard.test_charts import bar_labels
from tests.dashboard.test_pages import BAO_LOC, DUC_TRONG, charts, run, texts


@pytest.fixture
def page(monkeypatch, demo_db, demo_ids):
    """Run a page of the demo database; locality names in the parameters become ids."""
    monkeypatch.setenv("CHITIEU_DB", str(demo_db))

    def open_page(name: str, **params: str | list[str]):
        return run(name, **{key: as_ids(value, demo_ids) for key, value in params.items()})

    return open_page

H1_BUDGET = ("Thu ngân sách 6 tháng đầu năm 2023 ước đạt 730.734 triệu đồng, bằng 41% dự toán "
             "và 84% cùng kỳ, chậm tiến độ (đã qua 50% thời gian năm).")
TERM_GROWTH = ("Tăng trưởng giai đoạn 2021–2023 bình quân 7,8%/năm, chưa đạt mục tiêu "
               "8,5–9,5%.")
# The term's target is '0,2 (theo tiêu chí cũ)': the 2016–2020 standard, the result 2021–2025's.
TERM_POVERTY = ("Tỷ lệ hộ nghèo giai đoạn 2021–2023 còn 0,37%, chưa đạt mục tiêu 0,2% "
                "(mục tiêu theo chuẩn nghèo 2016–2020, kết quả theo chuẩn 2021–2025).")


def test_overview_cards_say_the_seed_figures(page):
    """Tổng quan, Bảo Lộc 2021–2023: each card's sentence, and the Nhận xét paragraph."""
    at = page("tong_quan", dia_phuong=BAO_LOC, ky="2021-2023")
    captions = [c.value for c in at.caption]
    assert TERM_GROWTH in captions and TERM_POVERTY in captions
    (remark,) = at.code
    assert remark.value.startswith(f"{TERM_GROWTH} Thu ngân sách giai đoạn 2021–2023 đạt 8.397 "
                                   f"tỷ đồng. {TERM_POVERTY} Giai đoạn 2021–2023 có ")
    read = next(m.value for m in at.markdown if m.value.startswith(f"{TERM_GROWTH[:20]}"))
    assert "Thu ngân sách giai đoạn 2021–2023 đạt 8.397" in read  # as text, not only as code
    counted = next(c for c in captions if c.startswith("Giai đoạn 2021–2023 có "))
    fraction = counted.split(" có ")[1].split(" ")[0]
    assert fraction == next(m.value for m in at.metric if m.label == "Đạt chỉ tiêu")
    assert counted in remark.value


def test_budget_sentence_is_the_progress_chart(page):
    """Thu ngân sách, Đức Trọng 6 tháng 2023: the answer above the chart, numbers as drawn."""
    at = page("thu_ngan_sach", dia_phuong=DUC_TRONG, ky="2023-H1", don_vi="trieu")
    assert H1_BUDGET in texts(at)
    progress = charts(at)[0]
    assert ("Tổng thu ngân sách nhà nước trên địa bàn: 41% – ✗ Chậm tiến độ"
            in bar_labels(progress["layout"]["annotations"]))
    assert "So với cùng kỳ: thu ngân sách bằng 84%" in texts(at)


def test_growth_and_poverty_charts_answer_in_their_titles(page):
    assert TERM_GROWTH in texts(page("tang_truong", cac_dia_phuong=BAO_LOC))
    assert "Tỷ lệ hộ nghèo" in texts(page("ho_ngheo", dia_phuong=BAO_LOC))


@pytest.mark.parametrize(("status", "target", "words"), [
    ("Vượt", "8%", ", vượt mục tiêu 8%"),
    ("Đạt", "8%", ", đạt mục tiêu 8%"),
    ("Chưa đạt", "8%", ", chưa đạt mục tiêu 8%"),
    ("Không xác định", "8%", " (mục tiêu 8%)"),
    ("Đạt", None, None),
])
def test_verdict_words(status, target, words):
    assert sentences.verdict_words(status, target) == words


def test_remarks_leave_out_missing_sentences():
    assert sentences.remarks(["Một.", None, "", "Hai."]) == "Một. Hai."


def test_households_matrix_and_comparison_sentences(page):
    """Hộ nghèo, Đạt chỉ tiêu (several localities) and So sánh answer above their charts."""
    assert "Năm 2023 có 193 hộ nghèo và 574 hộ cận nghèo." in texts(
        page("ho_ngheo", dia_phuong=BAO_LOC))
    assert "Đạt và vượt chỉ tiêu: Thành phố Bảo Lộc 16/30." in texts(
        page("dat_chi_tieu", dia_phuong=[BAO_LOC, "Thị xã Đức Phổ"], ky="2021-2023"))
    shown = texts(page("so_sanh", chi_tieu="growth_total", dia_phuong=[BAO_LOC, "Thị xã Đức Phổ"],
                       ky=["2021-2023"]))
    assert ("Tốc độ tăng trưởng tổng giá trị sản xuất giai đoạn 2021–2023: cao nhất Thành phố "
            "Bảo Lộc (7,8%), thấp nhất Thị xã Đức Phổ (7,22%).") in shown


def _domain_counts(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["domain", "status", "count"])


def test_domains_names_the_one_with_most_targets_missed():
    counts = _domain_counts([("Kinh tế", "Chưa đạt", 5), ("Kinh tế", "Đạt", 1),
                             ("Môi trường", "Chưa đạt", 1)])
    assert sentences.domains(counts) == "Kinh tế có nhiều chỉ tiêu chưa đạt nhất: 5/6 chỉ tiêu."


def test_domains_says_a_tie_as_a_tie():
    """QA 13: Kinh tế and Văn hóa – xã hội both miss 5: neither is 'the' worst."""
    counts = _domain_counts([("Kinh tế", "Chưa đạt", 5), ("Kinh tế", "Đạt", 1),
                             ("Văn hóa – xã hội", "Chưa đạt", 5), ("Văn hóa – xã hội", "Đạt", 9),
                             ("Môi trường", "Chưa đạt", 2)])
    assert sentences.domains(counts) == (
        "Kinh tế (5/6 chỉ tiêu) và Văn hóa – xã hội (5/14 chỉ tiêu) cùng có nhiều chỉ tiêu chưa "
        "đạt nhất.")


def test_overview_domain_sentence_of_bao_loc_term_is_a_tie(page):
    shown = texts(page("tong_quan", dia_phuong=BAO_LOC, ky="2021-2023"))
    assert "Kinh tế có nhiều chỉ tiêu chưa đạt nhất" not in shown
    assert "cùng có nhiều chỉ tiêu chưa đạt nhất." in shown


def test_budget_sentence_rounds_as_the_chart_does(page):
    """QA 18: Hà Nội 2013 collected 122,77% of its dự toán; the sentence said '123%' above a bar
    labelled '122,8%'. Both say 122,8%."""
    at = page("thu_ngan_sach", dia_phuong="Thành phố Hà Nội", ky="2013")
    assert "bằng 122,8% dự toán" in texts(at)
    labels = bar_labels(charts(at)[0]["layout"]["annotations"])
    assert any(label.endswith(": 122,8%") for label in labels)


def test_relative_notes_say_what_the_relative_view_leaves_out():
    from dashboard.frames import RelativeScope

    assert sentences.relative_notes(RelativeScope()) == []
    scope = RelativeScope(["2021-2023"], "term", ["6 tháng đầu năm 2023"],
                          {"dt": "Huyện Đức Trọng", "dp": "Thị xã Đức Phổ"})
    assert sentences.relative_notes(scope) == [
        "Thay đổi tương đối chỉ so các kỳ cùng loại (giai đoạn): không tính 6 tháng đầu năm 2023.",
        "Huyện Đức Trọng, Thị xã Đức Phổ chưa có hai kỳ cùng loại: không tính được thay đổi so "
        "với kỳ đầu.",
    ]


def test_a_sentence_about_an_estimate_says_uoc():
    """An estimated figure (ước thực hiện) is never said as a result."""
    first = {"value": 4.2, "x0": 2021, "estimate": False}
    last = {"value": 9.8, "x0": 2023, "estimate": True}
    assert (sentences.growth_change(first, last, "Tăng trưởng")
            == "Tăng trưởng từ 4,2% năm 2021 lên 9,8% năm 2023 (ước)")
    row = {"indicator_id": "poverty_rate", "actual_value": 0.4, "unit": "%",
           "actual_is_estimate": True, "target_text": None}
    assert sentences.poverty(row, "Năm 2023") == "Tỷ lệ hộ nghèo năm 2023 ước còn 0,4%."
    frame = pd.DataFrame({"end_date": ["2023-12-31"] * 2, "period": ["2023"] * 2,
                          "period_label": ["Năm 2023"] * 2, "locality": ["A", "B"],
                          "value": [7.0, 6.0], "estimate": [True, False]})
    assert sentences.comparison(frame, "Tăng trưởng", "%") == (
        "Tăng trưởng năm 2023: cao nhất A (ước 7%), thấp nhất B (6%).")


@pytest.mark.parametrize(("target_text", "said"), [
    ("1,8", "chưa đạt mục tiêu ≤ 1,8% (cao hơn 0,3 điểm %)."),
    ("1,8 (theo tiêu chí cũ)", "chưa đạt mục tiêu ≤ 1,8% (mục tiêu theo chuẩn nghèo 2016–2020, "
                               "kết quả theo chuẩn 2021–2025)."),
])
def test_a_poverty_distance_only_between_rates_of_one_standard(target_text, said):
    """2,1% against a ceiling of 1,8% is 0,3 points above it when both are of the standard of
    2023; against a target 'theo tiêu chí cũ' (the 2016–2020 standard) it is no distance."""
    row = {"indicator_id": "poverty_rate", "actual_value": 2.1, "unit": "%",
           "target_text": target_text, "target_op": "<=", "target_low": None,
           "target_high": 1.8, "direction": "down", "end_date": pd.Timestamp("2023-12-31"),
           "reported_status": "Chưa đạt", "computed_status": "Chưa đạt", "note": None}
    assert sentences.poverty(row, "Năm 2023") == f"Tỷ lệ hộ nghèo năm 2023 còn 2,1%, {said}"
