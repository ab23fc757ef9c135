"""Place names of a table's rows read in the table's context.

The unit its title names ('UBND HUYỆN ĐỨC TRỌNG') and a district column ('Huyện') narrow the
search, so 'Liên Hiệp' is that huyện's commune, not one of five nationwide; a name not found
inside is looked up outside, a name ambiguous inside stays refused. Total rows ('Toàn huyện',
'Toàn tỉnh', 'Tổng số', 'Cả nước') are the aggregate of a unit, not place names.
"""

from __future__ import annotations

import re

from etl import localities
from etl.errors import Refused
from etl.layout import Column, TableSpec
from etl.read import Grid
from etl.records import Context, row_no
from etl.text import fold
from etl.title import span, title_locality

__all__ = ["Resolver", "title_unit", "total_unit", "row_tier", "place_columns"]

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
            self.cache[key] = self._resolve(name, period, tier, province, code, r, inside)
        return self.cache[key]

    def _resolve(self, name, period, tier, province, code, r, inside) -> str:
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
        line = row_no(self.grid, r)
        raise first.but(message=f"Dòng {line}: {first.message}", row=line) from None
