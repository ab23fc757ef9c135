"""Danh mục chỉ tiêu: an admin changes an indicator's direction and the computed status on Đạt
chỉ tiêu changes; an admin maps an uncatalogued name onto an indicator; the page is not there
for staff or viewers and shows nothing to a visitor who reaches its file."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from tests.dashboard.logins import click, login

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGE = "pages/danh_muc.py"
BAO_LOC = "Thành phố Bảo Lộc"
GROWTH = "budget_revenue_growth"
GROWTH_NAME = "Tốc độ tăng tổng thu ngân sách nhà nước trên địa bàn"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _logged_in(name: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    return login(at, name)


def _open(at: AppTest, page: str, **params: str) -> AppTest:
    at.query_params.clear()
    at.query_params.update(params)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _computed(at: AppTest, indicator: str) -> str:
    """The 'Tính toán' cell of an indicator on the Đạt chỉ tiêu scorecard."""
    for table in at.dataframe:
        frame = table.value
        if "Tính toán" in frame.columns and indicator in set(frame["Chỉ tiêu"]):
            return frame.set_index("Chỉ tiêu").loc[indicator, "Tính toán"]
    raise AssertionError(f"{indicator} is not on the scorecard")


def _bao_loc(db: Path) -> str:
    con = duckdb.connect(str(db))
    try:
        return con.execute("SELECT id FROM localities WHERE name = ? AND id LIKE 'H63-%'",
                           [BAO_LOC]).fetchone()[0]
    finally:
        con.close()


def test_admin_changes_a_direction_and_the_status_on_dat_chi_tieu_follows(staff_db):
    at = _logged_in("quantri")
    scorecard = {"dia_phuong": _bao_loc(staff_db), "ky": "2021-2023"}
    assert _computed(_open(at, "pages/dat_chi_tieu.py", **scorecard), GROWTH_NAME) == "▲ Vượt"
    _open(at, PAGE)
    at.selectbox(key="dm_chi_tieu").select(GROWTH).run()
    at.selectbox(key=f"dm_huong_{GROWTH}").select("giảm là tốt")
    click(at, "Lưu thay đổi")
    assert "hướng: tăng là tốt → giảm là tốt" in at.success[0].value
    row = at.dataframe[0].value.set_index("Mã").loc[GROWTH]
    assert row["Hướng"] == "giảm là tốt"
    assert _computed(_open(at, "pages/dat_chi_tieu.py", **scorecard), GROWTH_NAME) == "✗ Chưa đạt"


def test_admin_maps_an_uncatalogued_name_onto_an_indicator(staff_db):
    at = _open(_logged_in("quantri"), PAGE)
    names = at.selectbox(key="dm_ten_moi")
    from_id, label = names.value, names.format_func(names.value)  # options hold the labels
    written = label.split(" — ")[0]
    at.selectbox(key=f"dm_gop_vao_{from_id}").select("ocop_products").run()
    assert next(b for b in at.button if b.label == "Gộp vào chỉ tiêu").disabled
    at.checkbox(key=f"dm_chac_chan_{from_id}_ocop_products").check().run()
    click(at, "Gộp vào chỉ tiêu")
    assert f"Đã gộp: gộp «{written}»" in at.success[0].value
    assert label not in at.selectbox(key="dm_ten_moi").options
    con = duckdb.connect(str(staff_db))
    try:
        left = con.execute("SELECT count(*) FROM current_rows WHERE indicator_id = ?",
                           [from_id]).fetchone()
        alias = con.execute("SELECT to_id, mapped_by FROM indicator_aliases").fetchall()
        audit = con.execute("SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1")
        audit = audit.fetchone()
    finally:
        con.close()
    assert left == (0,) and alias == [("ocop_products", "quantri")]
    assert audit == ("quantri", "catalog")


def test_admin_undoes_a_mapping_and_the_name_is_uncatalogued_again(staff_db):
    at = _open(_logged_in("quantri"), PAGE)
    assert not [s for s in at.selectbox if s.key == "dm_da_gop"]  # nothing mapped yet
    names = at.selectbox(key="dm_ten_moi")
    from_id, label = names.value, names.format_func(names.value)  # options hold the labels
    at.selectbox(key=f"dm_gop_vao_{from_id}").select("ocop_products").run()
    at.checkbox(key=f"dm_chac_chan_{from_id}_ocop_products").check().run()
    click(at, "Gộp vào chỉ tiêu")
    assert label not in at.selectbox(key="dm_ten_moi").options
    mapped = at.selectbox(key="dm_da_gop")
    assert mapped.value == from_id and "→ Số sản phẩm OCOP" in mapped.format_func(from_id)
    assert next(b for b in at.button if b.label == "Bỏ gộp").disabled
    at.checkbox(key=f"dm_chac_bo_gop_{from_id}").check().run()
    click(at, "Bỏ gộp")
    assert at.success[0].value.startswith("Đã bỏ gộp: bỏ gộp «")
    assert label in at.selectbox(key="dm_ten_moi").options
    assert not [s for s in at.selectbox if s.key == "dm_da_gop"]
    con = duckdb.connect(str(staff_db))
    try:
        back = con.execute("SELECT count(*) FROM current_rows WHERE indicator_id = ?",
                           [from_id]).fetchone()[0]
        aliases = con.execute("SELECT count(*) FROM indicator_aliases").fetchone()
    finally:
        con.close()
    assert back > 0 and aliases == (0,)


def test_a_mapping_that_would_hide_figures_is_refused_on_the_page(staff_db):
    """The demo's first uncatalogued budget name has figures beside 'Bổ sung từ ngân sách cấp
    trên' for the same provinces and years: merged, one of each pair would be hidden."""
    at = _open(_logged_in("quantri"), PAGE)
    from_id = at.selectbox(key="dm_ten_moi").value
    at.selectbox(key=f"dm_gop_vao_{from_id}").select("budget_transfer_total").run()
    at.checkbox(key=f"dm_chac_chan_{from_id}_budget_transfer_total").check().run()
    click(at, "Gộp vào chỉ tiêu")
    assert "che mất một trong hai" in at.error[0].value and not at.success
    con = duckdb.connect(str(staff_db))
    try:
        assert con.execute("SELECT count(*) FROM indicator_aliases").fetchone() == (0,)
    finally:
        con.close()


def test_a_synonym_of_another_indicator_is_refused_on_the_page(staff_db):
    at = _open(_logged_in("quantri"), PAGE)
    at.selectbox(key="dm_chi_tieu").select(GROWTH).run()
    synonyms = at.text_area(key=f"dm_ten_khac_{GROWTH}")
    synonyms.input(synonyms.value + "\nTỷ lệ hộ nghèo")
    click(at, "Lưu thay đổi")
    assert "đã là tên của chỉ tiêu «Tỷ lệ hộ nghèo»" in at.error[0].value
    assert not at.success


def test_the_next_upload_on_the_page_matches_a_synonym_the_admin_added(staff_db):
    name = "Số sáng kiến cải tiến kỹ thuật được công nhận"
    at = _open(_logged_in("quantri"), PAGE)
    at.selectbox(key="dm_chi_tieu").select("jobs_created").run()
    synonyms = at.text_area(key="dm_ten_khac_jobs_created")
    synonyms.input(f"{synonyms.value}\n{name}")
    click(at, "Lưu thay đổi")
    _open(at, "pages/nhap_du_lieu.py")
    rows = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
            ["Huyện Đức Trọng", "2023", name, "lao động", "10", "12"]]
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    at.file_uploader(key="tep").upload("sang_kien.xlsx", buffer.getvalue(), XLSX)
    at.run()
    assert not at.exception and not at.error
    preview = at.dataframe[0].value.set_index("Chỉ tiêu (như trong tệp)")
    assert preview.loc[name, "Chỉ tiêu trong danh mục"] == "Số lao động được giải quyết việc làm"


@pytest.mark.parametrize("name", ["ductrong", "xem"])
def test_staff_and_viewers_have_no_catalog_page(staff_db, name):
    at = _logged_in(name)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)  # not registered for them


def test_the_page_file_itself_shows_nothing_without_an_admin(staff_db):
    at = AppTest.from_file(str(Path(APP).parent / PAGE), default_timeout=30).run()
    assert not at.exception
    assert "Chỉ quản trị viên" in at.warning[0].value
    assert not at.dataframe and not at.button


def test_mapping_messages_name_the_indicators_in_vietnamese_never_by_id(staff_db):
    """After Gộp and Bỏ gộp the admin reads the name as written and the catalog indicator's
    Vietnamese name — not the internal id (u_…) of the uncatalogued name; the undo box asks
    'Chọn tên cần bỏ gộp'."""
    at = _open(_logged_in("quantri"), PAGE)
    names = at.selectbox(key="dm_ten_moi")
    from_id = names.value
    written = names.format_func(from_id).split(" — ")[0]
    assert from_id.startswith("u_")
    at.selectbox(key=f"dm_gop_vao_{from_id}").select("ocop_products").run()
    at.checkbox(key=f"dm_chac_chan_{from_id}_ocop_products").check().run()
    click(at, "Gộp vào chỉ tiêu")
    done = at.success[0].value
    assert f"«{written}»" in done and "«Số sản phẩm OCOP»" in done and "u_" not in done
    undo = at.selectbox(key="dm_da_gop")
    assert undo.label == "Chọn tên cần bỏ gộp"
    at.checkbox(key=f"dm_chac_bo_gop_{from_id}").check().run()
    click(at, "Bỏ gộp")
    undone = at.success[0].value
    assert f"«{written}»" in undone and "«Số sản phẩm OCOP»" in undone and "u_" not in undone


def test_the_indicator_choices_are_names_without_internal_ids(staff_db):
    at = _open(_logged_in("quantri"), PAGE)
    shown = at.selectbox(key="dm_chi_tieu").options
    assert GROWTH_NAME in shown
    assert not [label for label in shown if "(" + GROWTH + ")" in label or "_" in label]


def test_the_audit_log_names_the_indicator_an_admin_edited(staff_db):
    at = _open(_logged_in("quantri"), PAGE)
    at.selectbox(key="dm_chi_tieu").select(GROWTH).run()
    at.selectbox(key=f"dm_huong_{GROWTH}").select("giảm là tốt")
    click(at, "Lưu thay đổi")
    log = _open(at, "pages/lich_su.py").dataframe[-1].value
    edits = log[log["Việc"] == "Sửa danh mục"]
    assert list(edits["Đối tượng"]) == [GROWTH_NAME]
