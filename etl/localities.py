"""Vietnamese administrative units: the catalog (legacy 63 provinces with districts and
communes, the 34-province system from 1 July 2025, old→new lineage) and `resolve`, which
turns a locality name as people write it into one catalog unit, or refuses.

Source: the `vietnamadminunits` package's sqlite dataset and converter mapping, read once
on first use (the package itself is never imported: its parser pulls in geocoding).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from etl.errors import Refused

if TYPE_CHECKING:  # pandas is imported on use: importing this module stays cheap
    import pandas as pd

__all__ = [
    "Locality", "TIERS", "catalog_frame", "lineage_frame", "get", "resolve", "name_key",
]

TIERS = ("quốc gia", "tỉnh", "huyện", "xã")
LEGACY_END = date(2025, 6, 30)
REFORM = date(2025, 7, 1)
_COLUMNS = ["id", "code", "name", "short_name", "level", "tier", "parent_id", "province",
            "valid_from", "valid_to"]
_MAX_SHOWN = 8
_MEMO_SIZE = 200_000


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


# ---------------------------------------------------------------- name normalisation

_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_ABBREV = re.compile(r"^(t\.?\s*p|t\.?\s*x|t\.?\s*t|h|q|p|x)(?:\.\s*|\s+|(?=\d+$))")
_ABBREV_WORDS = {"tp": "thành phố", "tx": "thị xã", "tt": "thị trấn", "h": "huyện",
                 "q": "quận", "p": "phường", "x": "xã"}
_LEVEL_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận",
                "phường", "xã")
# Party/state organ prefixes on title rows: 'HUYỆN ỦY ĐỨC TRỌNG' is the huyện.
_ORGANS = {("ủy", "ban", "nhân", "dân"): (), ("ubnd",): (), ("hội", "đồng", "nhân", "dân"): (),
           ("hđnd",): (), ("đảng", "bộ"): (), ("đảng", "ủy"): (), ("huyện", "ủy"): ("huyện",),
           ("thành", "ủy"): ("thành", "phố"), ("thị", "ủy"): ("thị", "xã"),
           ("tỉnh", "ủy"): ("tỉnh",)}
_NATIONAL = {"ca nuoc", "toan quoc", "tong so", "viet nam"}
_ALIASES = {"Thừa Thiên Huế": ["T63-46"], "HCM": ["T63-79", "T34-79"],
            "TPHCM": ["T63-79", "T34-79"]}
_ERA = re.compile(r"^(đến|từ)\s+\d{1,2}/\d{1,2}/\d{4}$")


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    text = unicodedata.normalize("NFD", word).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()


@functools.lru_cache(maxsize=65536)
def _accent(word: str) -> str:
    """The word with its tone mark moved to the end, so 'hoà' and 'hòa' compare equal."""
    parts = unicodedata.normalize("NFD", word)
    tone = "".join(_TONES[ch] for ch in parts if ch in _TONES)
    base = "".join(ch for ch in parts if ch not in _TONES)
    return unicodedata.normalize("NFC", base) + tone


def _acc(text: str) -> tuple[str, ...]:
    return tuple(_accent(w) for w in text.split())


_LEVELS = [(_acc(w), tuple(_fold(w).split()), w) for w in _LEVEL_WORDS]
_ORGAN_KEYS = [(tuple(_accent(w) for w in k), tuple(_fold(w) for w in k), v)
               for k, v in _ORGANS.items()]


def _words(text: str) -> list[str]:
    """Lower-case NFC words; abbreviations expanded, punctuation dropped, '01' -> '1'."""
    text = unicodedata.normalize("NFC", str(text)).lower().strip()
    m = _ABBREV.match(text)
    if m:
        text = _ABBREV_WORDS[re.sub(r"[.\s]", "", m[1])] + " " + text[m.end():]
    text = re.sub(r"['’‘`´]", "", text)
    words = re.sub(r"[^\w]+|_", " ", text).split()
    return [(w.lstrip("0") or "0") if w.isdigit() else w for w in words]


def _same(acc: tuple[str, ...], fold: tuple[str, ...], target: tuple[str, ...],
          target_fold: tuple[str, ...]) -> bool | None:
    """True when the words are the target; None when they may be (written without accents)."""
    if fold != target_fold:
        return False
    if acc == target:
        return True
    return None if acc == fold else False


@dataclass(frozen=True)
class _Name:
    acc: tuple[str, ...]
    fold: tuple[str, ...]


def _name(text: str) -> _Name:
    words = _words(text)
    acc, fold = tuple(_accent(w) for w in words), tuple(_fold(w) for w in words)
    for key_acc, key_fold, repl in _ORGAN_KEYS:
        n = len(key_acc)
        if len(acc) > n and _same(acc[:n], fold[:n], key_acc, key_fold) is not False:
            acc = tuple(_accent(w) for w in repl) + acc[n:]
            fold = tuple(_fold(w) for w in repl) + fold[n:]
            break
    return _Name(acc, fold)


def name_key(name: str) -> str:
    """The key names are matched on: lower case, no diacritics ('đ' -> 'd'), the leading
    abbreviation expanded ('TP.' -> 'thanh pho', 'H.' -> 'huyen'), organ prefixes dropped
    ('UBND', 'Huyện ủy' -> 'huyen'), apostrophes dropped, other punctuation and hyphens as
    single spaces, numbers without leading zeros.

    ' TP. Bảo Lộc' -> 'thanh pho bao loc'; 'THỪA THIÊN - HUẾ' -> 'thua thien hue';
    'Phường 01' -> 'phuong 1'.
    """
    return " ".join(_name(name).fold)


def _level_parses(nm: _Name) -> list[tuple[str | None, _Name]]:
    """(level word, bare name) readings: an accented level word is certain; one written
    without accents ('quan hoa') may also be part of the name (Quan Hóa)."""
    readings: list[tuple[str | None, _Name]] = []
    for key_acc, key_fold, level in _LEVELS:
        n = len(key_acc)
        if len(nm.acc) <= n:
            continue
        same = _same(nm.acc[:n], nm.fold[:n], key_acc, key_fold)
        if same is False:
            continue
        readings.append((level, _Name(nm.acc[n:], nm.fold[n:])))
        if same:
            return readings
        break
    return [*readings, (None, nm)]


# ---------------------------------------------------------------- catalog


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
    return next(w for w in _LEVEL_WORDS if full_name.lower().startswith(w))


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


@functools.cache
def _units() -> tuple[Locality, ...]:
    nation = Locality("VN", None, "Cả nước", "Cả nước", "quốc gia", "quốc gia", None, None,
                      None, None)
    return (nation, *_legacy_units(), *_new_units())


@functools.cache
def _by_id() -> dict[str, Locality]:
    return {u.id: u for u in _units()}


def catalog_frame() -> pd.DataFrame:
    """Every unit, one row each, in the column order of the `localities` table."""
    import pandas as pd

    return pd.DataFrame([[getattr(u, c) for c in _COLUMNS] for u in _units()], columns=_COLUMNS)


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
    return frame


def get(locality_id: str) -> Locality:
    """The catalog unit with this id ('VN', 'T63-68', 'H63-678', 'X34-24958' …)."""
    unit = _by_id().get(locality_id)
    if unit is None:
        raise Refused(f"Không có địa phương mã '{locality_id}' trong danh mục.")
    return unit


# ---------------------------------------------------------------- index


@dataclass(frozen=True)
class _Index:
    by_key: dict[str, list[tuple[Locality, tuple[str, ...]]]]  # bare folded name -> units
    by_code: dict[str, list[Locality]]
    chain: dict[str, frozenset[str]]  # id -> itself and its ancestors
    bare_key: dict[str, str]  # id -> folded name without its level word, for suggestions


def _bare(unit: Locality) -> _Name:
    nm = _name(unit.name)
    return _Name(nm.acc[len(unit.level.split()):], nm.fold[len(unit.level.split()):])


@functools.cache
def _index() -> _Index:
    by_key: dict[str, list[tuple[Locality, tuple[str, ...]]]] = {}
    by_code: dict[str, list[Locality]] = {}
    chain: dict[str, frozenset[str]] = {}
    bare_key: dict[str, str] = {}
    for u in _units():
        if u.id != "VN":
            bare = _bare(u)
            bare_key[u.id] = " ".join(bare.fold)
            by_key.setdefault(bare_key[u.id], []).append((u, bare.acc))
            by_code.setdefault(u.code or "", []).append(u)
        parent = chain.get(u.parent_id or "", frozenset())
        chain[u.id] = parent | {u.id}
    for alias, ids in _ALIASES.items():
        nm = _name(alias)
        by_key.setdefault(" ".join(nm.fold), []).extend((_by_id()[i], nm.acc) for i in ids)
    return _Index(by_key, by_code, chain, bare_key)


# ---------------------------------------------------------------- resolve

_Scope = Callable[[Locality], bool]


def _scope(on: tuple[date, date] | None, tier: str | None,
           within: frozenset[str] | None) -> _Scope:
    chain = _index().chain

    def ok(u: Locality) -> bool:
        if on and not ((u.valid_from or date.min) <= on[1] and (u.valid_to or date.max) >= on[0]):
            return False
        if tier and u.tier != tier:
            return False
        return not within or bool(chain[u.id] & within)

    return ok


def _lookup(nm: _Name, scope: _Scope) -> list[Locality]:
    """Units in scope whose name reads as `nm`; exact accents win over folded matches."""
    found: dict[str, tuple[Locality, bool]] = {}
    for level, bare in _level_parses(nm):
        for u, acc in _index().by_key.get(" ".join(bare.fold), []):
            if level and not (u.level == level or (level == "tỉnh" and u.tier == "tỉnh")):
                continue
            if scope(u):
                exact = found.get(u.id, (u, False))[1] or acc == bare.acc
                found[u.id] = (u, exact)
    exact = [u for u, e in found.values() if e]
    has_accents = nm.acc != nm.fold
    return exact if exact and has_accents else [u for u, _ in found.values()]


def _within(part: str | _Name, on: tuple[date, date] | None) -> frozenset[str]:
    """Ids of the provinces and districts a context part ('tỉnh Lâm Đồng') names."""
    up = _scope(on, None, None)
    nm = _name(part) if isinstance(part, str) else part
    if " ".join(nm.fold) in _NATIONAL:
        return frozenset({"VN"})
    units = _lookup(nm, lambda u: u.tier in ("tỉnh", "huyện") and up(u))
    return frozenset(u.id for u in units)


_PLACE_WORDS = [lv for lv in _LEVELS if lv[2] in ("tỉnh", "thành phố", "huyện", "quận", "thị xã")]


def _readings(name: str) -> list[tuple[_Name, list[str | _Name]]]:
    """(unit name, context parts) readings of 'Xã Đức Trọng - Lâm Đồng', 'Phường 1, TP. Bảo
    Lộc', 'Huyện Đức Trọng tỉnh Lâm Đồng', 'Thị xã Đức Phổ (Quảng Ngãi)', most literal first."""
    parts = re.split(r"[,;]", re.sub(r"\([^)]*\)", " ", name))
    context: list[str | _Name] = [p.strip() for p in parts[1:] if p.strip()]
    context += [q.strip() for p in re.findall(r"\(([^)]*)\)", name)
                for q in re.split(r"[,;]", p) if q.strip()]
    whole = _name(parts[0])
    readings = [(whole, context)]
    for m in re.finditer(r"[-–—]", parts[0]):
        readings.append((_name(parts[0][: m.start()]), [parts[0][m.end():], *context]))
    for i in range(1, len(whole.acc)):
        for key_acc, key_fold, _ in _PLACE_WORDS:
            n = len(key_acc)
            if _same(whole.acc[i:i + n], whole.fold[i:i + n], key_acc, key_fold) is not False:
                rest = _Name(whole.acc[i:], whole.fold[i:])
                readings.append((_Name(whole.acc[:i], whole.fold[:i]), [rest, *context]))
    return readings


def _match(name: str, on: tuple[date, date] | None, tier: str | None,
           within: frozenset[str] | None) -> list[Locality]:
    scope, chain = _scope(on, tier, within), _index().chain
    for nm, context in _readings(name):
        era, areas = None, []
        for part in context:
            m = _ERA.match(part.lower()) if isinstance(part, str) else None
            if m:
                era = m[1] == "từ"
            else:
                areas.append(_within(part, on))
        units = [u for u in _lookup(nm, scope)
                 if all(chain[u.id] & a for a in areas)
                 and (era is None or (u.valid_from is not None) == era)]
        if units:
            return units
    return []


def _label(u: Locality, depth: int) -> str:
    """'Thị xã Đức Phổ (Quảng Ngãi)'; depth 1 adds a legacy commune's district, 2 the era."""
    where = [] if u.tier in ("tỉnh", "quốc gia") else [u.province or ""]
    if depth >= 1 and u.id.startswith("X63"):
        where.insert(0, get(u.parent_id or "").name)
    if depth >= 2 and u.id != "VN":
        where.append(f"đến {LEGACY_END:%d/%m/%Y}" if u.valid_to else f"từ {REFORM:%d/%m/%Y}")
    return f"{u.name} ({', '.join(where)})" if where else u.name


def _labels(units: list[Locality]) -> list[str]:
    """Labels for a list of units, detailed only as far as needed to tell them apart."""
    labels = [_label(u, 0) for u in units]
    for depth in (1, 2):
        seen = Counter(labels)
        labels = [_label(u, depth) if seen[x] > 1 else x
                  for u, x in zip(units, labels, strict=True)]
    return labels


def _ambiguous(name: str, units: list[Locality]) -> Refused:
    labels = _labels(units)
    shown = ", ".join(labels[:_MAX_SHOWN])
    if len(labels) > _MAX_SHOWN:
        shown += f" và {len(labels) - _MAX_SHOWN} đơn vị khác"
    era = ""
    if len({u.valid_from for u in units}) > 1:
        era = (f" Nếu là đơn vị cũ (đến {LEGACY_END:%d/%m/%Y}) hay mới (từ {REFORM:%d/%m/%Y}),"
               " hãy chọn kỳ báo cáo tương ứng.")
    return Refused(
        f"Tên địa phương '{name.strip()}' khớp với {len(units)} đơn vị: {shown}. Hãy ghi thêm "
        "từ chỉ cấp (Huyện, Thị xã, Xã, Phường…), tên tỉnh hoặc Mã ĐVHC để phân biệt." + era,
        candidates=[u.id for u in units],
    )


def _unknown(name: str, scope: _Scope) -> Refused:
    from rapidfuzz import fuzz, process

    keys = _index().bare_key
    nm = _readings(name)[0][0]
    query = " ".join(_level_parses(nm)[0][1].fold)
    choices = {u.id: keys[u.id] for u in _units() if u.id in keys and scope(u)}
    best = process.extract(query, choices, scorer=fuzz.ratio, limit=3, score_cutoff=75)
    ids = [key for _, _, key in best]
    hint = f" Có phải: {', '.join(_labels([get(i) for i in ids]))}?" if ids else ""
    return Refused(f"Không tìm thấy địa phương '{name.strip()}' trong danh mục.{hint}",
                   candidates=ids)


def _by_code(code: str, name: str, scope: _Scope) -> Locality:
    text = str(code).strip().removesuffix(".0")
    units = [u for u in _index().by_code.get(text, []) if scope(u)]
    if not units and text.isdigit():
        units = [u for c, us in _index().by_code.items() if c.isdigit() and int(c) == int(text)
                 for u in us if scope(u)]
    if len(units) > 1 and name.strip():
        named = {u.id for u in _match(name, None, None, None)}
        units = [u for u in units if u.id in named] or units
    if not units:
        raise Refused(f"Mã ĐVHC '{code}' không có trong danh mục đơn vị hành chính.")
    if len(units) > 1:
        raise _ambiguous(f"Mã ĐVHC {text}", units)
    return units[0]


def _resolve(name: str, on: tuple[date, date] | None, tier: str | None,
             province: str | None, code: str | None) -> Locality:
    if tier is not None and tier not in TIERS:
        raise ValueError(f"tier must be one of {TIERS}, not {tier!r}")
    within = None
    if province:
        provinces = _match(province, on, "tỉnh", None)
        if not provinces:
            raise Refused(f"Không tìm thấy tỉnh/thành phố '{province.strip()}' trong danh mục.")
        within = frozenset(u.id for u in provinces)
    scope = _scope(on, tier, within)
    if code is not None and str(code).strip():
        return _by_code(str(code), name, scope)
    if not name_key(name):
        raise Refused("Thiếu tên địa phương (ô trống hoặc chỉ có dấu câu).")
    if name_key(name) in _NATIONAL or name.strip() in _by_id():
        unit = get("VN" if name_key(name) in _NATIONAL else name.strip())
        if scope(unit) or unit.id == "VN" and tier in (None, "quốc gia"):
            return unit
    units = _match(name, on, tier, within)
    if len(units) == 1:
        return units[0]
    raise _ambiguous(name, units) if units else _unknown(name, scope)


_memo: dict[tuple, Locality | Refused] = {}


def resolve(name: str, *, on: tuple[date, date] | None = None, tier: str | None = None,
            province: str | None = None, code: str | None = None) -> Locality:
    """The one unit `name` denotes, valid at some time in `on`, of `tier`, inside `province`;
    an official `code` (Mã ĐVHC) wins over the name. Raises Refused, listing the candidates,
    when the name is unknown or fits several units. Results are memoised."""
    key = (name, on, tier, province, None if code is None else str(code))
    hit = _memo.get(key)
    if hit is None:
        try:
            hit = _resolve(str(name or ""), on, tier, province, key[-1])
        except Refused as err:
            hit = err
        if len(_memo) > _MEMO_SIZE:
            _memo.clear()
        _memo[key] = hit
    if isinstance(hit, Refused):
        raise Refused(hit.message, candidates=list(hit.candidates))
    return hit
