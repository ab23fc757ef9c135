"""Command line: load, export, history, rollback, user (the docs/DESIGN.md contract), plus
audit, build, template (the blank upload template) and synth.

Who writes: the CLI is the local operator (it holds the database file anyway). `load` and
`rollback` write as the operating-system user with full rights, unless `--user NAME` names an
account: then that account's role and localities are checked and `loaded_by` is NAME.

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

from etl.errors import CLI_ADVICE, Refused, render

DEFAULT_DB = Path("data/chitieu.duckdb")

# argparse's own words (usage, help, its errors), which it looks up through gettext at the
# moment it prints them: said in Vietnamese like the rest of the command. Anything not listed
# stays English.
_ARGPARSE_WORDS = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "đối số",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu đối số: %s",
    "unrecognized arguments: %s": "không hiểu đối số: %s",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "giá trị %(value)r không có trong các lựa chọn (%(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn %(option)s chưa rõ, có thể là %(matches)s",
}


def _vietnamese(message: str) -> str:
    return _ARGPARSE_WORDS.get(message, message)


def default_db() -> Path:
    return Path(os.environ.get("CHITIEU_DB") or DEFAULT_DB)


def _parser() -> argparse.ArgumentParser:
    from etl.corrections import ROLES

    argparse._ = _vietnamese  # noqa: SLF001 - the module's gettext hook, read at print time

    parser = argparse.ArgumentParser(
        prog="python -m etl", description="Nạp bảng chỉ tiêu vào cơ sở dữ liệu Chỉ Tiêu."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="nạp một tệp phụ lục (.xlsx, .xlsm, .xlsb, .xls, .ods, "
                                         ".csv, .tsv, .txt, .docx)")
    load.add_argument("file", type=Path)
    load.add_argument("--locality", help="địa phương, ví dụ 'Huyện Đức Trọng'")
    load.add_argument("--period", help="kỳ như trong báo cáo ('6 tháng đầu năm 2023', 'Quý "
                      "I/2023', 'Giai đoạn 2021-2025') hoặc mã kỳ: 2023, 2023-H1, 2023-Q3, "
                      "2023-9M, 2021-2025")
    load.add_argument("--sheet", help="tên trang tính")
    load.add_argument("--header-row", type=int, metavar="N",
                      help="dòng trang tính bắt đầu tiêu đề bảng, thay cho dòng tự tìm")
    load.add_argument("--column", action="append", default=[], metavar="CỘT=VAI_TRÒ",
                      help="vai trò một cột, thay cho vai trò tự đoán, ví dụ E=actual; vai trò: "
                           + ", ".join(ROLES))
    load.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    load.add_argument("--user", help="nạp dưới tên tài khoản này (kiểm tra quyền của tài khoản)")
    export = sub.add_parser("export", help="xuất số liệu hiện hành")
    export.add_argument("--format", choices=["csv", "xlsx", "phuluc"], default="csv",
                        help="phuluc: bảng phụ lục chỉ tiêu của một địa phương, một kỳ (.xlsx)")
    export.add_argument("--out", type=Path)
    export.add_argument("--locality", help="với --format phuluc: địa phương, ví dụ "
                        "'Huyện Đức Trọng'")
    export.add_argument("--period", help="với --format phuluc: kỳ, ví dụ 2023-H1 hoặc "
                        "'6 tháng đầu năm 2023'")
    sub.add_parser("history", help="lịch sử các lô đã nạp")
    rollback = sub.add_parser("rollback", help="hoàn tác một lô")
    rollback.add_argument("batch_id", type=int)
    rollback.add_argument("--user", help="hoàn tác dưới tên tài khoản này")
    users = sub.add_parser("user", help="tài khoản: add, list, remove")
    user_sub = users.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="tạo tài khoản (mật khẩu đọc từ đầu vào chuẩn)")
    add.add_argument("name")
    add.add_argument("--role", choices=["viewer", "staff", "admin"], required=True)
    add.add_argument("--locality", action="append", default=[],
                     help="địa phương của cán bộ (lặp lại được), ví dụ 'Xã Đức Trọng'")
    user_sub.add_parser("list", help="danh sách tài khoản")
    remove = user_sub.add_parser("remove", help="xoá tài khoản")
    remove.add_argument("name")
    audit = sub.add_parser("audit", help="nhật ký hoạt động (đăng nhập, nạp, hoàn tác, tài khoản)")
    audit.add_argument("--limit", type=int, default=200)
    build = sub.add_parser("build", help="dựng cơ sở dữ liệu mẫu từ data/seed")
    build.add_argument("--force", action="store_true", help="dựng lại dù đã có")
    blank = sub.add_parser("template", help="ghi mẫu nhập liệu trống (.xlsx) theo danh mục")
    blank.add_argument("--out", type=Path, required=True)
    synth = sub.add_parser("synth", help="tạo tệp tổng hợp để đo tốc độ")
    synth.add_argument("--out", type=Path, required=True)
    synth.add_argument("--localities", type=int, default=100)
    synth.add_argument("--indicators", type=int, default=50)
    synth.add_argument("--periods", type=int, default=10)
    for p in (load, export, sub.choices["history"], rollback, build, add,
              user_sub.choices["list"], remove, audit):
        p.add_argument("--db", type=Path, help="đường dẫn cơ sở dữ liệu (mặc định CHITIEU_DB "
                       "hoặc data/chitieu.duckdb)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except Refused as err:
        print(f"Từ chối: {render(err, CLI_ADVICE)}", file=sys.stderr)
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
        return _rollback(args.batch_id, db, _actor(args))
    if args.command == "user":
        from etl.cli_users import run_user

        return run_user(args, db)
    if args.command == "audit":
        from etl.cli_users import run_audit

        return run_audit(args, db)
    if args.command == "build":
        from etl.build import build_database

        build_database(db, force=args.force)
        print(f"Đã dựng cơ sở dữ liệu mẫu: {db}")
        return 0
    if args.command == "template":
        return _template(args.out)
    from etl.synth import write_synthetic

    path = write_synthetic(args.out, args.localities, args.indicators, args.periods)
    print(f"Đã ghi {path}")
    return 0


def _load(args: argparse.Namespace, db: Path) -> int:
    from etl.corrections import parse_column_flag
    from etl.pipeline import load_file, summary, warm_up

    warm_up()  # the database driver and the catalogs load while the file is read
    prepared, result = load_file(
        args.file, db, locality=args.locality, period=args.period, sheet=args.sheet,
        dry_run=args.dry_run, actor=_actor(args), header_row=args.header_row,
        roles=dict(parse_column_flag(flag) for flag in args.column),
    )
    print(summary(prepared, result))
    return 0


def _actor(args: argparse.Namespace):
    """The account named by --user, else the local operator (the operating-system user)."""
    from etl.actor import Actor

    return Actor(args.user, via="cli") if args.user else Actor.local_operator()


def _open_existing(db: Path, *, read_only: bool, command: str):
    from etl import store

    if not db.exists():
        raise Refused(f"Chưa có cơ sở dữ liệu {db}. Hãy nạp một tệp trước (python -m etl load).")
    return store.connect(db, read_only=read_only, command=command)


def _refuse_overwriting_a_database(out: Path | None, db: Path) -> None:
    """`export --out` never writes over the database, its WAL or any other DuckDB file."""
    from etl.dbfile import is_database_file, wal_of

    if out is None:
        return
    targets = [db, wal_of(db)]
    same = any(out.resolve() == t.resolve() or (out.exists() and t.exists() and out.samefile(t))
               for t in targets)
    if same or is_database_file(out):
        raise Refused(f"Không xuất vào {out}: đó là tệp cơ sở dữ liệu (hoặc tệp WAL của nó), ghi "
                      "đè sẽ mất số liệu. Hãy chọn tên tệp khác cho --out, ví dụ chitieu.csv.")


def _export(args: argparse.Namespace, db: Path) -> int:
    from etl.export import current_frame, write_csv, write_xlsx

    if args.format == "phuluc":
        return _export_appendix(args, db)
    _refuse_overwriting_a_database(args.out, db)
    con = _open_existing(db, read_only=True, command="export")
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
    from etl.periods import read_period
    from etl.phuluc import write_appendix

    if not (args.locality and args.period and args.out):
        raise Refused("--format phuluc cần --locality, --period và --out, ví dụ: python -m etl "
                      "export --format phuluc --locality \"Huyện Đức Trọng\" --period 2023-H1 "
                      "--out phu_luc.xlsx")
    _refuse_overwriting_a_database(args.out, db)
    con = _open_existing(db, read_only=True, command="export")
    buffer = io.BytesIO()
    try:
        count = write_appendix(con, args.locality, read_period(args.period).code, buffer)
    finally:
        con.close()
    _write_out(args.out, buffer.getvalue())
    print(f"Đã ghi phụ lục {count} chỉ tiêu vào {args.out}")
    return 0


def _template(out: Path) -> int:
    """The blank upload template, its drop-downs from data/indicators.csv (the dashboard's
    button takes them from the database, which an admin may have edited)."""
    from etl.indicators import Catalog
    from etl.template import template_bytes

    seed = Catalog.load()
    known = [seed.get(i) for i in seed.frame()["id"]]
    _write_out(out, template_bytes([(i.name, i.unit) for i in known if i is not None]))
    print(f"Đã ghi mẫu nhập liệu trống vào {out}")
    return 0


def _write_out(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except (FileNotFoundError, NotADirectoryError, PermissionError, IsADirectoryError) as err:
        raise Refused(f"Không ghi được tệp {out}: thư mục không có hoặc không được phép ghi "
                      f"({type(err).__name__}).") from None


def _history(db: Path) -> int:
    from etl.store import history

    con = _open_existing(db, read_only=True, command="history")
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


def _rollback(batch_id: int, db: Path, actor) -> int:
    from etl.store import rollback

    con = _open_existing(db, read_only=False, command="rollback")
    try:
        restored = rollback(con, batch_id, actor=actor)
    finally:
        con.close()
    again = f"; dùng lại lô {', '.join(map(str, restored))}" if restored else ""
    print(f"Đã hoàn tác lô {batch_id}{again}.")
    return 0
