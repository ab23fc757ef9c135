"""Command line: load, export, history, rollback (the DESIGN.md contract), plus build and synth.

Exit codes: 0 done; 2 refused (bad input, ambiguous name, database held by the dashboard) with a
one-paragraph message on stderr and nothing written; 1 unexpected error, nothing written.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import traceback
from pathlib import Path

from etl.errors import Refused

DEFAULT_DB = Path("data/chitieu.duckdb")


def default_db() -> Path:
    return Path(os.environ.get("CHITIEU_DB") or DEFAULT_DB)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl", description="Nạp bảng chỉ tiêu vào cơ sở dữ liệu Chỉ Tiêu."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="nạp một tệp phụ lục (.xlsx, .xls, .csv, .txt, .docx)")
    load.add_argument("file", type=Path)
    load.add_argument("--locality", help="địa phương, ví dụ 'Huyện Đức Trọng'")
    load.add_argument("--period", help="kỳ: 2023, 2023-H1, 2023-Q3, 2023-9M, 2021-2025")
    load.add_argument("--sheet", help="tên trang tính")
    load.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    export = sub.add_parser("export", help="xuất số liệu hiện hành")
    export.add_argument("--format", choices=["csv", "xlsx", "phuluc"], default="csv",
                        help="phuluc: bảng phụ lục chỉ tiêu của một địa phương, một kỳ (.xlsx)")
    export.add_argument("--out", type=Path)
    export.add_argument("--locality", help="với --format phuluc: địa phương, ví dụ "
                        "'Huyện Đức Trọng'")
    export.add_argument("--period", help="với --format phuluc: kỳ, ví dụ 2023-H1")
    sub.add_parser("history", help="lịch sử các lô đã nạp")
    rollback = sub.add_parser("rollback", help="hoàn tác một lô")
    rollback.add_argument("batch_id", type=int)
    build = sub.add_parser("build", help="dựng cơ sở dữ liệu mẫu từ data/seed")
    build.add_argument("--force", action="store_true", help="dựng lại dù đã có")
    synth = sub.add_parser("synth", help="tạo tệp tổng hợp để đo tốc độ")
    synth.add_argument("--out", type=Path, required=True)
    synth.add_argument("--localities", type=int, default=100)
    synth.add_argument("--indicators", type=int, default=50)
    synth.add_argument("--periods", type=int, default=10)
    for p in (load, export, sub.choices["history"], rollback, build):
        p.add_argument("--db", type=Path, help="đường dẫn cơ sở dữ liệu (mặc định CHITIEU_DB "
                       "hoặc data/chitieu.duckdb)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except Refused as err:
        print(f"Từ chối: {err.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 1
    except BrokenPipeError:  # `export | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:  # noqa: BLE001 - the contract: exit 1, a message, no traceback
        print(f"Lỗi không mong đợi ({type(err).__name__}): {err}. Không có gì được ghi.",
              file=sys.stderr)
        if os.environ.get("CHITIEU_DEBUG"):
            traceback.print_exc()
        return 1


def _run(args: argparse.Namespace) -> int:
    db = getattr(args, "db", None) or default_db()
    if args.command == "load":
        return _load(args, db)
    if args.command == "export":
        return _export(args, db)
    if args.command == "history":
        return _history(db)
    if args.command == "rollback":
        return _rollback(args.batch_id, db)
    if args.command == "build":
        from etl.build import build_database

        build_database(db, force=args.force)
        print(f"Đã dựng cơ sở dữ liệu mẫu: {db}")
        return 0
    from etl.synth import write_synthetic

    path = write_synthetic(args.out, args.localities, args.indicators, args.periods)
    print(f"Đã ghi {path}")
    return 0


def _load(args: argparse.Namespace, db: Path) -> int:
    from etl.pipeline import load_file, summary

    prepared, result = load_file(
        args.file, db, locality=args.locality, period=args.period, sheet=args.sheet,
        dry_run=args.dry_run,
    )
    print(summary(prepared, result))
    return 0


def _open_existing(db: Path, *, read_only: bool):
    from etl import store

    if not db.exists():
        raise Refused(f"Chưa có cơ sở dữ liệu {db}. Hãy nạp một tệp trước (python -m etl load).")
    return store.connect(db, read_only=read_only)


def _export(args: argparse.Namespace, db: Path) -> int:
    from etl.export import current_frame, write_csv, write_xlsx

    if args.format == "phuluc":
        return _export_appendix(args, db)
    con = _open_existing(db, read_only=True)
    try:
        frame = current_frame(con)
    finally:
        con.close()
    try:
        if args.format == "xlsx":
            buffer = io.BytesIO()
            write_xlsx(frame, buffer)
            if args.out:
                args.out.write_bytes(buffer.getvalue())
            else:
                sys.stdout.buffer.write(buffer.getvalue())
        elif args.out:
            with args.out.open("w", encoding="utf-8", newline="") as handle:
                write_csv(frame, handle)
        else:
            write_csv(frame, sys.stdout)
    except (FileNotFoundError, NotADirectoryError, PermissionError, IsADirectoryError) as err:
        raise Refused(f"Không ghi được tệp {args.out}: thư mục không có hoặc không được phép ghi "
                      f"({type(err).__name__}).") from None
    return 0


def _export_appendix(args: argparse.Namespace, db: Path) -> int:
    from etl.phuluc import write_appendix

    if not (args.locality and args.period and args.out):
        raise Refused("--format phuluc cần --locality, --period và --out, ví dụ: python -m etl "
                      "export --format phuluc --locality \"Huyện Đức Trọng\" --period 2023-H1 "
                      "--out phu_luc.xlsx")
    con = _open_existing(db, read_only=True)
    buffer = io.BytesIO()
    try:
        count = write_appendix(con, args.locality, args.period, buffer)
    finally:
        con.close()
    _write_out(args.out, buffer.getvalue())
    print(f"Đã ghi phụ lục {count} chỉ tiêu vào {args.out}")
    return 0


def _write_out(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except (FileNotFoundError, NotADirectoryError, PermissionError, IsADirectoryError) as err:
        raise Refused(f"Không ghi được tệp {out}: thư mục không có hoặc không được phép ghi "
                      f"({type(err).__name__}).") from None


def _history(db: Path) -> int:
    from etl.store import history

    con = _open_existing(db, read_only=True)
    try:
        frame = history(con)
    finally:
        con.close()
    if frame.empty:
        print("Chưa có lô nào.")
        return 0
    frame["replaced_by"] = frame["replaced_by"].astype("Int64").astype("string").fillna("")
    print(frame.fillna("").to_string(index=False))
    return 0


def _rollback(batch_id: int, db: Path) -> int:
    from etl.store import rollback

    con = _open_existing(db, read_only=False)
    try:
        restored = rollback(con, batch_id)
    finally:
        con.close()
    again = f"; dùng lại lô {', '.join(map(str, restored))}" if restored else ""
    print(f"Đã hoàn tác lô {batch_id}{again}.")
    return 0
