"""Row hierarchy of phụ lục tables: section rows (I, II), numbered items (1, 1.1), and
sub-items ('-', '+', 'Trong đó', unnumbered rows) under their parent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.text import clean, fold

__all__ = ["Marker", "marker_of", "split_leading_marker", "HierarchyTracker"]

_ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ARABIC = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
_LEADING = re.compile(r"^((?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*)[.)]?)\s+(\S.*)$")
_BULLET = re.compile(r"^([-–+•*·])\s*")


@dataclass(frozen=True)
class Marker:
    kind: str    # roman | number | dash | plus | among | plain
    depth: int   # 1 for '1', 2 for '1.1'; 0 for roman


def _stt_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value)


def marker_of(stt: object, name: str) -> Marker:
    """The list marker of a row from its STT cell and the start of its name."""
    text = _stt_text(stt).rstrip(".")
    folded = fold(text)
    if folded and _ROMAN.match(folded):
        return Marker("roman", 0)
    m = _ARABIC.match(text)
    if m:
        return Marker("number", m[1].count(".") + 1)
    bullet = _BULLET.match(name)
    if bullet:
        return Marker("plus" if bullet[1] == "+" else "dash", 0)
    if fold(name).startswith("trong do"):
        return Marker("among", 0)
    return Marker("plain", 0)


def split_leading_marker(text: str) -> tuple[str, str]:
    """'I Các chỉ tiêu về kinh tế' -> ('I', 'Các chỉ tiêu về kinh tế'); no marker -> ('', text)."""
    m = _LEADING.match(text)
    if m and (_ROMAN.match(fold(m[1].rstrip(".)"))) or _ARABIC.match(m[1].rstrip(")"))):
        return m[1].rstrip(".)"), m[2]
    return "", text


@lru_cache(maxsize=65536)
def strip_bullet(name: str) -> str:
    """'- Khu vực dịch vụ tăng;' -> 'Khu vực dịch vụ tăng;'."""
    return _BULLET.sub("", name, count=1).strip()


class HierarchyTracker:
    """Feeds rows in order and answers each row's parent name.

    Levels: roman sections 0; numbered items 1 + dots; unnumbered, '-' and 'Trong đó' rows one
    below the last numbered item; '+' one below the last '-' row.
    """

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []  # (level, name)
        self._last_numbered = 0
        self._last_dash: int | None = None

    def push(self, marker: Marker, name: str) -> str | None:
        level = self._level(marker)
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        parent = self._stack[-1][1] if self._stack and self._stack[-1][0] > 0 else None
        self._stack.append((level, name))
        return parent

    def _level(self, marker: Marker) -> int:
        if marker.kind == "roman":
            self._last_numbered, self._last_dash = 0, None
            return 0
        if marker.kind == "number":
            self._last_numbered, self._last_dash = marker.depth, None
            return marker.depth
        if marker.kind == "plus" and self._last_dash is not None:
            return self._last_dash + 1
        level = self._last_numbered + 1
        if marker.kind == "dash":
            self._last_dash = level
        return level
