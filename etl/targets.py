"""What a parsed target means: one typed `Target` for `=`, `range`, `>`, `>=`, `<`, `<=`.

The store, the dashboard's frames, metrics, charts and formatting all ask a `Target` — its
single value, its band, how far a result is from it, its Vietnamese words — instead of
re-reading (op, low, high) each in their own way. Pure: no database, no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from etl.numbers import format_vn

__all__ = ["OPS", "Target", "point_value"]

OPS = ("=", "range", ">", ">=", "<", "<=")
_FLOOR_OPS = (">", ">=")
_CEILING_OPS = ("<", "<=")
_WORDS = {">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ "}


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _vn(number: float) -> str:
    return format_vn(round(number, 2))


def _suffix(unit: str | None) -> str:
    if not unit or not isinstance(unit, str):
        return ""
    return unit if unit.startswith("%") else f" {unit}"


@dataclass(frozen=True, slots=True)
class Target:
    """A comparison with its bounds: `low` for `=`, `range`, `>`, `>=`; `high` for `range`,
    `<`, `<=` (and `=`, where low == high)."""

    op: str
    low: float | None
    high: float | None

    @classmethod
    def of(cls, op: Any, low: Any, high: Any) -> Target | None:
        """The target of a stored (op, low, high), or None when it holds no usable bound."""
        if op not in OPS:
            return None
        low, high = _number(low), _number(high)
        if op == "=":
            low = high if low is None else low
            high = low
        elif op == "range":
            low = high if low is None else low
            high = low if high is None else high
        elif op in _FLOOR_OPS:
            high = None
        else:
            low = None
        if low is None and high is None:
            return None
        return cls(op, low, high)

    @property
    def floor(self) -> float | None:
        """The lowest result that meets it (None when only a ceiling is set)."""
        return None if self.op in _CEILING_OPS else self.low

    @property
    def ceiling(self) -> float | None:
        """The highest result that meets it (None when only a floor is set)."""
        return None if self.op in _FLOOR_OPS else self.high

    @property
    def point(self) -> float | None:
        """The single number a cell states: the bound of `=`, `>`, `<`…; None for a range."""
        if self.op == "range":
            return None
        return self.low if self.low is not None else self.high

    @property
    def direction(self) -> str | None:
        """The direction the comparison implies: `>`/`>=` up, `<`/`<=` down, else None."""
        if self.op in _FLOOR_OPS:
            return "up"
        return "down" if self.op in _CEILING_OPS else None

    def reference(self, direction: str | None = None) -> float | None:
        """The level a chart measures a result against: the bound that must be reached (the
        floor when higher is better, the ceiling when lower is better)."""
        direction = direction or self.direction or "up"
        if direction == "down":
            return self.ceiling if self.ceiling is not None else self.floor
        return self.floor if self.floor is not None else self.ceiling

    def band(self) -> tuple[float | None, float | None]:
        """(floor, ceiling) of the results that meet it; None on an open side."""
        return self.floor, self.ceiling

    def margin(self, actual: Any, direction: str | None = None) -> float | None:
        """How far a result is past the bound it must reach, in the target's unit: positive =
        better than needed, negative = short of it (for 'lower is better', above the ceiling)."""
        value = _number(actual)
        direction = direction or self.direction or "up"
        bound = self.reference(direction)
        if value is None or bound is None:
            return None
        return value - bound if direction == "up" else bound - value

    def scaled(self, share: float) -> Target:
        """The target for a part of its period: bounds × `share` (6 months of a year: 0.5)."""
        low = None if self.low is None else self.low * share
        high = None if self.high is None else self.high * share
        return Target(self.op, low, high)

    def text(self, unit: str | None = None) -> str:
        """In words, Vietnamese numbers: '8,5–9,5%', '≥ 2 xã', '< 0,2%', '770,4 tỷ đồng'."""
        suffix = _suffix(unit)
        if self.op == "range" and self.low != self.high:
            return f"{_vn(self.low)}–{_vn(self.high)}{suffix}"
        if self.op in _WORDS:
            bound = self.low if self.op in _FLOOR_OPS else self.high
            return f"{_WORDS[self.op]}{_vn(bound)}{suffix}"
        return f"{_vn(self.low)}{suffix}"


def point_value(op: Any, low: Any, high: Any) -> float | None:
    """The single number of a parsed cell (what the store keeps as the actual value)."""
    target = Target.of(op, low, high)
    return None if target is None else target.point
