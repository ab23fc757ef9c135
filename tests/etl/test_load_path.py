"""What a load does besides reading figures, made visible (issue #12) and kept cheap (#11): the
file is opened once, the spec carries what the parser needs, no refusal is raised and
swallowed on a good file, the load command imports only what it uses, and a long table's
repeated place names are resolved once each."""

from __future__ import annotations

import builtins
import io
import subprocess
import sys
from pathlib import Path

import pytest

from etl import errors, layout, localities, read
from etl.numbers import parse_cell
from tests.etl import tables
from tests.seed import prepare
from tests.workbook import write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
REAL_2013 = ROOT / "data" / "real" / "Final_2013.xls"


def _count_opens(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Every Python-level open of `path` from now on (pathlib, zipfile and xlrd all go
    through io.open / builtins.open; calamine is given the bytes, never the path)."""
    opened: list[str] = []
    real_open = io.open

    def counting(file, *args, **kwargs):
        if Path(str(file)) == path if isinstance(file, (str, Path)) else False:
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting)
    monkeypatch.setattr(builtins, "open", counting)
    return opened


def test_a_workbook_with_percent_cells_is_opened_once(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "bao_loc.xlsx", tables.midterm(),
                      formats={tables.midterm_percent_cell(): "0.0%"})
    opened = _count_opens(monkeypatch, path)
    prepared = prepare(path, locality="Thành phố Bảo Lộc", period="2021-2023")
    assert len(opened) == 1
    bhyt = next(r for r in prepared.table.records if r.indicator_as_written.startswith("Tỷ lệ bảo"))
    assert bhyt.actual.low == pytest.approx(93.3)  # the percent scan read the same bytes
    assert len(prepared.sha256) == 64


def test_an_xls_is_opened_once_for_its_cells_formats_and_fonts(monkeypatch):
    opened = _count_opens(monkeypatch, REAL_2013)
    prepared = prepare(REAL_2013, sheet="M09+")
    assert len(opened) == 1
    revenue = [r for r in prepared.table.records if r.indicator_id == "budget_revenue_total"]
    assert len(revenue) == 64


def test_the_sha256_is_the_file_bytes_digest(tmp_path):
    import hashlib

    path = write_csv(tmp_path / "long.csv", [
        ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        ["Huyện Đức Trọng", "2022", "Tỷ lệ hộ nghèo", "%", "3,1"],
    ])
    assert prepare(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with read.open_source(path) as source:
        assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert read.read_grid(source).rows[1][0] == "Huyện Đức Trọng"


def test_detect_fills_the_header_the_parser_compares_rows_with(tmp_path):
    path = write_xlsx(tmp_path / "phu_luc.xlsx", tables.plan_2022())
    spec = layout.detect(read.read_grid(path))
    name = spec.role("name")
    assert spec.header_folded[0] == (name.index, "chi tieu")
    assert (0, "stt") in spec.header_folded[1:]


def test_a_good_file_raises_no_refusal_on_the_way(tmp_path, monkeypatch):
    """--period over a title naming another period, and a title naming its unit: the notes
    are made from values, not from refusals raised and caught."""
    path = write_xlsx(tmp_path / "phu_luc.xlsx", tables.plan_2022())
    prepare(path, period="2023")  # catalogs and name index built outside the count
    raised: list[str] = []
    real_init = errors.Refused.__init__

    def counting(self, message, **kwargs):
        raised.append(message)
        real_init(self, message, **kwargs)

    monkeypatch.setattr(errors.Refused, "__init__", counting)
    prepared = prepare(path, period="2023")
    assert any("tiêu đề bảng ghi kỳ Năm 2022" in n for n in prepared.table.notes)
    assert raised == []


def test_a_long_table_resolves_each_distinct_place_once(tmp_path, monkeypatch):
    rows = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"]]
    for place in ("Huyện Đức Trọng", "Thành phố Bảo Lộc", "Toàn tỉnh"):
        for name in ("Tỷ lệ hộ nghèo", "Tỷ lệ bảo hiểm y tế", "Thu ngân sách nhà nước"):
            rows.append([place, "2022", name, "%", "1,5"])
    path = write_csv(tmp_path / "long.csv", rows)
    calls: list[str] = []
    real_resolve = localities.resolve

    def counting(name, **kwargs):
        calls.append(name)
        return real_resolve(name, **kwargs)

    monkeypatch.setattr(localities, "resolve", counting)
    prepared = prepare(path)
    assert len(prepared.table.records) == 6
    assert sorted(c for c in calls if "Toàn" not in c) == ["Huyện Đức Trọng", "Thành phố Bảo Lộc"]
    assert sum("Toàn tỉnh" in s for s in prepared.table.skipped) == 3


def test_cells_equal_in_value_but_not_in_type_are_parsed_apart():
    assert parse_cell(1).text == parse_cell(1.0).text == "1"
    assert parse_cell(True).op is None and parse_cell(True).text == "True"
    assert parse_cell(1).op == "=" and parse_cell(True).op is None


def test_the_load_command_imports_only_what_it_uses(tmp_path):
    path = write_csv(tmp_path / "long.csv", [
        ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        ["Huyện Đức Trọng", "2022", "Tỷ lệ hộ nghèo", "%", "3,1"],
    ])
    script = (
        "import sys\nfrom etl.cli import main\n"
        f"code = main(['load', {str(path)!r}, '--db', {str(tmp_path / 'x.duckdb')!r}])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pandas', 'argon2', 'rapidfuzz', 'openpyxl', 'pyarrow', 'streamlit', 'plotly'}), code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    # a new database loads its catalogs through pandas once; the database exists now
    again = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                           text=True, timeout=120)
    assert again.stdout.strip().splitlines()[-1] == "[] 0", again.stdout + again.stderr[-2000:]


def test_naming_the_actor_reads_no_database_driver():
    """The CLI names its actor before the file is read: that must not import DuckDB (0,1 s on
    the main thread, while the warm-up thread imports it alongside the read)."""
    script = ("import sys\nfrom etl.actor import Actor\nActor('DucTrong ')\n"
              "Actor.local_operator()\nprint('duckdb' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr[-2000:]


def test_the_module_entry_point_keeps_the_output_and_the_exit_code(tmp_path):
    """`python -m etl` ends with os._exit: what it printed (to a pipe, so block-buffered) is
    flushed first, and a refusal's code (2) is the process's."""
    path = write_csv(tmp_path / "long.csv", [
        ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        ["Huyện Đức Trọng", "2022", "Tỷ lệ hộ nghèo", "%", "3,1"],
    ])
    db = str(tmp_path / "x.duckdb")
    loaded = subprocess.run([sys.executable, "-m", "etl", "load", str(path), "--db", db],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0 and "Đã nạp lô 1: 1 số liệu." in loaded.stdout, loaded.stderr
    refused = subprocess.run([sys.executable, "-m", "etl", "load", str(tmp_path / "khong.xlsx"),
                              "--db", db], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "Không tìm thấy tệp" in refused.stderr
