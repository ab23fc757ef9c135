"""The indicator catalog and matching indicator names as written in plans, reports and ministry
tables to catalog ids. `data/indicators.csv` seeds a new database; the live catalog is the
database's `indicators` table (read by `etl.store_catalog.catalog`,
built by `Catalog.from_records`).

`normalize` (in `_names`) reduces a name to a key; `Catalog.match` looks the key up (alone and
together with its parent row) and falls back to a strict fuzzy comparison; a name it cannot
place gets a stable uncatalogued id from `uncatalogued_id`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from etl.errors import Refused
from etl.indicators._names import GROWTH, named_numbers, normalize, uncatalogued_id
from etl.text import fold

if TYPE_CHECKING:  # imported on use: a load whose names match exactly needs neither
    import pandas as pd

__all__ = [
    "DEFAULT_PATH", "DOMAINS", "DIRECTIONS", "KINDS", "Indicator", "Match", "Catalog",
    "normalize", "uncatalogued_id",
]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "indicators.csv"
HEADER = ["id", "name", "parent_id", "unit", "direction", "domain", "kind", "notes", "synonyms"]
DOMAINS = ("kinh tế", "ngân sách", "văn hóa – xã hội", "môi trường", "quốc phòng – an ninh",
           "xây dựng Đảng")
DIRECTIONS = ("up", "down")
KINDS = ("growth", "rate", "amount", "count", "level", "share")
FRAME_COLUMNS = HEADER + ["catalogued", "position"]

TOTAL_KEYS = frozenset({"tong so", "tong cong", "cong", "tong", "so tong"})
CONTEXT_CUTOFF = 85        # fuzzy score among the children of a recognised parent row
GLOBAL_CUTOFF = 90         # fuzzy score over the whole catalog
MIN_FUZZY_LENGTH = 8       # shorter keys are only matched exactly
# Words a fuzzy match may not add or drop: growth, reduction, near-poor, grade one vs two
# anywhere; a leading 'số' (count), 'tỷ lệ' (rate) or 'tổng' (total): 'Số hộ nghèo DTTS' is
# not 'Hộ nghèo DTTS' in %.
DECISIVE = frozenset({GROWTH, "giam", "can", "mot", "hai", "ba", "khong"})
DECISIVE_LEAD = frozenset({"so", "ty", "tong"})
_CHAIN = re.compile(r"\s+/\s+|\s*>\s*|\s*\n\s*|\s+\|\s+")


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    parent_id: str | None
    unit: str | None
    direction: str | None
    domain: str | None
    kind: str | None
    notes: str | None
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    indicator_id: str
    catalogued: bool
    score: float
    how: str  # exact | context | fuzzy | new


# ------------------------------------------------------------------------------- catalog

class Catalog:
    """The indicators of data/indicators.csv with the indexes `match` uses.

    Two indexes: every name and synonym by its normal form, and ('context') every parent
    name or synonym followed by a child name or synonym, so that a sub-row such as 'Rác thải đô
    thị' or 'Vốn ngoài nước' is read together with the row or header above it. Keys that two
    indicators share are kept for the first and listed by `conflicts()`.
    """

    def __init__(self, indicators: Iterable[Indicator]) -> None:
        self._by_id: dict[str, Indicator] = {}
        self._children: dict[str, list[str]] = {}
        for ind in indicators:
            self._by_id[ind.id] = ind
            if ind.parent_id:
                self._children.setdefault(ind.parent_id, []).append(ind.id)
        self._conflicts: list[tuple[str, str, str]] = []
        self._index: dict[str, str] = {}
        self._context: dict[str, str] = {}
        self._memo: dict[tuple[str, str | None], Match] = {}
        self._build()

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Catalog:
        """Read and check the catalog CSV; refuse a file with a bad header or row."""
        path = Path(path)
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        if not rows or [c.strip() for c in rows[0]] != HEADER:
            raise Refused(f"Danh mục chỉ tiêu {path.name}: dòng tiêu đề phải là "
                          f"'{','.join(HEADER)}'.")
        indicators = [_indicator(path.name, n, row) for n, row in enumerate(rows[1:], start=2)
                      if any(cell.strip() for cell in row)]
        _check_ids(path.name, indicators)
        return cls(indicators)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, object]]) -> Catalog:
        """The catalog from rows of the database's `indicators` table (columns of HEADER, in
        catalog order), as stored: the database checked them when they were written."""
        return cls(_from_cells({c: _cell(row[c]) for c in HEADER}) for row in records)

    # -- lookups ---------------------------------------------------------------------------

    def get(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def children(self, indicator_id: str) -> list[Indicator]:
        """Direct sub-indicators, in catalog order."""
        return [self._by_id[c] for c in self._children.get(indicator_id, [])]

    def conflicts(self) -> list[tuple[str, str, str]]:
        """(key, kept id, other id) for every normal form two indicators share."""
        return list(self._conflicts)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._by_id.values())

    def owner(self, text: str) -> str | None:
        """The indicator a spelling already names exactly (its normal form is a name or synonym
        of it), or None."""
        return self._index.get(normalize(text))

    def rows(self) -> list[list[object]]:
        """Rows for the DuckDB `indicators` table, in schema column order (`FRAME_COLUMNS`),
        `position` = catalog order."""
        return [[i.id, i.name, i.parent_id, i.unit, i.direction, i.domain, i.kind, i.notes,
                 "|".join(i.synonyms) or None, True, n]
                for n, i in enumerate(self._by_id.values(), start=1)]

    def frame(self) -> pd.DataFrame:
        """`rows()` as a frame."""
        import pandas as pd

        frame = pd.DataFrame(self.rows(), columns=FRAME_COLUMNS, dtype=object)
        return frame.astype({"catalogued": bool, "position": "int64"})

    # -- matching --------------------------------------------------------------------------

    def match(self, text: str, parent_text: str | None = None, unit: str | None = None) -> Match:
        """The catalog indicator a name (and the parent row or header above it) stands for.

        Order: the name read together with its parent (`how='context'`; a 'Tổng số' column
        under a recognised parent is the parent itself), the name alone (`'exact'`), a strict
        fuzzy comparison, first among the children of the recognised parent, then over the
        whole catalog, between keys with the same decisive words (`DECISIVE`: a growth never
        matches a level, a count never a rate; `'fuzzy'`), else a new uncatalogued id
        (`'new'`). `unit` is the row's own unit, when it states one: an indicator whose unit
        says the opposite (a rate in %, a value in tỷ đồng: 'Nông, lâm nghiệp và thủy sản'
        under 'Giá trị sản xuất' is not its growth) is passed over. Results are memoised:
        files repeat the same names many times.
        """
        memo_key = (text, parent_text, unit)  # the unit as written: one lookup per row
        found = self._memo.get(memo_key)
        if found is None:
            found = self._memo[memo_key] = self._match(text, parent_text, is_percent(unit))
        return found

    def _match(self, text: str, parent_text: str | None, percent: bool | None) -> Match:
        if not str(text).strip():
            raise Refused("Tên chỉ tiêu trống: mỗi dòng số liệu cần tên chỉ tiêu.")
        for found in self._candidates(text, parent_text):
            if found is not None and self._unit_fits(found.indicator_id, percent):
                return found
        return Match(uncatalogued_id(text, parent_text), False, 0.0, "new")

    def _candidates(self, text: str, parent_text: str | None) -> Iterator[Match | None]:
        """What `match` tries, in its order, each worked out only when the one before fails."""
        key = normalize(text)
        chain = [part for part in _CHAIN.split(parent_text or "") if part.strip()]
        if chain:
            yield self._in_context(text, chain)
        if key in self._index:
            yield Match(self._index[key], True, 1.0, "exact")
        parent_id = self._parent_id(chain) if chain else None
        if parent_id and key in TOTAL_KEYS:
            yield Match(parent_id, True, 1.0, "context")
        if parent_id:
            yield self._fuzzy_children(key, parent_id)
        yield self._fuzzy(key)

    def _unit_fits(self, indicator_id: str, percent: bool | None) -> bool:
        """A row's unit does not contradict the indicator's (both stated, one a percentage)."""
        theirs = is_percent(self._by_id[indicator_id].unit)
        return percent is None or theirs is None or percent == theirs

    def _in_context(self, text: str, chain: list[str]) -> Match | None:
        for start in range(len(chain) - 1, -1, -1):
            key = normalize(" ".join(chain[start:] + [text]))
            hit = self._context.get(key) or self._index.get(key)
            if hit:
                return Match(hit, True, 1.0, "context")
        return None

    def _parent_id(self, chain: list[str]) -> str | None:
        outer = " / ".join(chain[:-1]) or None
        found = self.match(chain[-1], outer)
        return found.indicator_id if found.catalogued else None

    def _fuzzy_children(self, key: str, parent_id: str) -> Match | None:
        decisive = _decisive(key)
        choices = {k: i for i in self._children.get(parent_id, []) for k in self._keys[i]
                   if _decisive(k) == decisive}
        return _best(key, choices, CONTEXT_CUTOFF)

    def _fuzzy(self, key: str) -> Match | None:
        if len(key) < MIN_FUZZY_LENGTH:
            return None
        return _best(key, self._pools.get(_decisive(key), {}), GLOBAL_CUTOFF)

    def closest(self, text: str, limit: int = 3, cutoff: float = 50) -> list[Indicator]:
        """The catalog indicators whose names or synonyms come closest to a name, best first,
        one entry per indicator: what to offer for a name `match` could not place."""
        from rapidfuzz import fuzz, process  # the page's suggestions only: a load needs none

        key = normalize(text)
        if not key:
            return []
        ids = list(self._index.values())
        hits = process.extract(key, list(self._index), scorer=fuzz.token_sort_ratio,
                               score_cutoff=cutoff, limit=limit * 4)
        found = dict.fromkeys(ids[position] for _, _, position in hits)
        return [self._by_id[i] for i in list(found)[:limit]]

    # -- indexes ---------------------------------------------------------------------------

    def _build(self) -> None:
        self._keys: dict[str, list[str]] = {}
        for ind in self._by_id.values():
            keys = [k for k in dict.fromkeys(normalize(s) for s in _spellings(ind)) if k]
            self._keys[ind.id] = keys
            for key in keys:
                self._add(self._index, key, ind.id)
        for ind in self._by_id.values():
            parent = self._by_id.get(ind.parent_id or "")
            if parent is None:
                continue
            for outer in _spellings(parent):
                for inner in _spellings(ind):
                    key = normalize(f"{outer} {inner}")
                    if self._index.get(key, ind.id) != ind.id:
                        self._conflicts.append((key, self._index[key], ind.id))
                    else:
                        self._add(self._context, key, ind.id)
        self._pools: dict[tuple[str, frozenset[str]], dict[str, str]] = {}
        for key, indicator_id in self._index.items():
            self._pools.setdefault(_decisive(key), {})[key] = indicator_id

    def _add(self, index: dict[str, str], key: str, indicator_id: str) -> None:
        kept = index.setdefault(key, indicator_id)
        if kept != indicator_id:
            self._conflicts.append((key, kept, indicator_id))


def is_percent(unit: str | None) -> bool | None:
    """Whether a unit is a percentage ('%', '%/năm', 'phần trăm', 'điểm %'); None when there
    is no unit to tell by."""
    if not unit or not str(unit).strip():
        return None
    return "%" in unit or "phan tram" in fold(unit)


def _spellings(ind: Indicator) -> list[str]:
    return [ind.name, *ind.synonyms]


def _decisive(key: str) -> tuple[str, frozenset[str]]:
    """Words two keys must share to be compared at all: the lead word, growth/reduction and
    grade words, and numbers that belong to the name ('Quốc lộ 20' is not 'Quốc lộ 27')."""
    tokens = [t for t in key.split() if t != GROWTH]
    lead = tokens[0] if tokens and tokens[0] in DECISIVE_LEAD else ""
    return lead, DECISIVE.intersection(key.split()) | named_numbers(key)


def _best(key: str, choices: dict[str, str], cutoff: float) -> Match | None:
    if not key or not choices:
        return None
    from rapidfuzz import fuzz, process

    hit = process.extractOne(key, list(choices), scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    if hit is None:
        return None
    return Match(choices[hit[0]], True, round(hit[1] / 100, 3), "fuzzy")


# ------------------------------------------------------------------------------- CSV rows

def _indicator(file_name: str, line: int, row: list[str]) -> Indicator:
    if len(row) != len(HEADER):
        raise Refused(f"Danh mục chỉ tiêu {file_name}, dòng {line}: cần {len(HEADER)} cột, "
                      f"có {len(row)}.")
    cells = {name: row[i].strip() or None for i, name in enumerate(HEADER)}
    where = f"Danh mục chỉ tiêu {file_name}, dòng {line}"
    if not cells["id"] or not re.fullmatch(r"[a-z][a-z0-9_]*", cells["id"]):
        raise Refused(f"{where}: mã chỉ tiêu '{cells['id'] or ''}' phải viết thường, không dấu, "
                      "nối bằng '_'.")
    if not cells["name"]:
        raise Refused(f"{where}: chỉ tiêu '{cells['id']}' thiếu tên.")
    for column, allowed in (("direction", DIRECTIONS), ("domain", DOMAINS), ("kind", KINDS)):
        value = cells[column]
        if value is not None and value not in allowed:
            raise Refused(f"{where}: giá trị '{value}' của cột {column} không hợp lệ; dùng một "
                          f"trong: {', '.join(allowed)}.")
    return _from_cells(cells)


def _cell(value: object) -> str | None:
    """A database cell as catalog text: None for NULL (or NaN from pandas) and blank."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value).strip() or None


def _from_cells(cells: dict[str, str | None]) -> Indicator:
    synonyms = tuple(s.strip() for s in (cells["synonyms"] or "").split("|") if s.strip())
    return Indicator(str(cells["id"]), str(cells["name"]), cells["parent_id"], cells["unit"],
                     cells["direction"], cells["domain"], cells["kind"], cells["notes"], synonyms)


def _check_ids(file_name: str, indicators: list[Indicator]) -> None:
    seen: dict[str, Indicator] = {}
    for ind in indicators:
        if ind.id in seen:
            raise Refused(f"Danh mục chỉ tiêu {file_name}: mã '{ind.id}' bị trùng.")
        seen[ind.id] = ind
    for ind in indicators:
        if ind.parent_id and ind.parent_id not in seen:
            raise Refused(f"Danh mục chỉ tiêu {file_name}: chỉ tiêu cha '{ind.parent_id}' của "
                          f"'{ind.id}' không có trong danh mục.")
        _check_no_cycle(file_name, ind, seen)


def _check_no_cycle(file_name: str, ind: Indicator, by_id: dict[str, Indicator]) -> None:
    visited = {ind.id}
    parent = ind.parent_id
    while parent:
        if parent in visited:
            raise Refused(f"Danh mục chỉ tiêu {file_name}: chỉ tiêu '{ind.id}' nằm trong một "
                          "vòng chỉ tiêu cha – con.")
        visited.add(parent)
        parent = by_id[parent].parent_id
