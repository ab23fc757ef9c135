"""The one-way flow is kept by a test, not by good intentions: file → etl → DuckDB → dashboard
queries → pages. Walks every module's imports and string constants:

- etl/ imports neither Streamlit, Plotly nor dashboard/ (it runs from the CLI and in tests);
- pages/ and app.py import no etl/ (they lay out what dashboard/ gives them);
- SQL is written only in the modules whose job it is: etl/store*.py and etl/sql.py for the
  writes and the ETL's reads, dashboard/queries.py for the dashboard's reads.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SQL = re.compile(r"\b(SELECT\s|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (OR REPLACE )?"
                 r"(TABLE|VIEW|MACRO|SEQUENCE)|ALTER TABLE|DROP TABLE)")
SQL_HOMES = {"etl/sql.py", "dashboard/queries.py"}
# Not our database: the vietnamadminunits package ships its catalog as SQLite, read once.
SQL_ELSEWHERE = {"etl/localities/_catalog.py": "reads the vietnamadminunits package's SQLite"}


def _modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _sql_lines(path: Path) -> list[int]:
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and SQL.search(node.value)]


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", _modules("etl"), ids=_name)
def test_etl_imports_no_streamlit_plotly_or_dashboard(path):
    banned = {m for m in _imports(path) if m.split(".")[0] in ("streamlit", "plotly", "dashboard")}
    assert not banned, f"{_name(path)} imports {sorted(banned)}"


@pytest.mark.parametrize("path", [*_modules("pages"), ROOT / "app.py"], ids=_name)
def test_pages_import_no_etl(path):
    banned = {m for m in _imports(path) if m.split(".")[0] == "etl"}
    assert not banned, f"{_name(path)} imports {sorted(banned)}: go through dashboard/"


@pytest.mark.parametrize("path", [*_modules("etl", "dashboard", "pages"), ROOT / "app.py"],
                         ids=_name)
def test_sql_only_where_sql_belongs(path):
    name = _name(path)
    if name in SQL_HOMES or re.fullmatch(r"etl/store(_\w+)?\.py", name) or name in SQL_ELSEWHERE:
        return
    assert not _sql_lines(path), f"SQL in {name} at lines {_sql_lines(path)}"


def test_the_checks_see_a_violation(tmp_path):
    """The walkers find what they look for (so a silent pass means a clean tree)."""
    sample = tmp_path / "sample.py"
    sample.write_text('import streamlit as st\nfrom etl.store import x\n'
                      'Q = "SELECT id FROM batches"\n', encoding="utf-8")
    assert {"streamlit", "etl.store"} <= _imports(sample) and _sql_lines(sample) == [3]
