"""Filter widgets kept in the address bar: every choice is written to `st.query_params`, so
copying the address reproduces the view, and a copied address preselects the widgets.

Where a widget gets its value, first to last: what the user chose in this session, the
address, the default. Values no longer offered (another locality has other periods) fall back
to the default instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import queries, ui
from dashboard.i18n import NO_DATA_AT_ALL

__all__ = [
    "choice", "locality", "localities", "many", "one", "page", "period", "text", "toggle",
]

_PERSIST = {"persist_state": "session"}


def _from_url(key: str, multi: bool) -> Any:
    if key not in st.query_params:
        return None
    return st.query_params.get_all(key) if multi else st.query_params[key]


def _prepare(key: str, options: Sequence[str], default: Any, multi: bool) -> None:
    """Put a valid starting value in session state before the widget is drawn."""
    current = st.session_state.get(key)
    if multi:
        if isinstance(current, list) and all(v in options for v in current):
            return
        wanted = _from_url(key, True)
        valid = [v for v in wanted or [] if v in options]
        st.session_state[key] = valid if wanted and valid else list(default)
        return
    if current in options:
        return
    wanted = _from_url(key, False)
    st.session_state[key] = wanted if wanted in options else default


def _to_url(key: str, value: Any) -> None:
    if value is None or value == [] or value == "":
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = value


def one(key: str, label: str, options: Sequence[str], labels: Callable[[str], str] | None = None,
        default: str | None = None) -> str | None:
    """A selectbox over `options` (codes), shown through `labels`; None when no options."""
    options = list(options)
    if not options:
        return None
    _prepare(key, options, default if default in options else options[0], multi=False)
    value = st.selectbox(label, options, format_func=labels or str, key=key,
                         placeholder="Chọn…", **_PERSIST)
    _to_url(key, value)
    return value


def many(key: str, label: str, options: Sequence[str], labels: Callable[[str], str] | None = None,
         default: Sequence[str] = (), placeholder: str = "Chọn…") -> list[str]:
    """A multiselect over `options` (codes), shown through `labels`."""
    options = list(options)
    _prepare(key, options, [d for d in default if d in options], multi=True)
    value = st.multiselect(label, options, format_func=labels or str, key=key,
                           placeholder=placeholder, **_PERSIST)
    _to_url(key, list(value))
    return list(value)


def choice(key: str, label: str, options: dict[str, str], default: str) -> str:
    """A segmented control with one required choice; `options` maps address codes to words."""
    codes = list(options)
    _prepare(key, codes, default, multi=False)
    value = st.segmented_control(label, codes, format_func=options.get, key=key, required=True,
                                 **_PERSIST)
    _to_url(key, value)
    return str(value)


def toggle(key: str, label: str, default: bool = False) -> bool:
    """An on/off switch, '1' or '0' in the address."""
    if not isinstance(st.session_state.get(key), bool):
        wanted = _from_url(key, False)
        st.session_state[key] = wanted == "1" if wanted in ("0", "1") else default
    value = st.toggle(label, key=key, **_PERSIST)
    _to_url(key, "1" if value else "0")
    return bool(value)


def text(key: str, label: str, placeholder: str = "") -> str:
    """A free-text filter."""
    if not isinstance(st.session_state.get(key), str):
        st.session_state[key] = str(_from_url(key, False) or "")
    value = st.text_input(label, key=key, placeholder=placeholder, **_PERSIST)
    _to_url(key, value.strip())
    return value.strip()


def page(key: str, page_count: int) -> int:
    """A page number of a long table, 1 … page_count, '3' in the address."""
    wanted = st.session_state.get(key, _from_url(key, False))
    try:
        current = min(max(int(wanted), 1), page_count)
    except (TypeError, ValueError):
        current = 1
    st.session_state[key] = current
    value = st.number_input("Trang", min_value=1, max_value=max(page_count, 1), step=1, key=key)
    _to_url(key, str(int(value)))
    return int(value)


def _known_localities(version: str) -> pd.DataFrame:
    frame = queries.localities(version)
    if frame.empty:
        ui.empty(NO_DATA_AT_ALL)
        st.stop()
    return frame


_LAST_LOCALITY = "_last_locality"  # carried between the one- and several-locality pickers


def _local_first(frame: pd.DataFrame, count: int) -> list[str]:
    """The first `count` localities below the province, in list order, else the first ones."""
    local = frame[~frame["tier"].isin(["quốc gia", "tỉnh"])]
    return list((local if not local.empty else frame)["id"])[:count]


def locality(version: str, key: str = "dia_phuong") -> tuple[str, str]:
    """Pick one locality (default: the one looked at last, else the first district or commune
    with data — the local reports rather than a ministry's table of every province); returns
    (id, name)."""
    frame = _known_localities(version)
    names = dict(zip(frame["id"], frame["name"], strict=True))
    chosen = str(one(key, "Địa phương", list(names), names.get,
                     st.session_state.get(_LAST_LOCALITY) or _local_first(frame, 1)[0]))
    st.session_state[_LAST_LOCALITY] = chosen
    return chosen, names[chosen]


def localities(version: str, key: str = "cac_dia_phuong", default_count: int = 1,
               only: Sequence[str] | None = None) -> dict[str, str]:
    """Pick several localities (among `only` when given); returns {id: name} in list order.

    Default: the locality looked at last on a one-locality page, else the first ones."""
    frame = _known_localities(version)
    if only is not None:
        frame = frame[frame["id"].isin(list(only))]
    names = dict(zip(frame["id"], frame["name"], strict=True))
    last = st.session_state.get(_LAST_LOCALITY)
    default = [last] if last in names and default_count == 1 else _local_first(frame, default_count)
    chosen = many(key, "Địa phương", list(names), names.get, default)
    if chosen:
        st.session_state[_LAST_LOCALITY] = chosen[0]
    return {lid: names[lid] for lid in chosen}


def period(periods: pd.DataFrame, key: str = "ky", prefer: str = "n_actual") -> str | None:
    """Pick one period of `periods` (latest first); default: the latest where the count column
    `prefer` is positive (the latest with results unless told otherwise)."""
    if periods.empty:
        return None
    with_results = periods[periods[prefer] > 0]
    default = (with_results if not with_results.empty else periods)["code"].iloc[0]
    labels = dict(zip(periods["code"], periods["label"], strict=True))
    return one(key, "Kỳ báo cáo", list(labels), labels.get, default)
