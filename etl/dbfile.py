"""The database as a file on disk: which program holds DuckDB's lock on it, whether a path is a
DuckDB database (or its WAL), and an exclusive hold that keeps every other program out while
the file is replaced. No SQL here; `etl.store` opens connections."""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from etl.errors import Refused
from etl.text import shortened

__all__ = [
    "Holder", "holder_of", "lock_holder", "held_message", "is_database_file", "wal_of",
    "exclusive", "open_failure",
]

# DuckDB 1.x/2.x: 'IO Error: Could not set lock on file "…": Conflicting lock is held in
# /usr/bin/python3.11 (PID 9534). See also …'. The PID part is missing on some systems.
_LOCK_TEXT = "Could not set lock on file"
_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file


@dataclass(frozen=True)
class Holder:
    pid: int | None
    program: str          # the executable DuckDB names, '' when unknown
    command: str          # the full command line from /proc, '' when unreadable

    @property
    def kind(self) -> str:
        """'dashboard' (streamlit), 'cli' (python -m etl), 'other' or 'unknown'."""
        words = self.command.split()
        if any("streamlit" in w for w in words):
            return "dashboard"
        modules = {b for a, b in zip(words, words[1:], strict=False) if a == "-m"}
        if "etl" in modules or any(w.endswith("etl/__main__.py") for w in words):
            return "cli"
        return "other" if self.pid is not None else "unknown"


def holder_of(err: BaseException) -> Holder | None:
    """The program holding the lock, when `err` is DuckDB's lock conflict; None otherwise."""
    text = str(err)
    if _LOCK_TEXT not in text:
        return None
    match = _HOLDER.search(text)
    if not match:
        return Holder(None, "", "")
    pid = int(match["pid"])
    return Holder(pid, match["program"], _command_line(pid))


def _command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return " ".join(part.decode("utf-8", "replace") for part in raw.split(b"\0") if part)


_ADVICE = {
    # What to do instead, per command, when the dashboard holds the file.
    "load": "Hãy nạp tệp qua trang Nhập dữ liệu trên bảng điều khiển, hoặc dừng máy chủ rồi "
            "chạy lại lệnh.",
    "export": "Hãy tải số liệu ở trang Dữ liệu trên bảng điều khiển (nút tải CSV/Excel), hoặc "
              "dừng máy chủ rồi chạy lại lệnh.",
    "history": "Xem lịch sử nạp ở trang Nhập dữ liệu trên bảng điều khiển, hoặc dừng máy chủ "
               "rồi chạy lại lệnh.",
    "rollback": "Hãy hoàn tác lô ở trang Nhập dữ liệu trên bảng điều khiển, hoặc dừng máy chủ "
                "rồi chạy lại lệnh.",
    "build": "Không dựng lại cơ sở dữ liệu đang được dùng: dừng máy chủ rồi chạy lại lệnh, "
             "hoặc dựng vào tệp khác bằng --db.",
}


def held_message(path: Path, holder: Holder, command: str) -> str:
    """Who holds `path` and what to do instead, in Vietnamese, fitting `command`."""
    pid = f"PID {holder.pid}" if holder.pid is not None else "không rõ PID"
    if holder.kind == "dashboard":
        who = f"đang được bảng điều khiển Chỉ Tiêu (Streamlit, {pid}) mở"
        advice = _ADVICE.get(command, "Dừng máy chủ rồi chạy lại lệnh.")
    elif holder.kind == "cli":
        who = f"đang được một lệnh python -m etl khác ({pid}) dùng"
        advice = "Chờ lệnh đó xong rồi chạy lại."
    elif holder.kind == "other":
        program = os.path.basename(holder.program) or "?"
        command_line = shortened(holder.command or "?", 100)
        who = f"đang được chương trình khác mở ({program}, {pid}: {command_line})"
        advice = "Đóng chương trình đó rồi chạy lại lệnh."
    else:
        who = "đang được một chương trình khác mở"
        advice = "Đóng chương trình đó (hoặc dừng bảng điều khiển) rồi chạy lại lệnh."
    if command == "build" and holder.kind != "dashboard":
        advice = "Không dựng lại cơ sở dữ liệu đang được dùng. " + advice
    return f"Cơ sở dữ liệu {path} {who}. {advice}"


def open_failure(path: Path, err: BaseException, command: str) -> Refused | None:
    """A refusal for a database that cannot be opened for a reason the user can fix (held by
    another program, a folder, not a DuckDB file); None for anything unexpected."""
    holder = holder_of(err)
    if holder is not None:
        return Refused(held_message(path, holder, command))
    if path.is_dir():
        return Refused(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu. Hãy chỉ --db tới "
                       "một tệp .duckdb.")
    if path.is_file() and not is_database_file(path):
        return Refused(f"Tệp {path} không phải cơ sở dữ liệu DuckDB của Chỉ Tiêu. Hãy chỉ --db "
                       "tới một tệp .duckdb (hoặc một tên tệp chưa có để tạo mới).")
    return None


def is_database_file(path: Path) -> bool:
    """True when `path` is an existing DuckDB database file (by its header)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(12)[8:12] == _MAGIC
    except OSError:
        return False


def wal_of(path: Path) -> Path:
    """The write-ahead log DuckDB keeps beside a database file."""
    return Path(str(path) + ".wal")


def lock_holder(path: Path) -> Holder | None:
    """The program holding DuckDB's lock on an existing `path`, or None when it is free."""
    import duckdb

    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.IOException as err:
        return holder_of(err)
    return None


@contextmanager
def exclusive(path: Path, command: str) -> Iterator[None]:
    """Hold the same POSIX lock DuckDB takes on `path` (when it exists), so that no program can
    open it until the block ends; a file already held is a refusal naming its holder.

    POSIX locks belong to the process: do not call this on a file this very process has open
    in DuckDB (closing the descriptor would drop DuckDB's lock too). The CLI never does."""
    path = Path(path)
    if not path.exists():
        yield
        return
    fd = os.open(path, os.O_RDWR)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = lock_holder(path) or Holder(None, "", "")
            raise Refused(held_message(path, holder, command)) from None
        yield
    finally:
        os.close(fd)
