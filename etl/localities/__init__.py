"""Vietnamese administrative units: `resolve` turns a locality name as people write it
('Xã Đức Trọng - Lâm Đồng', 'Phường 1, TP. Bảo Lộc', 'Huyện Đức Trọng tỉnh Lâm Đồng') into one
catalog unit, or refuses, listing the candidates.

The catalog itself (legacy 63 provinces with districts and communes, the 34-province system
from 1 July 2025, old→new lineage) is in `_catalog`; name normalisation is in `_names`. This
module builds the name index over the catalog and reads names against it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from etl.errors import Refused
from etl.localities._catalog import (
    CATALOG_VERSION,
    LEGACY_END,
    REFORM,
    SPLITS,
    TIERS,
    Locality,
    all_units,
    built_once,
    by_id,
    catalog_frame,
    get,
    lineage_frame,
    renamed,
)
from etl.localities._names import (
    LEVELS,
    Name,
    level_parses,
    name_key,
    read_name,
    same_words,
)

__all__ = [
    "Locality", "TIERS", "CATALOG_VERSION", "catalog_frame", "lineage_frame", "get", "resolve",
    "name_key", "ancestor", "Ambiguous", "renamed", "load_index", "split_without_successor",
]

_MAX_SHOWN = 8
_MEMO_SIZE = 200_000
_NATIONAL = {"ca nuoc", "toan quoc", "tong so", "viet nam"}
_ALIASES = {"HCM": ["T63-79", "T34-79"], "TPHCM": ["T63-79", "T34-79"]}
_ERA = re.compile(r"^(đến|từ)\s+(\d{1,2})/(\d{1,2})/(\d{4})$")


# ---------------------------------------------------------------- index


@dataclass(frozen=True)
class _Index:
    by_key: dict[str, list[tuple[Locality, tuple[str, ...]]]]  # bare folded name -> units
    by_code: dict[str, list[Locality]]
    chain: dict[str, frozenset[str]]  # id -> itself and its ancestors
    bare_key: dict[str, str]  # id -> folded name without its level word, for suggestions
    by_spelling: dict[str, list[tuple[Locality, tuple[str, ...]]]]  # c/k-spelling key -> units


def _bare(unit: Locality) -> Name:
    nm = read_name(unit.name)
    return Name(nm.acc[len(unit.level.split()):], nm.fold[len(unit.level.split()):])


@built_once
def _index() -> _Index:
    by_key: dict[str, list[tuple[Locality, tuple[str, ...]]]] = {}
    by_code: dict[str, list[Locality]] = {}
    chain: dict[str, frozenset[str]] = {}
    bare_key: dict[str, str] = {}
    for u in all_units():
        if u.id != "VN":
            bare = _bare(u)
            bare_key[u.id] = " ".join(bare.fold)
            by_key.setdefault(bare_key[u.id], []).append((u, bare.acc))
            by_code.setdefault(u.code or "", []).append(u)
        parent = chain.get(u.parent_id or "", frozenset())
        chain[u.id] = parent | {u.id}
    for alias, ids in _ALIASES.items():
        nm = read_name(alias)
        by_key.setdefault(" ".join(nm.fold), []).extend((by_id()[i], nm.acc) for i in ids)
    by_spelling: dict[str, list[tuple[Locality, tuple[str, ...]]]] = {}
    for key, units in by_key.items():
        by_spelling.setdefault(_spelling(key), []).extend(units)
    return _Index(by_key, by_code, chain, bare_key, by_spelling)


def load_index() -> None:
    """Build the catalog and its name index now rather than at the first `resolve`."""
    _index()


def _spelling(key: str) -> str:
    """Spellings of one name across the years compare equal: 'k' and 'c' before a vowel or at
    a syllable's end ('Bắc Cạn' / 'Bắc Kạn', 'Đắc Lắc' / 'Đắk Lắk')."""
    return re.sub(r"k(?!h)", "c", key)


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


def _lookup(nm: Name, scope: _Scope) -> list[Locality]:
    """Units in scope whose name reads as `nm`; exact accents win over folded matches."""
    found: dict[str, tuple[Locality, bool]] = {}
    for level, bare in level_parses(nm):
        key = " ".join(bare.fold)
        for u, acc in _index().by_key.get(key) or _index().by_spelling.get(_spelling(key), []):
            if level and not (u.level == level or (level == "tỉnh" and u.tier == "tỉnh")):
                continue
            if scope(u):
                exact = found.get(u.id, (u, False))[1] or acc == bare.acc
                found[u.id] = (u, exact)
    exact = [u for u, e in found.values() if e]
    has_accents = nm.acc != nm.fold
    return exact if exact and has_accents else [u for u, _ in found.values()]


def _with_successors(ids: frozenset[str]) -> frozenset[str]:
    """The ids and the units renamed ones became: the catalog hangs the districts of Thừa
    Thiên Huế under Thành phố Huế, so 'Huyện Phong Điền, Thừa Thiên Huế' is found there."""
    return ids | {new for old, new, _ in renamed() if old in ids}


def _within(part: str | Name, on: tuple[date, date] | None) -> frozenset[str]:
    """Ids of the provinces and districts a context part ('tỉnh Lâm Đồng') names."""
    up = _scope(on, None, None)
    nm = read_name(part) if isinstance(part, str) else part
    if " ".join(nm.fold) in _NATIONAL:
        return frozenset({"VN"})
    units = _lookup(nm, lambda u: u.tier in ("tỉnh", "huyện") and up(u))
    return _with_successors(frozenset(u.id for u in units))


_PLACE_WORDS = [lv for lv in LEVELS if lv[2] in ("tỉnh", "thành phố", "huyện", "quận", "thị xã")]


def _readings(name: str) -> list[tuple[Name, list[str | Name]]]:
    """(unit name, context parts) readings of 'Xã Đức Trọng - Lâm Đồng', 'Phường 1, TP. Bảo
    Lộc', 'Huyện Đức Trọng tỉnh Lâm Đồng', 'Thị xã Đức Phổ (Quảng Ngãi)', most literal first."""
    parts = re.split(r"[,;]", re.sub(r"\([^)]*\)", " ", name))
    context: list[str | Name] = [p.strip() for p in parts[1:] if p.strip()]
    context += [q.strip() for p in re.findall(r"\(([^)]*)\)", name)
                for q in re.split(r"[,;]", p) if q.strip()]
    whole = read_name(parts[0])
    readings = [(whole, context)]
    for m in re.finditer(r"[-–—]", parts[0]):
        readings.append((read_name(parts[0][: m.start()]), [parts[0][m.end():], *context]))
    for i in range(1, len(whole.acc)):
        for key_acc, key_fold, _ in _PLACE_WORDS:
            n = len(key_acc)
            if same_words(whole.acc[i:i + n], whole.fold[i:i + n], key_acc, key_fold) is not False:
                rest = Name(whole.acc[i:], whole.fold[i:])
                readings.append((Name(whole.acc[:i], whole.fold[:i]), [rest, *context]))
    return readings


def _era(m: re.Match[str]) -> _Scope:
    """The units an era part of a label names: 'đến 30/06/2025' those that ended by that day,
    'từ 01/07/2025' those that began on it or later (so Thành phố Huế of 01/01/2025 is
    neither the tỉnh before it nor the unit of the 2025 reform)."""
    day = date(int(m[4]), int(m[3]), int(m[2]))
    if m[1] == "từ":
        return lambda u: u.valid_from is not None and u.valid_from >= day
    return lambda u: u.valid_to is not None and u.valid_to <= day


def _match(name: str, on: tuple[date, date] | None, tier: str | None,
           within: frozenset[str] | None) -> list[Locality]:
    scope, chain = _scope(on, tier, within), _index().chain
    for nm, context in _readings(name):
        era: _Scope | None = None
        areas = []
        for part in context:
            m = _ERA.match(part.lower()) if isinstance(part, str) else None
            if m:
                era = _era(m)
            else:
                areas.append(_within(part, on))
        units = [u for u in _lookup(nm, scope)
                 if all(chain[u.id] & a for a in areas) and (era is None or era(u))]
        if units:
            return units
    return []


def _label(u: Locality, depth: int) -> str:
    """'Thị xã Đức Phổ (Quảng Ngãi)'; depth 1 adds a legacy commune's district, 2 the era."""
    where = [] if u.tier in ("tỉnh", "quốc gia") else [u.province or ""]
    if depth >= 1 and u.id.startswith("X63"):
        where.insert(0, get(u.parent_id or "").name)
    if depth >= 2 and u.id != "VN":
        where.append(f"đến {u.valid_to:%d/%m/%Y}" if u.valid_to else f"từ {u.valid_from:%d/%m/%Y}")
    return f"{u.name} ({', '.join(where)})" if where else u.name


def _labels(units: list[Locality]) -> list[str]:
    """Labels for a list of units, detailed only as far as needed to tell them apart."""
    labels = [_label(u, 0) for u in units]
    for depth in (1, 2):
        seen = Counter(labels)
        labels = [_label(u, depth) if seen[x] > 1 else x
                  for u, x in zip(units, labels, strict=True)]
    return labels


class Ambiguous(Refused):
    """A name that fits several units (the refusal lists them)."""


def _ambiguous(name: str, units: list[Locality]) -> Refused:
    labels = _labels(units)
    shown = ", ".join(labels[:_MAX_SHOWN])
    if len(labels) > _MAX_SHOWN:
        shown += f" và {len(labels) - _MAX_SHOWN} đơn vị khác"
    era = ""
    if len({u.valid_from for u in units}) > 1:
        era = (f" Nếu là đơn vị cũ (đến {LEGACY_END:%d/%m/%Y}) hay mới (từ {REFORM:%d/%m/%Y}),"
               " hãy chọn kỳ báo cáo tương ứng.")
    return Ambiguous(
        f"Tên địa phương '{name.strip()}' khớp với {len(units)} đơn vị: {shown}. Hãy ghi thêm "
        "từ chỉ cấp (Huyện, Thị xã, Xã, Phường…), tên tỉnh hoặc Mã ĐVHC để phân biệt." + era,
        reason="ambiguous_locality", candidates=[u.id for u in units],
    )


def _unknown(name: str, scope: _Scope) -> Refused:
    from rapidfuzz import fuzz, process

    keys = _index().bare_key
    nm = _readings(name)[0][0]
    query = " ".join(level_parses(nm)[0][1].fold)
    choices = {u.id: keys[u.id] for u in all_units() if u.id in keys and scope(u)}
    best = process.extract(query, choices, scorer=fuzz.ratio, limit=3, score_cutoff=75)
    ids = [key for _, _, key in best]
    hint = f" Có phải: {', '.join(_labels([get(i) for i in ids]))}?" if ids else ""
    return Refused(f"Không tìm thấy địa phương '{name.strip()}' trong danh mục.{hint}",
                   reason="unknown_locality", candidates=ids)


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
             province: str | None, code: str | None, inside: str | None) -> Locality:
    if tier is not None and tier not in TIERS:
        raise ValueError(f"tier must be one of {TIERS}, not {tier!r}")
    within = None
    if province:
        # the province only narrows: its name of another time ('Huế' for 2020) still does
        provinces = _match(province, on, "tỉnh", None) or _match(province, None, "tỉnh", None)
        if not provinces:
            raise Refused(f"Không tìm thấy tỉnh/thành phố '{province.strip()}' trong danh mục.")
        within = _with_successors(frozenset(u.id for u in provinces))
    if inside and inside != "VN":
        chain = _index().chain
        if within is not None and not chain[inside] & within:
            raise Refused(f"'{get(inside).name}' không thuộc tỉnh/thành phố '{province}'.")
        within = frozenset({inside})
    scope = _scope(on, tier, within)
    if code is not None and str(code).strip():
        return _by_code(str(code), name, scope)
    if not name_key(name):
        raise Refused("Thiếu tên địa phương (ô trống hoặc chỉ có dấu câu).")
    if name_key(name) in _NATIONAL or name.strip() in by_id():
        unit = get("VN" if name_key(name) in _NATIONAL else name.strip())
        if scope(unit) or unit.id == "VN" and tier in (None, "quốc gia"):
            return unit
    units = _match(name, on, tier, within)
    if inside and len(units) == 2:
        units = _seat_or_district(units, inside)
    if len(units) == 1:
        return units[0]
    if units:
        raise _ambiguous(name, units)
    raise _outside_period(name, on, tier, within) or _unknown(name, scope)


def _outside_period(name: str, on: tuple[date, date] | None, tier: str | None,
                    within: frozenset[str] | None) -> Refused | None:
    """A name that denotes units only at other times: say when they existed ('Xã Đức Trọng
    chỉ có từ 01/07/2025'), not that the name is unknown."""
    if on is None:
        return None
    units = _match(name, None, tier, within)
    if not units:
        return None
    spans = []
    for unit, label in zip(units, _labels(units), strict=True):
        if unit.valid_from and unit.valid_from > on[1]:
            spans.append(f"{label} chỉ có từ {unit.valid_from:%d/%m/%Y}")
        elif unit.valid_to:
            spans.append(f"{label} chỉ có đến {unit.valid_to:%d/%m/%Y}")
    if not spans:
        return None
    return Refused(
        f"Địa phương '{name.strip()}' không có trong kỳ báo cáo (từ {on[0]:%d/%m/%Y} đến "
        f"{on[1]:%d/%m/%Y}): {'; '.join(spans)}. Hãy kiểm tra lại kỳ báo cáo, hoặc ghi tên đơn "
        "vị hành chính của kỳ đó.", reason="locality_out_of_period",
        candidates=[u.id for u in units],
    )


def _seat_or_district(units: list[Locality], inside: str) -> list[Locality]:
    """A huyện and its seat town share a name (Huyện Di Linh, Thị trấn Di Linh). Inside the
    huyện the row is the town; inside a wider unit it is the huyện (the town would be listed
    under it)."""
    upper, lower = sorted(units, key=lambda u: _index().chain[u.id].__len__())
    if lower.parent_id != upper.id:
        return units
    return [lower] if upper.id == inside else [upper]


_memo: dict[tuple, Locality | Refused] = {}


def resolve(name: str, *, on: tuple[date, date] | None = None, tier: str | None = None,
            province: str | None = None, code: str | None = None,
            inside: str | None = None) -> Locality:
    """The one unit `name` denotes, valid at some time in `on`, of `tier`, inside `province`
    and inside the unit with id `inside` (itself or one under it: the unit a table's title
    names, so 'Liên Hiệp' under 'UBND HUYỆN ĐỨC TRỌNG' is its commune); an official `code`
    (Mã ĐVHC) wins over the name. Raises Refused, listing the candidates, when the name is
    unknown or fits several units. Results are memoised."""
    key = (name, on, tier, province, None if code is None else str(code), inside)
    hit = _memo.get(key)
    if hit is None:
        try:
            hit = _resolve(str(name or ""), on, tier, province, key[-2], inside)
        except Refused as err:
            hit = err
        if len(_memo) > _MEMO_SIZE:
            _memo.clear()
        _memo[key] = hit
    if isinstance(hit, Refused):
        raise hit.but()
    return hit


def ancestor(locality_id: str, tier: str) -> Locality | None:
    """The unit itself or the one above it of `tier` ('xã' → its huyện, tỉnh), or None."""
    unit: Locality | None = get(locality_id)
    while unit is not None and unit.tier != tier:
        unit = get(unit.parent_id) if unit.parent_id else None
    return unit


def split_without_successor(ids: set[str], until: date) -> list[tuple[Locality, Locality, date]]:
    """(kept unit, split-off unit, day) for each split on or before `until` where `ids` (the
    provinces of one national table) hold the kept unit but not the one split off: the table
    likely still counts the undivided province under the kept name."""
    return [(get(kept), get(off), day) for day, kept, off in SPLITS
            if day <= until and kept in ids and off not in ids]
