"""What the held-out scripts share: writing a case's workbook, loading a file through the real
CLI into a fresh database, and the command line that writes every case and checks each one.
Each script keeps its own expected rows and comparison (the second checks more fields)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.workbook import write_xlsx

ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Case:
    """A held-out file: its name, how to write it, the rows it must be stored as (the
    script's own Row type), the load's options, and for a file that must be refused the words
    its message must hold."""

    name: str
    file: str
    write: Callable[[Path], object]
    rows: list
    args: tuple[str, ...] = ()
    what: str = ""
    refusal: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)


def split(row: Callable[..., object], locality: str, rows: list[tuple], target_period: str,
          actual_period: str) -> list:
    """(name, target, actual, pct_target, pct_prev) -> the target in its period and the
    result with its percentages in the report's, as `row`s."""
    out = []
    for name, target, actual, pct_t, pct_p in rows:
        out.append(row(locality, name, target_period, target=target))
        out.append(row(locality, name, actual_period, actual=actual, pct_target=pct_t,
                       pct_prev=pct_p))
    return out


def xlsx(rows, merges=(), formats=None, sheet="Sheet1", extra_sheets=None):
    """A case's writer: `rows` as a workbook (tests.workbook.write_xlsx)."""
    return lambda path: write_xlsx(path, rows, merges=merges, formats=formats, sheet=sheet,
                                   extra_sheets=extra_sheets)


def docx_table(document, rows: list[list[str]]) -> None:
    """`rows` as a Word table of `document` (python-docx), cell by cell."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def docx_signature(document, recipients: str, signer: str) -> None:
    """The signature block under a Word report: 'Nơi nhận' on the left, the signer's right."""
    document.add_paragraph("")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = recipients
    signature.cell(0, 1).text = signer


def load(path: Path, db: Path, args: Sequence[str]) -> tuple[int, str]:
    """`python -m etl load path --db db *args` into a fresh database: its exit code and what it
    printed, on one line."""
    db.unlink(missing_ok=True)
    Path(str(db) + ".wal").unlink(missing_ok=True)
    proc = subprocess.run([sys.executable, "-m", "etl", "load", str(path), "--db", str(db),
                           *args], cwd=ROOT, capture_output=True, text=True)
    return proc.returncode, " ".join((proc.stdout + proc.stderr).split())


def main(doc: str, cases: list[Case], check: Callable[[Case, Path, Path], list[str]],
         argv: list[str] | None = None) -> int:
    """Write every case into OUT; with --check DB, load and check each, one line a case."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--check", type=Path, metavar="DB")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for case in cases:
        case.write(args.out / case.file)
    if args.check is None:
        print(f"{len(cases)} files in {args.out}")
        return 0
    passed = 0
    for case in cases:
        problems = check(case, args.out, args.check)
        passed += not problems
        print(f"{case.name}: ok" if not problems else f"{case.name}: FAIL {case.what}")
        for line in problems:
            print(f"    {line}")
    print(f"{passed}/{len(cases)} ok")
    return 0 if passed == len(cases) else 1
