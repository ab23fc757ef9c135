"""The catalog of Vietnamese administrative units: the legacy 63 provinces with districts and
communes, the 34-province system from 1 July 2025, and old→new lineage; also the provinces that
ended or were renamed before (Hà Tây, merged into Hà Nội on 1 August 2008; Thừa Thiên Huế, the
centrally-run Thành phố Huế from 1 January 2025), which budget files of their time name.

Source: the `vietnamadminunits` package's sqlite dataset and converter mapping, read once on
first use (the package itself is never imported: its parser pulls in geocoding).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from etl.errors import Refused
from etl.localities._names import LEVEL_WORDS

if TYPE_CHECKING:  # pandas is imported on use: importing this module stays cheap
    import pandas as pd

_T = TypeVar("_T")

def built_once(build: Callable[[], _T]) -> Callable[[], _T]:
    """`functools.cache` for a builder without arguments, safe across threads: a caller that
    comes while another thread builds (`pipeline.warm_up`) waits for that result instead of
    building it a second time."""
    lock = threading.Lock()
    built: list[_T] = []

    @functools.wraps(build)
    def get() -> _T:
        if not built:
            with lock:
                if not built:
                    built.append(build())
        return built[0]

    get.is_built = lambda: bool(built)  # type: ignore[attr-defined]
    return get


TIERS = ("quốc gia", "tỉnh", "huyện", "xã")
LEGACY_END = date(2025, 6, 30)
REFORM = date(2025, 7, 1)
# Provinces that ended before the 63-province system as the dataset holds it (30 June 2025):
# (id, code, name, short name, last day, the unit it went into, renamed). Their code is the one
# the General Statistics Office gave them. A renamed unit keeps its code and its successor
# starts the day after (the dataset names Huế only as the city it became).
_ENDED = [
    ("T63-28", "28", "Tỉnh Hà Tây", "Hà Tây", date(2008, 7, 31), "T63-01", False),
    ("T63-46-TTH", "46", "Tỉnh Thừa Thiên Huế", "Thừa Thiên Huế", date(2024, 12, 31), "T63-46",
     True),
]
# Provinces split on 1 January 2004 (Nghị quyết 22/2003/QH11): (the day, the unit that kept
# the name, the unit split off). A budget plan for 2004 was drawn up before, for the undivided
# province, under the kept name.
SPLITS = [
    (date(2004, 1, 1), "T63-12", "T63-11"),  # Lai Châu → Lai Châu, Điện Biên
    (date(2004, 1, 1), "T63-66", "T63-67"),  # Đắk Lắk → Đắk Lắk, Đắk Nông
    (date(2004, 1, 1), "T63-92", "T63-93"),  # Cần Thơ → Thành phố Cần Thơ, Hậu Giang
]
# Changes when the units change, so that a database made before reloads them.
CATALOG_VERSION = "legacy63+new34+ended2"
_COLUMNS = ["id", "code", "name", "short_name", "level", "tier", "parent_id", "province",
            "valid_from", "valid_to"]


@dataclass(frozen=True)
class Locality:
    id: str
    code: str | None
    name: str
    short_name: str
    level: str
    tier: str
    parent_id: str | None
    province: str | None
    valid_from: date | None
    valid_to: date | None


def _data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Thiếu gói vietnamadminunits (xem requirements.txt).")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _query(sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(f"file:{_data_dir() / 'dataset.db'}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql).fetchall()


def _level_of(full_name: str) -> str:
    return next(w for w in LEVEL_WORDS if full_name.lower().startswith(w))


@functools.cache
def _legacy_rows() -> list[sqlite3.Row]:
    return _query(
        "SELECT province, provinceShort, provinceCode, provinceKey, district, districtShort,"
        " districtCode, districtKey, ward, wardShort, wardCode, wardKey"
        " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
    )


@functools.cache
def _new_rows() -> list[sqlite3.Row]:
    return _query(
        "SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort,"
        " wardCode, wardKey FROM admin_units ORDER BY provinceCode, wardCode"
    )


def _unit(kind: str, code: str, name: str, short: str, parent: str, prov: str) -> Locality:
    """A catalog unit; kind T/H/X + 63 (legacy) or T/X + 34 (from 1 July 2025)."""
    tier = {"T": "tỉnh", "H": "huyện", "X": "xã"}[kind[0]]
    legacy = kind.endswith("63")
    return Locality(f"{kind}-{code}", code, name, short, _level_of(name), tier, parent, prov,
                    None if legacy else REFORM, LEGACY_END if legacy else None)


def _legacy_units() -> list[Locality]:
    found: dict[str, Locality] = {}
    for r in _legacy_rows():
        prov, tid, hid = r["provinceShort"], f"T63-{r['provinceCode']}", f"H63-{r['districtCode']}"
        if tid not in found:
            found[tid] = _unit("T63", r["provinceCode"], r["province"], prov, "VN", prov)
        if hid not in found:
            found[hid] = _unit("H63", r["districtCode"], r["district"], r["districtShort"], tid,
                               prov)
        if r["ward"]:
            found[f"X63-{r['wardCode']}"] = _unit("X63", r["wardCode"], r["ward"],
                                                  r["wardShort"], hid, prov)
    return sorted(found.values(), key=lambda u: "THX".index(u.id[0]))


def _new_units() -> list[Locality]:
    found: dict[str, Locality] = {}
    for r in _new_rows():
        prov, tid = r["provinceShort"], f"T34-{r['provinceCode']}"
        if tid not in found:
            found[tid] = _unit("T34", r["provinceCode"], r["province"], prov, "VN", prov)
        found[f"X34-{r['wardCode']}"] = _unit("X34", r["wardCode"], r["ward"], r["wardShort"],
                                              tid, prov)
    return sorted(found.values(), key=lambda u: "TX".index(u.id[0]))


@built_once
def all_units() -> tuple[Locality, ...]:
    """Every unit: the nation, then legacy provinces, districts, communes, then the new ones."""
    nation = Locality("VN", None, "Cả nước", "Cả nước", "quốc gia", "quốc gia", None, None,
                      None, None)
    ended = [Locality(uid, code, name, short, _level_of(name), "tỉnh", "VN", short, None, last)
             for uid, code, name, short, last, _, _ in _ENDED]
    starts = {into: last + timedelta(days=1) for *_, last, into, is_renamed in _ENDED
              if is_renamed}
    legacy = [dataclasses.replace(u, valid_from=starts[u.id]) if u.id in starts else u
              for u in _legacy_units()]
    return (nation, *ended, *legacy, *_new_units())


def renamed() -> list[tuple[str, str, date]]:
    """(old id, new id, first day of the new name) for the units renamed within the legacy
    system: rows of earlier periods stored under the new id belong to the old one."""
    return [(uid, into, last + timedelta(days=1))
            for uid, _, _, _, last, into, is_renamed in _ENDED if is_renamed]


@built_once
def by_id() -> dict[str, Locality]:
    return {u.id: u for u in all_units()}


def catalog_frame() -> pd.DataFrame:
    """Every unit, one row each, in the column order of the `localities` table."""
    import pandas as pd

    return pd.DataFrame([[getattr(u, c) for c in _COLUMNS] for u in all_units()], columns=_COLUMNS)


def lineage_frame() -> pd.DataFrame:
    """Old unit → new unit on 1 July 2025: provinces and districts into their new province
    (full), communes (and island districts) into new communes (full or partial)."""
    import pandas as pd

    with open(_data_dir() / "converter_2025.json", encoding="utf-8") as f:
        conv = json.load(f)
    old_prov = {r["provinceKey"]: r["provinceCode"] for r in _legacy_rows()}
    new_prov = {r["provinceKey"]: r["provinceCode"] for r in _new_rows()}
    new_ward = {(r["provinceKey"], r["wardKey"]): f"X34-{r['wardCode']}" for r in _new_rows()}
    old_unit = {f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}":
                f"X63-{r['wardCode']}" if r["ward"] else f"H63-{r['districtCode']}"
                for r in _legacy_rows()}
    rows: list[tuple[str, str, str]] = []
    prov_to = {o: n for n, olds in conv["DICT_PROVINCE"].items() for o in olds}
    for old_key, new_key in prov_to.items():
        rows.append((f"T63-{old_prov[old_key]}", f"T34-{new_prov[new_key]}", "full"))
    for prov_key, district in {(r["provinceKey"], r["districtCode"]) for r in _legacy_rows()}:
        rows.append((f"H63-{district}", f"T34-{new_prov[prov_to[prov_key]]}", "full"))
    for prov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            rows += [(old_unit[o], new_ward[prov, ward], "full") for o in olds]
    for prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            rows += [(old_unit[old], new_ward[prov, n["newWardKey"]], "partial") for n in news]
    frame = pd.DataFrame(sorted(rows), columns=["old_id", "new_id", "kind"])
    frame.insert(2, "effective", REFORM)
    ended = pd.DataFrame(
        [(uid, into, last + timedelta(days=1), "full")
         for uid, _, _, _, last, into, _ in _ENDED], columns=frame.columns,
    )
    return pd.concat([ended, frame], ignore_index=True)


def get(locality_id: str) -> Locality:
    """The catalog unit with this id ('VN', 'T63-68', 'H63-678', 'X34-24958' …)."""
    unit = by_id().get(locality_id)
    if unit is None:
        raise Refused(f"Không có địa phương mã '{locality_id}' trong danh mục.")
    return unit
