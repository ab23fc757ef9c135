"""Uploads from the browser: keep the file in the app's private folder while it is read, prepare
it through the ETL (nothing written), show a preview, then write it as the process's one writer;
undo through rollback.

DuckDB allows one writer per file, and the Streamlit process holds it, so uploads never go
through the CLI: they call the same `etl.pipeline` functions on a cursor of this process.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import auth, catalog, queries
from dashboard.db import PROJECT_ROOT, cursor, writer
from dashboard.refusals import said
from etl import accounts, read, store
from etl.accounts import Actor
from etl.errors import Refused
from etl.periods import label as period_label
from etl.pipeline import Prepared, Progress, commit, prepare, summary
from etl.store import StoreResult

__all__ = [
    "Refused", "summary",  # the ETL's refusal and summary, for the page (pages import no etl)
    "ACCEPTED_TYPES", "AUTO_SHEET", "MAX_MB", "UPLOAD_DIR", "kept_upload", "sheets_of",
    "prepare_upload",
    "preview_frame", "write", "undo", "write_and_tell", "undo_and_tell", "scope_problem",
    "just_saved", "chart_links", "LARGE_BYTES", "LARGE_RECORDS", "progress_bar",
    "SAVED", "SAVE_ERROR", "UNDONE", "UNDO_ERROR",
]

# Session keys where the save and undo callbacks leave their outcome for the page (`ui.outcome`).
SAVED, SAVE_ERROR = "thong_bao_ghi", "loi_ghi"
UNDONE, UNDO_ERROR = "thong_bao_hoan_tac", "loi_hoan_tac"

# Files from this size (or saves from this many rows) show a progress bar while they are read
# (written): below it the whole step takes well under a second and a bar would only flicker.
LARGE_BYTES = 256 * 1024
LARGE_RECORDS = 2_000
# Every kind the readers take (etl.read): the uploader refuses any other before the ETL sees it.
ACCEPTED_TYPES = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "txt", "tsv", "docx"]
AUTO_SHEET = "Tự tìm bảng chỉ tiêu"  # the sheet box's first choice: every sheet tried in turn
# The app's own folder (0700), not the shared, world-writable system temporary folder.
UPLOAD_DIR = PROJECT_ROOT / "data" / "uploads"
MAX_MB = read.MAX_FILE_BYTES // (1024 * 1024)  # the uploader says and enforces the ETL's limit

PREVIEW_COLUMNS = {
    "row_no": "Dòng",
    "locality": "Địa phương",
    "period": "Kỳ",
    "indicator_as_written": "Chỉ tiêu (như trong tệp)",
    "indicator": "Chỉ tiêu trong danh mục",
    "unit": "ĐVT",
    "target": "Kế hoạch / chỉ tiêu",
    "actual": "Thực hiện",
    "status": "Đánh giá",
    "pct_target": "% kế hoạch",
    "pct_prev": "% cùng kỳ",
    "source": "Ô nguồn",
}


@contextmanager
def kept_upload(name: str, data: bytes) -> Iterator[Path]:
    """The uploaded bytes as a file in the app's private folder while the block reads it, with
    the original extension; removed when the block ends (prepared or refused alike)."""
    if len(data) > read.MAX_FILE_BYTES:
        raise Refused(
            f"Tệp {name} lớn hơn giới hạn {read.MAX_FILE_BYTES // (1024 * 1024)} MB."
        )
    fd, kept = tempfile.mkstemp(suffix=Path(name).suffix.lower(), dir=_private_dir())
    path = Path(kept)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        yield path
    finally:
        path.unlink(missing_ok=True)


def _private_dir() -> Path:
    """UPLOAD_DIR, created 0700 and checked to be this user's own folder, not a symlink or a
    folder someone else prepared (what made the shared /tmp unsafe)."""
    UPLOAD_DIR.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(UPLOAD_DIR, 0o700)
    except FileExistsError:
        pass
    info = os.lstat(UPLOAD_DIR)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise Refused(f"Thư mục nhận tệp {UPLOAD_DIR} không phải thư mục riêng của ứng dụng (là "
                      "liên kết hoặc của người dùng khác). Không nhận tệp; báo quản trị viên.")
    if stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(UPLOAD_DIR, 0o700)
    return UPLOAD_DIR


def sheets_of(path: Path) -> list[str]:
    """Sheet names of a workbook (empty for text files)."""
    try:
        return read.sheet_names(path)
    except Refused:
        return []


def prepare_upload(
    path: Path, file_name: str, *, locality: str = "", period: str = "", sheet: str = "",
    progress: Progress | None = None, header_row: int | None = None,
    roles: dict[str, str] | None = None,
) -> Prepared:
    """Read, detect, parse and check the file (with the person's corrections of the header row
    and column roles, if any); raises Refused, which the page shows with `said` (advice naming
    the form's boxes, not the command-line flags). `progress` sees each stage."""
    return prepare(
        path, catalog=catalog.live(), locality=locality.strip() or None,
        period=period.strip() or None, sheet=sheet or None, file_name=file_name,
        progress=progress, header_row=header_row, roles=roles,
    )


def preview_frame(prepared: Prepared, names: dict[str, str]) -> pd.DataFrame:
    """What will be written, one row per observation, with Vietnamese column names."""
    rows = []
    for rec in prepared.table.records:
        rows.append({
            "row_no": rec.row_no,
            "locality": names.get(rec.locality_id, rec.locality_id),
            "period": period_label(rec.period),
            "indicator_as_written": rec.indicator_as_written,
            "indicator": names.get(rec.indicator_id, "— chưa có trong danh mục —"),
            "unit": rec.unit or "",
            "target": rec.target.text if rec.target else "",
            "actual": rec.actual.text if rec.actual else "",
            "status": rec.reported_status or "",
            "pct_target": rec.pct_target,
            "pct_prev": rec.pct_prev,
            "source": rec.actual_source or rec.target_source or "",
        })
    return pd.DataFrame(rows, columns=list(PREVIEW_COLUMNS)).rename(columns=PREVIEW_COLUMNS)


def display_names(prepared: Prepared) -> dict[str, str]:
    """Names of the localities and catalogued indicators a prepared file refers to."""
    places = sorted({r.locality_id for r in prepared.table.records})
    indicators = sorted({r.indicator_id for r in prepared.table.records if r.catalogued})
    return queries.names_of(tuple(places), tuple(indicators))


def scope_problem(prepared: Prepared) -> str | None:
    """Why the logged-in person may not save this file (rows naming other localities), shown
    before the save button; the write itself checks again."""
    rows = [(r.row_no, r.locality_id) for r in prepared.table.records]
    try:
        accounts.authorize_import(cursor(), auth.actor(), rows)
    except Refused as err:
        return said(err)
    return None


def write(prepared: Prepared, actor: Actor | None,
          progress: Progress | None = None) -> StoreResult:
    """One transaction as `actor` (the ETL checks its rights), as the process's one writer: two
    sessions' saves run in turn."""
    with writer() as con:
        return commit(con, prepared, actor, progress)


def undo(batch_id: int, actor: Actor | None) -> list[int]:
    """Roll back a batch as `actor` and the process's one writer; returns the batches it brings
    back."""
    with writer() as con:
        return store.rollback(con, batch_id, actor=actor)


def write_and_tell(prepared: Prepared) -> None:
    """Button callback: write, and leave the outcome (or why nothing was written) for the next
    run to show; a database error becomes a message, never an exception box."""
    try:
        with progress_bar(len(prepared.table.records) >= LARGE_RECORDS) as tell:
            result = write(prepared, auth.actor(), tell)
    except (Refused, duckdb.Error) as err:
        st.session_state[SAVE_ERROR] = _write_error(err)
        return
    st.session_state[SAVED] = summary(prepared, result)
    if result.unchanged:  # the file was loaded already: no 'Đã ghi lô …' for nothing written
        return
    st.session_state["lo_hoan_tac"] = result.batch_id  # the undo box offers the batch just saved
    st.session_state["tep_da_ghi"] = {"key": _saved_key(prepared), "batch": result.batch_id}


def _saved_key(prepared: Prepared) -> tuple[str, str, str]:
    return (prepared.sha256, prepared.options, prepared.sheet)


def just_saved(prepared: Prepared) -> int | None:
    """The batch this very file (same bytes, sheet and options) was saved as in this session, so
    the page shows it saved instead of a second live save button."""
    saved = st.session_state.get("tep_da_ghi")
    return saved["batch"] if saved and saved["key"] == _saved_key(prepared) else None


def chart_links(prepared: Prepared, names: dict[str, str],
                limit: int = 3) -> list[tuple[str, dict[str, str]]]:
    """(label, query parameters of Tổng quan) for the first locality × period pairs saved."""
    pairs = sorted({(r.locality_id, r.period) for r in prepared.table.records})
    return [(f"Xem biểu đồ: {names.get(loc, loc)}, {period_label(period)}",
             {"dia_phuong": loc, "ky": period}) for loc, period in pairs[:limit]]


def undo_and_tell(batch_id: int) -> None:
    """Button callback: roll back, and leave the outcome (or the refusal) for the next run."""
    try:
        restored = undo(batch_id, auth.actor())
    except (Refused, duckdb.Error) as err:
        st.session_state[UNDO_ERROR] = _write_error(err)
        return
    again = f"; dùng lại lô {', '.join(map(str, restored))}" if restored else ""
    st.session_state[UNDONE] = f"Đã hoàn tác lô {batch_id}{again}."
    if (st.session_state.get("tep_da_ghi") or {}).get("batch") == batch_id:
        del st.session_state["tep_da_ghi"]  # the file can be saved again


def _write_error(err: Exception) -> str:
    if isinstance(err, Refused):
        return said(err)
    return (f"Không ghi được vào cơ sở dữ liệu ({type(err).__name__}). Không có gì được ghi; "
            "hãy thử lại, và báo quản trị viên nếu lỗi còn.")


@contextmanager
def progress_bar(shown: bool = True) -> Iterator[Progress | None]:
    """A progress bar the ETL's stage callback moves, removed when the block ends; None (and
    nothing drawn) when not `shown`."""
    if not shown:
        yield None
        return
    bar = st.progress(0.0, text="Đang bắt đầu…")

    def tell(share: float, what: str) -> None:
        bar.progress(min(max(share, 0.0), 1.0), text=what)

    try:
        yield tell
    finally:
        bar.empty()
