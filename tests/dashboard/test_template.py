"""The upload templates on Nhập dữ liệu: the download buttons give real workbooks (the bytes the
browser would get, taken from the app's media store), the pre-filled one holds the chosen
locality's indicators and targets, and both load back through the page's own upload path —
unchanged when nothing is typed, with the typed results when something is."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from dashboard import db as dashboard_db
from dashboard import diff, periods, queries, template, upload
from etl.accounts import Actor
from tests.dashboard.logins import login

APP = Path(__file__).resolve().parents[2] / "app.py"
BAO_LOC, DUC_TRONG = "Thành phố Bảo Lộc", "Huyện Đức Trọng"


@pytest.fixture
def db(staff_db: Path) -> Path:
    yield staff_db
    dashboard_db.connection().close()
    dashboard_db._connect.clear()


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> list[MemoryMediaFileStorage]:
    """The media stores AppTest creates, so a test can read what a download button serves."""
    stores: list[MemoryMediaFileStorage] = []

    class Kept(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            stores.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Kept)
    return stores


def _downloads(at: AppTest, stores: list[MemoryMediaFileStorage]) -> dict[str, tuple[str, bytes]]:
    """label -> (file name, bytes) of every download button of the last run."""
    found = {}
    for button in at.get("download_button"):
        kept = stores[-1].get_file(button.proto.url.rsplit("/", 1)[-1])
        found[button.proto.label] = (kept.filename, kept.content)
    return found


def _page(name: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    login(at, name)
    assert not at.exception, [e.message for e in at.exception]
    return at


def _data_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content))["Số liệu"]
    return [row for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize(("code", "after"), [
    ("2023", "2024"), ("2023-H1", "2023-H2"), ("2023-H2", "2024-H1"), ("2023-Q3", "2023-Q4"),
    ("2023-Q4", "2024-Q1"), ("2023-9M", "2024-9M"), ("2021-2025", "2026-2030"),
    ("2021-2023", "2024-2026"),
])
def test_the_period_after(code, after):
    assert periods.following(code) == after


def test_download_buttons_give_the_blank_and_the_prefilled_workbooks(db, media):
    at = _page("ductrong")
    assert at.selectbox(key="mau_dia_phuong").value == "H63-678"  # the staff member's own
    assert at.selectbox(key="mau_ky").value == "2024"  # the period after the latest, 2023
    assert "Chỉ tiêu và kế hoạch lấy từ Năm 2023 (ô tô vàng); phần thực hiện để trống." in [
        c.value for c in at.caption]
    files = _downloads(at, media)
    assert set(files) == {"Tải mẫu trống", "Tải mẫu điền sẵn"}
    name, blank = files["Tải mẫu trống"]
    assert name == "mau_nhap_lieu.xlsx"
    assert load_workbook(io.BytesIO(blank)).sheetnames == ["Số liệu", "Hướng dẫn", "Danh mục"]
    assert _data_rows(blank) == []
    name, filled = files["Tải mẫu điền sẵn"]
    assert name == "mau_nhap_lieu_huyen_duc_trong_2024.xlsx"
    rows = _data_rows(filled)
    current = queries.observations(queries.data_version(), ("H63-678",), ("2023",))
    assert len(rows) == len(current) > 0
    assert {r[:2] for r in rows} == {(DUC_TRONG, "2024")}
    assert {r[4] for r in rows} == set(current["target_text"].dropna())
    assert {r[5] for r in rows} == {None} and {r[7] for r in rows} == {"678"}


def test_choosing_another_period_changes_the_prefilled_rows(db, media):
    at = _page("ductrong")
    at.selectbox(key="mau_ky").set_value("2022").run()
    assert not at.exception
    name, filled = _downloads(at, media)["Tải mẫu điền sẵn"]
    assert name.endswith("_2022.xlsx")
    rows = _data_rows(filled)
    assert len(rows) == 36 and {r[1] for r in rows} == {"2022"}
    assert not any("lấy từ" in c.value for c in at.caption)  # the period's own targets


def test_a_prefilled_template_loads_back_unchanged_then_with_results(db, demo_ids):
    version = queries.data_version()
    place = demo_ids[BAO_LOC]
    content = template.prefilled_bytes(version, place, "2025")
    before = queries.observations(version, (place,), ("2025",))
    with upload.kept_upload("mau.xlsx", content) as path:
        prepared = upload.prepare_upload(path, "mau.xlsx")
    changes = diff.changes(version, prepared, upload.display_names(prepared))
    assert len(changes) == len(before) == 16
    assert set(changes["So với hiện có"]) == {diff.SAME}  # nothing typed, nothing changes

    wb = load_workbook(io.BytesIO(content))
    sheet = wb["Số liệu"]
    typed = {sheet["C2"].value: 7.9, sheet["C3"].value: 1234.5}
    sheet["F2"], sheet["F3"], sheet["G2"] = "7,9", "1.234,5", "Chưa đạt"
    buffer = io.BytesIO()
    wb.save(buffer)
    with upload.kept_upload("mau_ket_qua.xlsx", buffer.getvalue()) as path:
        prepared = upload.prepare_upload(path, "mau_ket_qua.xlsx")
    upload.write(prepared, Actor("baoloc"))
    after = queries.observations(queries.data_version(), (place,), ("2025",))
    assert list(after.sort_values("indicator_id")["target_text"]) == list(
        before.sort_values("indicator_id")["target_text"])
    results = after.dropna(subset=["actual_text"])
    assert dict(zip(results["indicator"], results["actual_value"], strict=True)) == typed
    assert results.loc[results["actual_value"] == 7.9, "reported_status"].item() == "Chưa đạt"


def test_a_filled_template_uploads_previews_and_saves_with_the_progress_bar_on(
        db, media, monkeypatch):
    """The blank template from the page, filled in, through the uploader: the preview says the
    data sheet was read, Ghi saves it, and the progress bars (on for every size here) are gone
    once each step is done."""
    monkeypatch.setattr(upload, "LARGE_BYTES", 0)
    monkeypatch.setattr(upload, "LARGE_RECORDS", 0)
    at = _page("ductrong")
    wb = load_workbook(io.BytesIO(_downloads(at, media)["Tải mẫu trống"][1]))
    wb["Số liệu"].append([DUC_TRONG, "2024", "Tỷ lệ hộ nghèo", "%", "≤ 2", "1,85", "Đạt"])
    buffer = io.BytesIO()
    wb.save(buffer)
    at.file_uploader(key="tep").upload("mau_da_dien.xlsx", buffer.getvalue(), template.XLSX_MIME)
    at.run()
    assert not at.exception and not at.error
    assert "mẫu nhập liệu: đã đọc trang 'Số liệu'" in at.info[0].value
    assert list(at.dataframe[0].value["Thực hiện"]) == ["1,85"]
    assert not at.get("progress")
    next(b for b in at.button if b.label == "Ghi vào cơ sở dữ liệu").click().run()
    assert not at.exception and "Đã nạp lô" in at.success[0].value
    assert not at.get("progress")
    saved = queries.observations(queries.data_version(), ("H63-678",), ("2024",))
    assert list(saved["actual_value"]) == [1.85]


def test_an_admin_may_prefill_for_any_locality_with_data(db, media, demo_ids):
    at = _page("quantri")
    options = at.selectbox(key="mau_dia_phuong").options
    assert {BAO_LOC, DUC_TRONG} <= set(options) and len(options) > 60
    at.selectbox(key="mau_dia_phuong").set_value(demo_ids[BAO_LOC]).run()
    assert not at.exception and at.selectbox(key="mau_ky").value == "2026"  # after 2025
    rows = _data_rows(_downloads(at, media)["Tải mẫu điền sẵn"][1])
    assert {r[0] for r in rows} == {BAO_LOC} and len(rows) == 16  # 2025's indicators
