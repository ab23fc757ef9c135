"""The scorecard as a phone shows it: one block per indicator with Mục tiêu, Kết quả and the
verdict, file text escaped, a disagreement spelled out."""

from __future__ import annotations

import pandas as pd

from dashboard import compact, metrics, queries

BAO_LOC = "H63-673"


def test_blocks_carry_target_result_and_verdict(use_db):
    card = metrics.scorecard(queries.observations(queries.data_version(), (BAO_LOC,),
                                                  ("2021-2023",)))
    html = compact.scorecard_html(card)
    assert html.count('class="score-row"') == len(card)
    first = html.split('class="score-row"')[1]
    assert "Tốc độ tăng trưởng tổng giá trị sản xuất" in first
    assert "Mục tiêu:</span> 8,5-9,5" in first and "Kết quả:</span> 7,8" in first
    assert "✗ Chưa đạt" in first
    assert html.count("⚠ Lệch: báo cáo") == int(card["disagree"].sum()) == 1


def test_file_text_is_escaped():
    row = {"indicator": "<b>Thu</b> & chi", "unit": "<i>%</i>", "target": "> 8", "actual": "9",
           "reported": "Đạt", "computed": "Đạt", "status": "Đạt", "disagree": False}
    html = compact.scorecard_html(pd.DataFrame([row]))
    assert "&lt;b&gt;Thu&lt;/b&gt; &amp; chi" in html and "(&lt;i&gt;%&lt;/i&gt;)" in html
    assert "Mục tiêu:</span> &gt; 8" in html and "<b>" not in html and "Lệch" not in html
