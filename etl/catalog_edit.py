"""An admin's changes to the live indicator catalog, each in one transaction with its audit entry
(kind "catalog": who, when, old → new): edit an indicator's unit, direction, kind, domain and
synonyms; map an uncatalogued name onto a catalogued indicator, whose rows then follow it and
whose name becomes its synonym, and undo such a mapping. The current rows that show the
indicator are recomputed in the same transaction (the computed status depends on the
direction) and the data version moves."""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb

from etl import accounts, store, store_audit, store_catalog
from etl.accounts import Actor
from etl.errors import Refused
from etl.indicators import DIRECTIONS, DOMAINS, KINDS, TOTAL_KEYS, Indicator, normalize
from etl.sql import transaction

__all__ = ["DIRECTION_LABELS", "Change", "edit_indicator", "map_name", "unmap_name"]

DIRECTION_LABELS = {"up": "tăng là tốt", "down": "giảm là tốt", None: "không đánh giá"}
_FIELD_LABELS = {"unit": "đơn vị", "direction": "hướng", "kind": "loại", "domain": "lĩnh vực",
                 "synonyms": "tên gọi khác"}
_ALLOWED = {"direction": DIRECTIONS, "kind": KINDS, "domain": DOMAINS}


@dataclass(frozen=True)
class Change:
    """What an admin asks for one indicator; every field is the whole new value."""

    unit: str | None
    direction: str | None
    kind: str | None
    domain: str | None
    synonyms: tuple[str, ...]


def edit_indicator(con: duckdb.DuckDBPyConnection, indicator_id: str, change: Change, *,
                   actor: Actor) -> str | None:
    """Write `change` as `actor` (an admin); returns the audit text 'field: old → new; …', or
    None when nothing differs (nothing written)."""
    accounts.require_admin(con, actor, "sửa danh mục chỉ tiêu")
    with transaction(con):
        store.ensure_schema(con)
        old = _catalogued(con, indicator_id)
        new = _checked(con, old, change)
        detail = _difference(old, new)
        if detail is None:
            return None
        store_catalog.update_indicator(con, new)
        store.refresh_current(con, store_catalog.localities_showing(con, indicator_id)[0])
        store_audit.record(con, actor=actor.name, via=actor.via, action="catalog",
                           subject=indicator_id, detail=detail)
    return detail


def map_name(con: duckdb.DuckDBPyConnection, from_id: str, to_id: str, *,
             actor: Actor) -> str:
    """Show the rows of the uncatalogued `from_id` under the catalogued `to_id` from now on
    (nothing rewritten: an alias the current view reads through) and make its name a synonym of
    `to_id`, so that the next upload with that name matches it. Returns the audit text."""
    accounts.require_admin(con, actor, "sửa danh mục chỉ tiêu")
    with transaction(con):
        store.ensure_schema(con)
        target = _catalogued(con, to_id)
        name = _uncatalogued_name(con, from_id)
        _refuse_if_both_shown(con, from_id, target, name)
        places, rows = store_catalog.localities_showing(con, from_id)
        synonyms = _with_synonym(con, target, name)
        store_catalog.add_alias(con, from_id, to_id, actor.name)
        if synonyms != target.synonyms:
            store_catalog.update_indicator(con, replace(target, synonyms=synonyms))
        store.refresh_current(con, places)
        detail = (f"gộp «{name}» ({_count(rows)} số liệu) → «{target.name}»"
                  + ("" if synonyms != target.synonyms else "; không thêm tên gọi khác"))
        store_audit.record(con, actor=actor.name, via=actor.via, action="catalog",
                           subject=to_id, detail=_with_id(detail, from_id))
    return detail


def unmap_name(con: duckdb.DuckDBPyConnection, from_id: str, *, actor: Actor) -> str:
    """Undo `map_name`: the rows stored under `from_id` show under their own name again, and
    the name stops being a synonym of the indicator (the next upload keeps it as written).
    Rows uploaded while the mapping held matched the indicator itself and stay with it.
    Returns the audit text."""
    accounts.require_admin(con, actor, "sửa danh mục chỉ tiêu")
    with transaction(con):
        store.ensure_schema(con)
        found = store_catalog.indicator(con, from_id)
        to_id = store_catalog.alias_of(con, from_id)
        if found is None or to_id is None:
            shown = f"«{found[0].name}»" if found else f"'{from_id}'"
            raise Refused(f"{shown} không phải một tên đã được gộp vào chỉ tiêu nào.")
        name, target = found[0].name, _catalogued(con, to_id)
        places, rows = store_catalog.localities_stored(con, from_id)
        store_catalog.remove_alias(con, from_id)
        synonyms = tuple(s for s in target.synonyms if normalize(s) != normalize(name))
        if synonyms != target.synonyms:
            store_catalog.update_indicator(con, replace(target, synonyms=synonyms))
        store.refresh_current(con, places)
        detail = (f"bỏ gộp «{name}» ({_count(rows)} số liệu) khỏi «{target.name}»"
                  + (f"; bỏ tên gọi khác «{name}»" if synonyms != target.synonyms else ""))
        store_audit.record(con, actor=actor.name, via=actor.via, action="catalog",
                           subject=to_id, detail=_with_id(detail, from_id))
    return detail


def _count(rows: int) -> str:
    """A count as Vietnamese write it: 1.234."""
    return f"{rows:,}".replace(",", ".")


def _with_id(detail: str, from_id: str) -> str:
    """The audit text: what the admin was told, and the id of the name (two names written
    alike under different group headings have two ids)."""
    return f"{detail} (mã {from_id})"


def _refuse_if_both_shown(con: duckdb.DuckDBPyConnection, from_id: str, target: Indicator,
                          name: str) -> None:
    """Mapping may not hide a figure: where the name and the indicator both have a row for one
    locality and period, only one of them could be shown."""
    shared = store_catalog.shared_keys(con, from_id, target.id)
    if shared:
        where = "; ".join(f"{place}, {period}" for place, period in shared[:3])
        more = " …" if len(shared) > 3 else ""
        raise Refused(f"Không gộp «{name}» vào «{target.name}»: cả hai đều có số liệu ở "
                      f"{where}{more}, gộp lại sẽ che mất một trong hai. Hãy chọn chỉ tiêu khác, "
                      "hoặc sửa tệp rồi nạp lại.")


def _catalogued(con: duckdb.DuckDBPyConnection, indicator_id: str) -> Indicator:
    found = store_catalog.indicator(con, indicator_id)
    if found is None or not found[1]:
        shown = f"«{found[0].name}»" if found else f"'{indicator_id}'"
        raise Refused(f"Không có chỉ tiêu {shown} trong danh mục.")
    return found[0]


def _uncatalogued_name(con: duckdb.DuckDBPyConnection, from_id: str) -> str:
    found = store_catalog.indicator(con, from_id)
    if found is None or found[1]:
        shown = f"«{found[0].name}»" if found else f"'{from_id}'"
        raise Refused(f"{shown} không phải một tên chưa có trong danh mục.")
    mapped = store_catalog.alias_of(con, from_id)
    if mapped:
        raise Refused(f"Tên «{found[0].name}» đã được gộp vào chỉ tiêu "
                      f"«{_catalogued(con, mapped).name}».")
    return found[0].name


def _checked(con: duckdb.DuckDBPyConnection, old: Indicator, change: Change) -> Indicator:
    """The indicator with `change` applied, refused field by field in Vietnamese."""
    values = {"unit": (change.unit or "").strip() or None}
    for field, allowed in _ALLOWED.items():
        value = getattr(change, field) or None
        if value is not None and value not in allowed:
            raise Refused(f"Giá trị '{value}' của ô {_FIELD_LABELS[field]} không hợp lệ; dùng một "
                          f"trong: {', '.join(allowed)}.")
        values[field] = value
    synonyms = tuple(dict.fromkeys(s.strip() for s in change.synonyms if s.strip()))
    added = [s for s in synonyms if s not in old.synonyms]
    live = store_catalog.catalog(con) if added else None  # a third of a second: only if needed
    for synonym in added:
        _check_synonym(live, old, synonym)
    return replace(old, synonyms=synonyms, **values)


def _check_synonym(live, ind: Indicator, synonym: str) -> None:
    """A synonym must name this indicator alone: not a generic total, not another's name."""
    if "|" in synonym:
        raise Refused(f"Tên gọi khác «{synonym}» có ký tự '|': mỗi tên một dòng.")
    key = normalize(synonym)
    if not key or key in TOTAL_KEYS:
        raise Refused(f"Tên gọi khác «{synonym}» quá chung (như «Tổng số»): dòng nào cũng sẽ "
                      f"khớp với «{ind.name}». Hãy viết tên đầy đủ.")
    owner = live.owner(synonym) if live is not None else None
    if owner is not None and owner != ind.id:
        other = live.get(owner)
        raise Refused(f"Tên gọi khác «{synonym}» đã là tên của chỉ tiêu «{other.name}» "
                      f"({owner}); một tên chỉ thuộc một chỉ tiêu.")


def _with_synonym(con: duckdb.DuckDBPyConnection, target: Indicator,
                  name: str) -> tuple[str, ...]:
    """The target's synonyms with the mapped name added, unless it already matches the target
    or is too generic to be a synonym (its rows are mapped all the same)."""
    live = store_catalog.catalog(con)
    if live is not None and live.owner(name) == target.id:
        return target.synonyms
    try:
        _check_synonym(live, target, name)
    except Refused:
        if normalize(name) in TOTAL_KEYS or not normalize(name):
            return target.synonyms
        raise
    return (*target.synonyms, name)


def _difference(old: Indicator, new: Indicator) -> str | None:
    """'name: đơn vị: % → ‰; hướng: tăng là tốt → giảm là tốt; tên gọi khác: thêm «…»'."""
    parts = []
    for field in ("unit", "direction", "kind", "domain"):
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            parts.append(f"{_FIELD_LABELS[field]}: {_shown(field, before)} → "
                         f"{_shown(field, after)}")
    added = [s for s in new.synonyms if s not in old.synonyms]
    dropped = [s for s in old.synonyms if s not in new.synonyms]
    if added or dropped:
        parts.append(f"{_FIELD_LABELS['synonyms']}: " + "; ".join(
            [f"thêm «{s}»" for s in added] + [f"bỏ «{s}»" for s in dropped]))
    elif old.synonyms != new.synonyms:
        parts.append(f"{_FIELD_LABELS['synonyms']}: đổi thứ tự")
    return f"{old.name}: " + "; ".join(parts) if parts else None


def _shown(field: str, value: str | None) -> str:
    if field == "direction":
        return DIRECTION_LABELS.get(value, str(value))
    return value if value else "(trống)"
