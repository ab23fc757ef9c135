"""Attainment statuses: the one colour-blind safe palette, icons, badges and disagreement rules.

Colours come from the Okabe–Ito palette (darkened where white text needs contrast); every
place that shows a colour also shows the icon and the word, so nothing relies on colour alone.
"""

from __future__ import annotations

import html
from typing import Any

from dashboard.fmt import is_missing
from dashboard.progress import PROGRESS

__all__ = [
    "EXCEEDED",
    "MET",
    "PROGRESS",
    "NOT_MET",
    "STATUSES",
    "STATUS_COLORS",
    "STATUS_ICONS",
    "UNKNOWN",
    "VERDICTS",
    "badge_html",
    "disagrees",
    "effective_status",
    "label",
]

EXCEEDED, MET, NOT_MET, UNKNOWN = "Vượt", "Đạt", "Chưa đạt", "Không xác định"
STATUSES = (EXCEEDED, MET, NOT_MET, UNKNOWN)
STATUS_COLORS = {
    EXCEEDED: "#0072B2",  # blue
    MET: "#007A5E",  # bluish green
    NOT_MET: "#C45200",  # vermillion
    UNKNOWN: "#6E6E6E",  # grey
}
STATUS_ICONS = {EXCEEDED: "▲", MET: "✓", NOT_MET: "✗", UNKNOWN: "?"}
# In-year progress (dashboard.progress) wears the colour and icon of the matching verdict.
for _word, _like in zip(PROGRESS, (EXCEEDED, MET, NOT_MET), strict=True):
    STATUS_COLORS[_word], STATUS_ICONS[_word] = STATUS_COLORS[_like], STATUS_ICONS[_like]
_GOOD = {EXCEEDED, MET}
_LIKE = dict(zip(PROGRESS, (EXCEEDED, MET, NOT_MET), strict=True))  # tiến độ as a verdict
VERDICTS = STATUSES + PROGRESS  # every word a judged row can carry, in chart order


def _clean(status: Any) -> str | None:
    if is_missing(status) or not str(status).strip():
        return None
    text = str(status).strip()
    return text if text in STATUS_COLORS else UNKNOWN


def label(status: Any) -> str:
    """Icon and word: 'Đạt' -> '✓ Đạt'; missing -> '? Không xác định'."""
    name = _clean(status) or UNKNOWN
    return f"{STATUS_ICONS[name]} {name}"


def effective_status(reported: Any, computed: Any) -> str:
    """The status counted on cards: as reported when the report says, else as computed."""
    return _clean(reported) or _clean(computed) or UNKNOWN


def disagrees(reported: Any, computed: Any) -> bool:
    """The report and the computation disagree: one says met (Đạt/Vượt, or vượt/đúng tiến độ
    for an in-year result), the other Chưa đạt (or chậm tiến độ)."""
    pair = {_LIKE.get(word, word) for word in (_clean(reported), _clean(computed))}
    return NOT_MET in pair and bool(pair & _GOOD)


def badge_html(status: Any, text: str | None = None) -> str:
    """A coloured badge (white text on the status colour) with icon and word."""
    name = _clean(status) or UNKNOWN
    body = html.escape(text if text is not None else label(name))
    return (
        f'<span style="background:{STATUS_COLORS[name]};color:#fff;border-radius:0.5rem;'
        f'padding:0.1rem 0.5rem;font-size:0.85rem;white-space:nowrap">{body}</span>'
    )
