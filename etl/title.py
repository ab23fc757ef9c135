"""Locality and period of a table from its title rows ('UBND HUYỆN ĐỨC TRỌNG', 'CHỈ TIÊU KẾ
HOẠCH NĂM 2022'), or from what the user gave; the refusal messages that ask for them."""

from __future__ import annotations

import re
from datetime import date

from etl import localities
from etl.errors import Refused
from etl.periods import Period, find_periods, parse_code
from etl.text import fold

__all__ = ["missing", "period_from_title", "title_period", "locality_of", "title_locality",
           "span"]


_WHAT = {"locality": "địa phương", "period": "kỳ"}


def missing(field: str, example: str) -> Refused:
    """The refusal of a table whose title rows do not say its locality (period)."""
    return Refused(f"Không xác định được {_WHAT[field]} của bảng từ các dòng tiêu đề.",
                   reason=f"no_{field}", field=field, example=example)


def title_period(title: str) -> str | None:
    """The one period the title names, else None (none, or several)."""
    periods = find_periods(title)
    return periods[0] if len(periods) == 1 else None


def period_from_title(title: str) -> str | None:
    """The period the title names, None for none; refused when it names several."""
    periods = find_periods(title)
    if len(periods) > 1:
        raise Refused(
            "Tiêu đề bảng nêu nhiều kỳ (" + ", ".join(periods) + "): không biết chọn kỳ nào.",
            reason="several_periods", field="period",
        )
    return periods[0] if periods else None


def span(period: str | None) -> tuple[date, date] | None:
    if not period:
        return None
    p: Period = parse_code(period)
    return (p.start, p.end)


# 'xã hội' ('KINH TẾ - XÃ HỘI', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH LÂM ĐỒNG') names no
# commune, and must not swallow the unit after it.
_TITLE_UNIT = re.compile(
    r"\b(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?|xã(?!\s+hội\b)|phường|thị trấn)\s+"
    r"(\d{1,2}|[^\W\d_][\w'’ .-]*?)"
    r"(?=\s*(?:$|[,;:()\n]|\s-\s|\s+(?:năm|giai đoạn|nhiệm kỳ|lần)\b))",
    re.IGNORECASE,
)
_PARTY_UNIT = re.compile(
    r"\b(huyện|thị|thành|tỉnh|quận)\s+ủy\s+([^\W\d_][\w'’ .-]*?)(?=\s*(?:$|[,;:()\n]))",
    re.IGNORECASE,
)
_PARTY_LEVEL = {"huyện": "Huyện", "thị": "Thị xã", "thành": "Thành phố", "tỉnh": "Tỉnh",
                "quận": "Quận"}


# The levels whose units may be named by a number alone ('PHƯỜNG 2', 'QUẬN 3'); 'XÃ 5' or
# 'TỈNH 12' is a count or a figure, not a unit.
_NUMBERED = {"phuong", "quan"}


def _title_candidates(title: str) -> list[str]:
    names: list[str] = []
    for line in title.splitlines():
        names.extend(f"{m[1]} {m[2]}" for m in _TITLE_UNIT.finditer(line)
                     if not m[2].isdigit() or fold(m[1]) in _NUMBERED)
        for m in _PARTY_UNIT.finditer(line):
            names.append(f"{_PARTY_LEVEL[m[1].lower()]} {m[2]}")
    return names


def locality_of(given: str | None, title: str, period: str | None) -> str:
    """The unit `given` names, else the one the title names; refused when neither says."""
    dates = span(period)
    if given:
        try:
            return localities.resolve(given, on=dates).id
        except Refused as err:  # the name the person gave: they fix it where they gave it
            raise err.but(field="locality") from None
    units = _title_units(title, dates)
    unplaced = _ambiguous_in_title(title, dates, units)
    if unplaced is not None:
        raise unplaced
    if not units:
        raise missing("locality", "Huyện Đức Trọng")
    deepest = _most_specific(units)
    if deepest is None:
        names = ", ".join(u.name for u in units)
        raise Refused(f"Tiêu đề bảng nêu nhiều địa phương ({names}).",
                      reason="several_localities", field="locality")
    return deepest.id


def title_locality(title: str, period: str | None) -> str | None:
    """The unit the title rows name, if exactly one (None for none or unrelated units)."""
    units = _title_units(title, span(period))
    deepest = _most_specific(units) if units else None
    return deepest.id if deepest else None


def _title_units(title: str, dates: tuple[date, date] | None) -> list[localities.Locality]:
    """The units the title rows name, each once."""
    found: dict[str, localities.Locality] = {}
    shared: list[str] = []
    for name in _title_candidates(title):
        unit = _resolve(name, dates)
        if unit is None:
            shared.append(name)
        else:
            found[unit.id] = unit
    # A name several units share ('Xã Liên Hiệp') is read inside the units the title names
    # unambiguously ('HUYỆN ĐỨC TRỌNG, TỈNH LÂM ĐỒNG').
    context = [unit.name for unit in found.values()]
    for name in shared if context else []:
        unit = _resolve(", ".join([name, *context]), dates)
        if unit is not None:
            found[unit.id] = unit
    return list(found.values())


def _ambiguous_in_title(title: str, dates: tuple[date, date] | None,
                        units: list[localities.Locality]) -> Refused | None:
    """When the title names a unit that several units share, that refusal with its
    candidates: with no unit named unambiguously, each name read with the title's other names
    as context ('UBND XÃ TÀ XÙA - TỈNH SƠN LA' in 2025: the commune before and after 1 July);
    else a name still ambiguous inside the units named alone ('UBND PHƯỜNG 2' under 'UBND TỈNH
    LÂM ĐỒNG': Đà Lạt's or Bảo Lộc's). None when no name is left ambiguous."""
    names = _title_candidates(title)
    alone = {name: _resolve(name, dates) for name in names} if units else {}
    context = [unit.name for unit in alone.values() if unit] or names
    for name in names:
        if alone.get(name):
            continue
        try:
            localities.resolve(", ".join(dict.fromkeys([name, *context])), on=dates)
        except Refused as err:
            if isinstance(err, localities.Ambiguous) or (err.candidates and not units):
                return err.but(message=f"Tiêu đề bảng nêu '{name}': {err.message}",
                               field="locality")
    return None


def _resolve(name: str, dates: tuple[date, date] | None) -> localities.Locality | None:
    try:
        return localities.resolve(name, on=dates)
    except Refused:
        return None


_TIER_RANK = {"quốc gia": 0, "tỉnh": 1, "huyện": 2, "xã": 3}


def _most_specific(units: list[localities.Locality]) -> localities.Locality | None:
    """'UBND TỈNH LÂM ĐỒNG / UBND HUYỆN ĐỨC TRỌNG' -> the huyện; unrelated units -> None."""
    units = sorted(units, key=lambda u: _TIER_RANK.get(u.tier, 9))
    deepest = units[-1]
    for unit in units[:-1]:
        if unit.tier == deepest.tier or (unit.province and unit.province != deepest.province):
            return None
    return deepest
