"""The phụ lục download of Trình chiếu and Đạt chỉ tiêu: the button serves (bytes taken from the
app's media store) the appendix `python -m etl export --format phuluc` writes, named after the
locality and period in ASCII, and the file loads back with `etl load` to the same figures. The
PowerPoint and PNG downloads are named after the locality too."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from dashboard import appendix
from dashboard import db as dashboard_db
from etl.cli import main
from tests.etl.test_phuluc import _figures

APP = Path(__file__).resolve().parents[2] / "app.py"
BAO_LOC, BAO_LOC_ID = "Thành phố Bảo Lộc", "H63-673"
LABEL = "Tải phụ lục (Excel)"


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database the dashboard is pointed at (the command line opens
    it too, so it must not be the shared one the other tests' dashboard holds)."""
    path = Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))
    monkeypatch.setenv("CHITIEU_DB", str(path))
    yield path
    dashboard_db.connection().close()
    dashboard_db._connect.clear()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """What AppTest's media manager was given: stored files, the names of deferred ones, and
    what a click on a deferred one downloads (by name)."""
    seen: dict = {"stores": [], "deferred": [], "on_click": {}}

    class Kept(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            seen["stores"].append(self)

    class Manager(MediaFileManager):
        def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
            seen["deferred"].append(file_name)
            seen["on_click"][file_name] = data_callable
            return super().add_deferred(data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Kept)
    monkeypatch.setattr(app_test_module, "MediaFileManager", Manager)
    return seen


def _open(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _download(at: AppTest, served: dict, label: str) -> tuple[str, bytes]:
    """The file behind the button: written when the button is clicked (a deferred download)."""
    buttons = [b for b in at.get("download_button") if b.proto.label == label]
    assert len(buttons) == 1, [b.proto.label for b in at.get("download_button")]
    name = next(n for n in served["deferred"] if n.startswith("phu_luc_"))
    return name, served["on_click"][name]()


def _cells(workbook: bytes | Path) -> list[tuple]:
    source = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    return list(load_workbook(source).active.iter_rows(values_only=True))


@pytest.mark.parametrize("page", ["trinh_chieu", "dat_chi_tieu"])
def test_the_page_serves_the_appendix_of_the_command_line(db, served, tmp_path, capsys, page):
    cli = tmp_path / "cli.xlsx"
    assert main(["export", "--format", "phuluc", "--locality", BAO_LOC_ID, "--period",
                 "2021-2023", "--db", str(db), "--out", str(cli)]) == 0, capsys.readouterr().err
    at = _open(page, dia_phuong=BAO_LOC_ID, ky="2021-2023")
    name, content = _download(at, served, LABEL)
    assert name == "phu_luc_thanh_pho_bao_loc_2021-2023.xlsx"
    assert _cells(content) == _cells(cli)
    assert _cells(content)[0][0] == "UBND THÀNH PHỐ BẢO LỘC"


def test_the_downloaded_appendix_loads_back_to_the_same_figures(db, served, tmp_path, capsys):
    at = _open("trinh_chieu", dia_phuong=BAO_LOC_ID, ky="2021-2023")
    _, content = _download(at, served, LABEL)
    dashboard_db.connection().close()  # the copy is read below by a plain connection
    dashboard_db._connect.clear()
    workbook = tmp_path / "phu_luc.xlsx"
    workbook.write_bytes(content)
    again = tmp_path / "again.duckdb"
    assert main(["load", str(workbook), "--db", str(again)]) == 0, capsys.readouterr().err
    expected = _figures(db, BAO_LOC_ID, "2021-2023")
    assert expected and _figures(again, BAO_LOC_ID, "2021-2023") == expected


def test_no_appendix_button_without_figures(db, served):
    assert appendix.appendix_bytes("v", BAO_LOC_ID, "1999") is None


def test_the_appendix_is_written_on_the_click_not_on_the_view(db, served):
    appendix.appendix_bytes.clear()
    at = _open("dat_chi_tieu", dia_phuong=BAO_LOC_ID, ky="2021-2023")
    assert [b.proto.label for b in at.get("download_button")] == [LABEL]
    assert "phu_luc_thanh_pho_bao_loc_2021-2023.xlsx" in served["deferred"]
    stored = served["stores"][-1]._files_by_id.values()
    assert not [f.filename for f in stored if (f.filename or "").startswith("phu_luc_")]


def test_deck_downloads_are_named_after_the_locality(db, served):
    _open("trinh_chieu", dia_phuong=BAO_LOC_ID, ky="2021-2023")
    assert served["deferred"] == ["trinh_chieu_thanh_pho_bao_loc_2021-2023.pptx",
                                  "bieu_do_thanh_pho_bao_loc_2021-2023.zip",
                                  "phu_luc_thanh_pho_bao_loc_2021-2023.xlsx"]
