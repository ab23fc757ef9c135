"""Place names of a table's rows read in the table's context.

The unit its title names ('UBND HUYỆN ĐỨC TRỌNG') and a district column ('Huyện') narrow the
search, so 'Liên Hiệp' is that huyện's commune, not one of five nationwide; a name not found
inside is looked up outside, a name ambiguous inside stays refused. Total rows ('Toàn huyện',
'Toàn tỉnh', 'Tổng số', 'Cả nước') are the aggregate of a unit, not place names. Units in a
table's columns ('Toàn tỉnh | TP. Đà Lạt | …') are read the same way, and must lie inside the
title's unit.
"""

from __future__ import annotations

import re

from etl import localities
from etl.errors import Refused
from etl.layout import MEASURE_ROLES, Column, TableSpec
from etl.read import Grid
from etl.records import Context, row_no
from etl.text import fold, shortened
from etl.title import span, title_locality

__all__ = ["Resolver", "title_unit", "total_unit", "row_tier", "place_columns", "column_places"]

_NATION_WORDS = re.compile(r"^(ca nuoc|toan quoc)\b")
_UNIT_TOTAL = re.compile(
    r"^(?:toan|ca)\s+(tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran)$"
)
_TOTAL_WORDS = re.compile(r"^(?:tong so|tong cong)\b|^(?:cong|tong|tong so)$")
_TIER_OF_WORD = {"tinh": "tỉnh", "huyen": "huyện", "quan": "huyện", "thi xa": "huyện",
                 "xa": "xã", "phuong": "xã", "thi tran": "xã"}  # 'thành phố' is either
_DISTRICT_HEADER = re.compile(
    r"^(?:ten )?(?:huyen|quan|quan, huyen|quan/huyen|huyen, thi xa(?:, thanh pho)?|"
    r"huyen/thi xa(?:/thanh pho)?|huyen, quan, thi xa(?:, thanh pho)?|don vi cap huyen)$"
)
_COMMUNE_HEADER = re.compile(r"^(?:ten )?(?:xa|phuong|thi tran|don vi)\b")


def title_unit(ctx: Context) -> str | None:
    """The unit the title rows name ('UBND HUYỆN ĐỨC TRỌNG'), if exactly one."""
    return title_locality(ctx.spec.title, ctx.period) if ctx.spec.title else None


def total_unit(folded: str, unit_id: str | None, table_tier: str | None) -> str | None:
    """The unit a total row adds up ('Toàn huyện' under UBND HUYỆN ĐỨC TRỌNG is the huyện), or
    None when it cannot be told; '' when `folded` is not a total row."""
    if _NATION_WORDS.match(folded):
        return "VN"
    word = _UNIT_TOTAL.match(folded)
    if word:
        if unit_id is None:
            return None
        tier = _TIER_OF_WORD.get(word[1]) or localities.get(unit_id).tier
        found = localities.ancestor(unit_id, tier)
        return found.id if found else None
    if _TOTAL_WORDS.match(folded):
        return unit_id or ("VN" if table_tier == "tỉnh" else None)
    return ""


def row_tier(ctx: Context) -> str | None:
    """The tier the locality header names ('Tên xã' → xã); 'Địa phương' names none (the
    'phương' in it is not 'phường')."""
    header = fold(ctx.spec.role("locality").header)
    return None if "dia phuong" in header else ctx.spec.locality_tier


def place_columns(spec: TableSpec) -> tuple[Column, Column | None]:
    """(the locality column, the district column that narrows it, if any). When the column
    the layout took for localities is the district one and a commune column follows, the
    commune column holds the localities."""
    loc = spec.role("locality")
    district = next((c for c in spec.columns if c is not loc
                     and _DISTRICT_HEADER.match(fold(c.header))), None)
    if district is None and _DISTRICT_HEADER.match(fold(loc.header)):
        commune = next((c for c in spec.columns if c.index > loc.index
                        and _COMMUNE_HEADER.match(fold(c.header))), None)
        if commune is not None:
            return commune, loc
    return loc, district


class Resolver:
    """Row names to unit ids, memoised, inside the title's unit (`unit`) or a district; a name
    not found inside is looked up outside, a name ambiguous inside stays refused. An unknown
    name is refused with the narrowest lookup's suggestions."""

    def __init__(self, grid: Grid, unit: str | None) -> None:
        self.grid, self.unit = grid, unit
        self.cache: dict[tuple, str] = {}

    def __call__(self, name, period, tier, province, code, r, inside=None) -> str:
        key = (name, period, tier, province, code, inside)
        if key not in self.cache:
            try:
                self.cache[key] = self.find(name, period, tier, province, code, inside)
            except Refused as err:
                line = row_no(self.grid, r)
                raise err.but(message=f"Dòng {line}: {err.message}", row=line) from None
        return self.cache[key]

    def find(self, name, period, tier=None, province=None, code=None, inside=None) -> str:
        """Narrowest first: inside the district, the title's unit, then anywhere; at the
        header's tier ('Tên xã'), then at any (the header may not say)."""
        narrow = [s for s in dict.fromkeys((inside, self.unit)) if s]
        scopes = [(s, t) for s in [*narrow, None] for t in dict.fromkeys((tier, None))]
        first: Refused | None = None
        for scope, at in scopes:
            try:
                return localities.resolve(name, on=span(period), tier=at, province=province,
                                          code=code, inside=scope).id
            except Refused as err:
                if isinstance(err, localities.Ambiguous):
                    first = err
                    break
                first = first or err
        raise first


def column_places(ctx: Context) -> dict[int, str]:
    """The unit of each measure column that names one (`Column.place`), by column index, read
    inside the table's unit (a phụ lục always has one: the title's). A header that names no
    unit there is refused with its column."""
    cols = [c for c in ctx.spec.columns if c.place and c.role in MEASURE_ROLES]
    if not cols or ctx.locality_id is None:
        return {}
    resolve = Resolver(ctx.grid, ctx.locality_id)
    places: dict[int, str] = {}
    for col in cols:
        try:
            places[col.index] = _column_place(col.place, ctx.locality_id, ctx.period, resolve)
        except Refused as err:
            raise err.but(message=f"Cột {col.letter} '{shortened(col.header)}': {err.message}",
                          column=col.letter) from None
    return places


def _column_place(name: str, unit: str, period: str | None, resolve: Resolver) -> str:
    """The unit a column header names: a total ('Toàn tỉnh') is `unit` or the one above it, a
    name must lie inside `unit`."""
    table = localities.get(unit)
    total = total_unit(fold(name), unit, None)
    if total is None:
        raise Refused(f"không biết đây là tổng của đơn vị nào ({table.name} là đơn vị mà tiêu đề "
                      "bảng nêu).", reason="unknown_locality")
    if total:
        return total
    found = resolve.find(name, period)
    inside = localities.ancestor(found, table.tier)
    if inside is None or inside.id != unit:
        raise Refused(f"{localities.get(found).name} không thuộc {table.name} mà tiêu đề bảng "
                      "nêu.", reason="unknown_locality")
    return found
