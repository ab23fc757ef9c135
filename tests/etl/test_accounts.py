"""Accounts end to end on real DuckDB files: `etl user add|list|remove` with the password on
stdin, argon2 hashes only, login with slowing and locking, and the permission check inside the
write functions (import and rollback) for staff, viewers and admins."""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from etl import accounts, store
from etl.accounts import Actor
from etl.cli import main
from etl.errors import Refused
from etl.pipeline import commit
from tests.holder import held
from tests.query import rows
from tests.seed import prepare
from tests.workbook import write_xlsx

PASSWORD = "mật-khẩu-Đức-Trọng-2025"
HEADER = ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch"]


def _add(db: Path, name: str, role: str, *places: str, password: str = PASSWORD,
         monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    flags = [arg for place in places for arg in ("--locality", place)]
    return main(["user", "add", name, "--role", role, *flags, "--db", str(db)])


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with an admin, a staff member of Huyện Đức Trọng, one of Thành phố Bảo Lộc
    and a viewer, all created through `etl user add`."""
    path = tmp_path / "chitieu.duckdb"
    assert _add(path, "quantri", "admin", monkeypatch=monkeypatch) == 0
    assert _add(path, "ductrong", "staff", "Huyện Đức Trọng", monkeypatch=monkeypatch) == 0
    assert _add(path, "baoloc", "staff", "Thành phố Bảo Lộc", monkeypatch=monkeypatch) == 0
    assert _add(path, "xem", "viewer", monkeypatch=monkeypatch) == 0
    return path


def _file(tmp_path: Path, name: str, *rows: list[object]) -> Path:
    return write_xlsx(tmp_path / name, [HEADER, *rows])


def _commit(db: Path, path: Path, actor: Actor | None):
    con = store.connect(db)
    try:
        return commit(con, prepare(path), actor)
    finally:
        con.close()


def _login(db: Path, name: str, password: str, now: datetime | None = None):
    con = store.connect(db)
    try:
        return accounts.login(con, name, password, now=now)
    finally:
        con.close()


# ---------------------------------------------------------------- user add / list / remove


def test_password_is_stored_only_as_an_argon2_hash(db, capsys):
    con = duckdb.connect(str(db))
    con.execute("CHECKPOINT")
    hashes = [r[0] for r in con.execute("SELECT password_hash FROM users").fetchall()]
    con.close()
    assert len(hashes) == 4 and all(h.startswith("$argon2id$") for h in hashes)
    raw = b"".join(p.read_bytes() for p in db.parent.glob("chitieu.duckdb*"))
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert PASSWORD.encode(encoding) not in raw
    assert PASSWORD not in capsys.readouterr().out


def test_user_list_shows_roles_and_localities_but_no_hash(db, capsys):
    capsys.readouterr()
    assert main(["user", "list", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "ductrong" in out and "Huyện Đức Trọng (H63-678)" in out
    assert "Thành phố Bảo Lộc (H63-673)" in out
    assert "$argon2" not in out and PASSWORD not in out
    lines = out.splitlines()  # the roles in words, each column starting under its header
    staff = next(line for line in lines if line.startswith("ductrong "))
    assert "Cán bộ nhập liệu" in staff and " staff " not in staff
    assert staff.index("Cán bộ nhập liệu") == lines[0].index("Vai trò")
    assert staff.index("Huyện Đức Trọng") == lines[0].index("Địa phương")


def test_user_add_names_the_localities_with_their_codes(db, monkeypatch, capsys):
    capsys.readouterr()
    assert _add(db, "hiepan", "staff", "Xã Hiệp An, Huyện Đức Trọng", "Huyện Đức Trọng",
                monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert out.strip() == ("Đã tạo tài khoản hiepan (Cán bộ nhập liệu) cho Huyện Đức Trọng "
                           "(H63-678); Xã Hiệp An (X63-24961).")


def test_user_remove_then_login_fails(db, capsys):
    assert main(["user", "remove", "baoloc", "--db", str(db)]) == 0
    assert rows(db, "SELECT count(*) FROM users WHERE name = 'baoloc'") == [(0,)]
    assert rows(db, "SELECT count(*) FROM user_localities WHERE user_name = 'baoloc'") == [(0,)]
    with pytest.raises(Refused, match="không đúng"):
        _login(db, "baoloc", PASSWORD)
    assert main(["user", "remove", "baoloc", "--db", str(db)]) == 2


def test_no_password_on_stdin_is_refused(tmp_path, monkeypatch, capsys):
    db = tmp_path / "x.duckdb"
    assert _add(db, "quantri", "admin", password="", monkeypatch=monkeypatch) == 2
    assert "Chưa có mật khẩu" in capsys.readouterr().err


def test_short_password_and_staff_without_locality_are_refused(tmp_path, monkeypatch, capsys):
    db = tmp_path / "x.duckdb"
    assert _add(db, "a", "admin", password="ngắn", monkeypatch=monkeypatch) == 2
    assert "ít nhất 8 ký tự" in capsys.readouterr().err
    assert _add(db, "b", "staff", monkeypatch=monkeypatch) == 2
    assert "--locality" in capsys.readouterr().err
    assert _add(db, "c", "viewer", "Huyện Đức Trọng", monkeypatch=monkeypatch) == 2
    assert "bỏ địa phương" in capsys.readouterr().err


def test_ambiguous_locality_lists_the_codes(tmp_path, monkeypatch, capsys):
    db = tmp_path / "x.duckdb"
    assert _add(db, "tinh", "staff", "Tỉnh Lâm Đồng", monkeypatch=monkeypatch) == 2
    err = capsys.readouterr().err
    assert "T63-68" in err and "T34-68" in err
    assert _add(db, "tinh", "staff", "T34-68", monkeypatch=monkeypatch) == 0


def test_duplicate_name_is_refused(db, monkeypatch, capsys):
    assert _add(db, "xem", "admin", monkeypatch=monkeypatch) == 2
    assert "Đã có tài khoản 'xem'" in capsys.readouterr().err
    assert rows(db, "SELECT role FROM users WHERE name = 'xem'") == [("viewer",)]


# ---------------------------------------------------------------- login


def test_wrong_password_and_unknown_name_get_the_same_answer(db):
    assert _login(db, "ductrong", PASSWORD).role == "staff"
    with pytest.raises(Refused) as wrong:
        _login(db, "ductrong", "sai-mat-khau")
    with pytest.raises(Refused) as unknown:
        _login(db, "khong-co", "sai-mat-khau")
    assert wrong.value.message == unknown.value.message == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_names_ignore_case_and_passwords_ignore_the_unicode_form(db, tmp_path):
    decomposed = unicodedata.normalize("NFD", PASSWORD)
    assert decomposed != PASSWORD
    assert _login(db, " DucTrong ", decomposed).name == "ductrong"
    path = _file(tmp_path, "dt.xlsx", ["Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,4"])
    batch = _commit(db, path, Actor("DUCTRONG")).batch_id
    con = store.connect(db)
    try:
        assert store.rollback(con, batch, actor=Actor("DucTrong")) == []  # the owner
    finally:
        con.close()
    assert rows(db, "SELECT loaded_by FROM batches") == [("ductrong",)]


def test_repeated_failures_slow_then_lock_and_the_lock_runs_out(db):
    now = datetime(2026, 1, 5, 8, 0)
    for attempt in range(accounts.SLOW_AFTER):
        with pytest.raises(Refused):
            _login(db, "ductrong", "sai", now + timedelta(seconds=attempt))
    soon = now + timedelta(seconds=accounts.SLOW_AFTER)
    with pytest.raises(Refused, match="Hãy chờ"):
        _login(db, "ductrong", PASSWORD, soon)  # even the right password waits
    later = soon
    for _ in range(accounts.LOCK_AFTER - accounts.SLOW_AFTER):
        later += timedelta(minutes=1)
        with pytest.raises(Refused):
            _login(db, "ductrong", "sai", later)
    with pytest.raises(Refused, match="tạm khoá"):
        _login(db, "ductrong", PASSWORD, later + timedelta(minutes=1))
    assert rows(db, "SELECT failures FROM login_failures WHERE name = 'ductrong'") == [
        (accounts.LOCK_AFTER,)]
    after = later + timedelta(minutes=accounts.LOCK_MINUTES + 1)
    assert _login(db, "ductrong", PASSWORD, after).name == "ductrong"
    assert rows(db, "SELECT count(*) FROM login_failures") == [(0,)]


# ---------------------------------------------------------------- permissions at the write


def test_staff_writes_for_its_district_and_the_communes_under_it(db, tmp_path):
    path = _file(tmp_path, "dt.xlsx", ["Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,4"],
                 ["Xã Hiệp An, Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,5"])
    result = _commit(db, path, Actor("ductrong"))
    assert rows(db, "SELECT loaded_by FROM batches WHERE id = ?", [result.batch_id]) == [
        ("ductrong",)]


def test_a_file_naming_another_locality_is_refused_whole(db, tmp_path):
    path = _file(tmp_path, "mixed.xlsx",
                 ["Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,4"],
                 ["Thành phố Bảo Lộc", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,3"],
                 ["Thành phố Bảo Lộc", "2023", "Giải quyết việc làm", "lao động", "4.000"])
    before = rows(db, "SELECT count(*) FROM observations")
    with pytest.raises(Refused) as refused:
        _commit(db, path, Actor("ductrong"))
    message = refused.value.message
    assert "Thành phố Bảo Lộc (dòng 3, 4)" in message and "Huyện Đức Trọng" in message
    assert rows(db, "SELECT count(*) FROM observations") == before
    assert rows(db, "SELECT count(*) FROM batches") == [(0,)]


def test_viewer_anonymous_and_removed_accounts_cannot_write(db, tmp_path):
    path = _file(tmp_path, "dt.xlsx", ["Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,4"])
    with pytest.raises(Refused, match="chỉ được xem"):
        _commit(db, path, Actor("xem"))
    with pytest.raises(Refused, match="Cần đăng nhập"):
        _commit(db, path, None)
    with pytest.raises(Refused, match="Không có tài khoản"):
        _commit(db, path, Actor("ai-do"))
    assert rows(db, "SELECT count(*) FROM batches") == [(0,)]


def test_new_commune_staff_writes_for_the_units_that_became_it(db, tmp_path, monkeypatch):
    assert _add(db, "xaductrong", "staff", "Xã Đức Trọng", monkeypatch=monkeypatch) == 0
    old = _file(tmp_path, "old.xlsx",
                ["Thị trấn Liên Nghĩa, Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,4"])
    assert _commit(db, old, Actor("xaductrong")).batch_id
    district = _file(tmp_path, "district.xlsx",
                     ["Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,4"])
    with pytest.raises(Refused, match="Huyện Đức Trọng"):
        _commit(db, district, Actor("xaductrong"))


def test_rollback_by_owner_or_admin_only(db, tmp_path):
    path = _file(tmp_path, "dt.xlsx", ["Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,4"])
    first = _commit(db, path, Actor("ductrong")).batch_id
    con = store.connect(db)
    try:
        for other in ("baoloc", "xem"):
            with pytest.raises(Refused):
                store.rollback(con, first, actor=Actor(other))
        assert store.rollback(con, first, actor=Actor("ductrong")) == []
        second = commit(con, prepare(path), Actor("ductrong")).batch_id
        assert store.rollback(con, second, actor=Actor("quantri")) == []
    finally:
        con.close()
    assert rows(db, "SELECT state FROM batches ORDER BY id") == [("rolled_back",)] * 2


def test_cli_user_flag_checks_the_account_and_records_the_person(db, tmp_path, capsys):
    path = _file(tmp_path, "bl.xlsx", ["Thành phố Bảo Lộc", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,3"])
    assert main(["load", str(path), "--user", "ductrong", "--db", str(db)]) == 2
    assert "Thành phố Bảo Lộc (dòng 2)" in capsys.readouterr().err
    assert main(["load", str(path), "--user", "baoloc", "--db", str(db)]) == 0
    assert main(["rollback", "1", "--user", "ductrong", "--db", str(db)]) == 2
    assert main(["rollback", "1", "--db", str(db)]) == 0  # the local operator
    loaded = rows(db, "SELECT loaded_by FROM batches")
    assert loaded == [("baoloc",)]


def test_a_dry_run_as_an_account_says_what_the_load_would_refuse(db, tmp_path, capsys):
    path = _file(tmp_path, "bl.xlsx", ["Thành phố Bảo Lộc", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,3"])
    before = rows(db, "SELECT count(*) FROM batches")
    assert main(["load", str(path), "--user", "ductrong", "--dry-run", "--db", str(db)]) == 2
    assert "Thành phố Bảo Lộc (dòng 2)" in capsys.readouterr().err
    assert main(["load", str(path), "--user", "baoloc", "--dry-run", "--db", str(db)]) == 0
    assert main(["load", str(path), "--dry-run", "--db", str(db)]) == 0  # the local operator
    assert rows(db, "SELECT count(*) FROM batches") == before


def test_audit_log_records_who_did_what_from_which_file(db, tmp_path, capsys):
    path = _file(tmp_path, "dt.xlsx", ["Huyện Đức Trọng", "2023", "Tỷ lệ hộ nghèo", "%", "< 0,4"])
    _login(db, "ductrong", PASSWORD)
    with pytest.raises(Refused):
        _login(db, "ductrong", "sai")
    batch = _commit(db, path, Actor("ductrong")).batch_id
    con = store.connect(db)
    store.rollback(con, batch, actor=Actor("quantri"))
    con.close()
    log = rows(db, "SELECT actor, action, subject, file_name FROM audit_log ORDER BY id")
    assert ("ductrong", "login", None, None) in log
    assert ("ductrong", "login_failed", None, None) in log
    assert ("ductrong", "import", str(batch), "dt.xlsx") in log
    assert ("quantri", "rollback", str(batch), "dt.xlsx") in log
    added = rows(db, "SELECT subject FROM audit_log WHERE action = 'user_add' ORDER BY id")
    assert added == [("quantri",), ("ductrong",), ("baoloc",), ("xem",)]
    capsys.readouterr()
    assert main(["audit", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Hoàn tác lô" in out and "Dòng lệnh" in out and "dt.xlsx" in out
    assert PASSWORD not in out


def test_user_add_while_the_dashboard_holds_the_file_points_to_the_accounts_page(
        db, monkeypatch, capsys):
    with held(db):
        assert _add(db, "moi", "viewer", monkeypatch=monkeypatch) == 2
        assert "trang Tài khoản" in capsys.readouterr().err
