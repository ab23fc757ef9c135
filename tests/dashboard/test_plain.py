"""File text is shown as text: the markdown escaping, the Plotly label escaping of every chart,
and the upload page's boxes through AppTest (the rendered DOM is checked in tests/e2e)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts
from dashboard.plain import md, plain_figure, plotly
from etl.text import shortened
from tests.dashboard.logins import click, login
from tests.workbook import write_xlsx

APP = Path(__file__).resolve().parents[2] / "app.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EVIL = '[Bấm vào đây](https://evil.example/x) **đậm** <a href="https://e.x">a</a> :red[đỏ] $x$'


@pytest.mark.parametrize(("text", "shown"), [
    ("[Bấm](https://e.x) **đậm**.csv", "\\[Bấm\\](https\\:\u2060//e.x) \\*\\*đậm\\*\\*.csv"),
    ("<b>x</b> & `y` ~z~ a|b $1$", "\\<b\\>x\\</b\\> \\& \\`y\\` \\~z\\~ a\\|b \\$1\\$"),
    (":smile: :material/block: :red[x]", "\\:smile: \\:material/block: \\:red\\[x\\]"),
    ("# Tiêu đề\n- mục\n1. một\n> trích", "\\# Tiêu đề  \n\\- mục  \n1\\. một  \n\\> trích"),
    ("ghi chú: www.e.x hoặc a@b.vn", "ghi chú: www\u2060.e.x hoặc a@\u2060b.vn"),
    ("Kiểm tra (chưa ghi): 1.234,5 triệu đồng", "Kiểm tra (chưa ghi): 1.234,5 triệu đồng"),
])
def test_md_escapes_every_markup(text, shown):
    assert md(text) == shown


def test_md_of_nothing_is_empty():
    assert md(None) == "" and md(float("nan")) == ""


def test_plotly_escapes_tags_and_keeps_numbers():
    escaped = '&lt;a href="x"&gt;Bấm&lt;/a&gt; &amp; &lt;br&gt;'
    assert plotly('<a href="x">Bấm</a> & <br>') == escaped
    assert plotly(1.5) == 1.5 and plotly(None) is None


def test_every_label_of_a_chart_is_escaped():
    frame = pd.DataFrame({
        "indicator": [EVIL, "Tỷ lệ hộ nghèo"], "ratio": [120.0, 80.0],
        "band_low": [100.0, 100.0], "band_high": [100.0, 100.0], "status": ["Vượt", "Chưa đạt"],
        "label": ["120%", "80%"], "target": ["<b>> 50</b>", "< 1"],
    })
    fig = charts.attainment_bullets(frame)
    # Names sit in customdata (hover) and in the annotations written above each bar.
    shown = [str(v) for trace in fig.data for row in trace.customdata for v in row]
    shown += [a.text for a in fig.layout.annotations]
    assert all("<" not in v for v in shown), shown
    assert plotly(EVIL) in shown and "&lt;b&gt;&gt; 50&lt;/b&gt;" in shown
    assert "<extra></extra>" in fig.data[0].hovertemplate  # the dashboard's own markup stays


def test_plain_figure_escapes_names_annotations_and_titles():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["<i>a</i>"], y=[1], name="<b>n</b>", text=["<br>"]))
    fig.add_annotation(text="<a href='x'>t</a>")
    fig.update_layout(title={"text": "Tiêu đề <sup>2</sup>"})
    plain_figure(fig)
    assert fig.data[0].x == ("&lt;i&gt;a&lt;/i&gt;",) and fig.data[0].name == "&lt;b&gt;n&lt;/b&gt;"
    assert fig.data[0].text == ("&lt;br&gt;",)
    assert fig.layout.annotations[0].text == "&lt;a href='x'&gt;t&lt;/a&gt;"
    assert fig.layout.title.text == "Tiêu đề &lt;sup&gt;2&lt;/sup&gt;"


def test_upload_boxes_escape_names_from_the_file(staff_db, tmp_path):
    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["CHỈ TIÊU KẾ HOẠCH NĂM 2024"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024"], [1, EVIL, "%", "> 5"]]
    plan = write_xlsx(tmp_path / "p.xlsx", rows)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/nhap_du_lieu.py")
    login(at.run(), "ductrong")
    at.file_uploader(key="tep").upload("**đậm** [x](https:e.x).xlsx", plan.read_bytes(), XLSX)
    at.run()
    assert not at.exception and not at.error
    said = md(shortened(EVIL))  # the summary quotes a long name cut, and as text
    assert said in at.info[0].value
    click(at, "Ghi vào cơ sở dữ liệu")
    assert not at.exception
    assert said in at.success[0].value
    assert EVIL not in at.success[0].value
