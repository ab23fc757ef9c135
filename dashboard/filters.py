"""Filter widgets kept in the address bar: every choice is written to `st.query_params`, so
copying the address reproduces the view, and a copied address preselects the widgets.

Where a widget gets its value, first to last: what the user chose in this session, the
address, the default. Values no longer offered (another locality has other periods) fall back
to the default instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import frames, queries, ui
from dashboard.fmt import fmt_num, fold
from dashboard.i18n import NO_DATA_AT_ALL, UPLOAD_PAGE
from dashboard.plain import md

__all__ = [
    "COMPARE_KEY", "LOCALITY_KEY", "PERIOD_KEY", "PROVINCE_KEY", "WHOLE_COUNTRY", "choice",
    "compare_with",
    "focus_locality", "locality", "localities", "many", "one", "page", "period",
    "period_label", "table_localities", "text", "toggle",
]

_PERSIST = {"persist_state": "session"}


# One address language: a locality is `dia_phuong` and a period `ky` on every page, whether
# the page picks one or several, so a link keeps them across pages. Older links spelled the
# several-locality and several-period keys differently; they are still read.
LOCALITY_KEY, PERIOD_KEY = "dia_phuong", "ky"
_OLD_KEYS = {LOCALITY_KEY: "cac_dia_phuong", PERIOD_KEY: "cac_ky"}


def _from_url(key: str, multi: bool) -> Any:
    for name in (key, _OLD_KEYS.get(key)):
        if name and name in st.query_params:
            return st.query_params.get_all(name) if multi else st.query_params[name]
    return None


def _starting_value(key: str, options: Sequence[str], default: Any, multi: bool,
                    url: str) -> Any:
    """This session's value if still offered, else the address's, else the default."""
    current = st.session_state.get(key)
    if multi:
        if isinstance(current, list) and all(v in options for v in current):
            return current
        wanted = _from_url(url, True)
        valid = [v for v in wanted or [] if v in options]
        return valid if wanted and valid else list(default)
    if current in options:
        return current
    wanted = _from_url(url, False)
    return wanted if wanted in options else default


def _prepare(key: str, options: Sequence[str], default: Any, multi: bool,
             url: str | None = None) -> None:
    """Put a valid starting value in session state before the widget is drawn.

    Set every run, even when the session already holds it: pages share keys (`dia_phuong`,
    `ky`), but each page's widget is its own widget, and drawn on a second page it started
    from its first option (Thu ngân sách on Huyện Đức Trọng, then Tổng quan on Cả nước).
    Setting the value anew before the widget is drawn makes it the widget's starting value
    (Streamlit's documented way to keep a choice across pages)."""
    st.session_state[key] = _starting_value(key, options, default, multi, url or key)


def _to_url(key: str, value: Any) -> None:
    old = _OLD_KEYS.get(key)
    if old:
        st.query_params.pop(old, None)
    if value is None or value == [] or value == "":
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = value


def one(key: str, label: str, options: Sequence[str], labels: Callable[[str], str] | None = None,
        default: str | None = None, url: str | None = None) -> str | None:
    """A selectbox over `options` (codes), shown through `labels`; None when no options.
    `url` is its address key (default: `key`)."""
    options = list(options)
    if not options:
        return None
    _prepare(key, options, default if default in options else options[0], False, url)
    value = st.selectbox(label, options, format_func=labels or str, key=key,
                         placeholder="Chọn…", **_PERSIST)
    _to_url(url or key, value)
    return value


def many(key: str, label: str, options: Sequence[str], labels: Callable[[str], str] | None = None,
         default: Sequence[str] = (), placeholder: str = "Chọn…",
         url: str | None = None) -> list[str]:
    """A multiselect over `options` (codes), shown through `labels`; `url` is its address key
    (default: `key`)."""
    options = list(options)
    _prepare(key, options, [d for d in default if d in options], True, url)
    value = st.multiselect(label, options, format_func=labels or str, key=key,
                           placeholder=placeholder, **_PERSIST)
    _to_url(url or key, list(value))
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
        st.page_link(UPLOAD_PAGE, label="Mở trang Nhập dữ liệu", icon=":material/upload_file:")
        st.stop()
    return frame


_LAST_LOCALITY = "_last_locality"  # carried between the one- and several-locality pickers


def _local(frame: pd.DataFrame) -> pd.DataFrame:
    """Localities below the province (the local reports rather than a ministry's table of every
    province), else all of them."""
    local = frame[~frame["tier"].isin(["quốc gia", "tỉnh"])]
    return local if not local.empty else frame


def _most_results(frame: pd.DataFrame) -> str:
    """The local unit with the most results (the first in list order on a tie)."""
    local = _local(frame)
    return str(local.loc[local["n_actual"].idxmax(), "id"])


def _unknown_in_address(key: str, known: Callable[[], Collection[str]], multi: bool,
                        url: str = LOCALITY_KEY) -> list[str]:
    """Codes the address names under `url` that are not among `known()` — read before the
    widget rewrites the address, and only while the widget has no value of the session yet
    (`known` is only asked when the address names something)."""
    if key in st.session_state:
        return []
    wanted = _from_url(url, multi)
    wanted = wanted if multi else [wanted] if wanted else []
    if not wanted:
        return []
    ids = known()
    return [code for code in wanted if code not in ids]


def _say_unknown(codes: Sequence[str], shown: str) -> None:
    """A link with a mistyped or outdated locality code says what is shown instead."""
    if codes:
        quoted = ", ".join(f"“{code}”" for code in codes)
        st.warning(md(f"Không có địa phương mã {quoted} trong dữ liệu; đang hiển thị {shown}."),
                   icon=":material/link_off:")


PROVINCE_KEY = "tinh"
WHOLE_COUNTRY = "Cả nước"  # the group of the country's own row, which has no province
_PROVINCE_PICKED = "_tinh_picked"  # set when the visitor, not the page, changed the province


def _groups(frame: pd.DataFrame) -> pd.Series:
    """Each locality's province, in the frame's order (the country's own row: Cả nước)."""
    return frame["province"].fillna(WHOLE_COUNTRY)


def _province_options(frame: pd.DataFrame) -> list[str]:
    """The provinces the localities lie in, alphabetically, Cả nước first when present."""
    return sorted(set(_groups(frame)), key=lambda g: (g != WHOLE_COUNTRY, fold(g)))


def _province_picked() -> None:
    st.session_state[_PROVINCE_PICKED] = True


def _province(frame: pd.DataFrame, around: str | None) -> str | None:
    """A 'Tỉnh, thành phố' box above a locality box, so that box lists one province's units
    (a few hundred at most) instead of the whole country's ten thousand on every run. It
    follows the locality shown (`around`) unless the visitor has just picked a province. None
    when the data has one province (no box)."""
    options = _province_options(frame)
    if len(options) < 2:
        return None
    by_id = dict(zip(frame["id"].tolist(), _groups(frame).tolist(), strict=True))
    if not st.session_state.pop(_PROVINCE_PICKED, False) or st.session_state.get(
            PROVINCE_KEY) not in options:
        st.session_state[PROVINCE_KEY] = by_id.get(around, options[0])
    return st.selectbox("Tỉnh, thành phố", options, key=PROVINCE_KEY,
                        on_change=_province_picked)


def _of_province(frame: pd.DataFrame, province: str | None) -> pd.DataFrame:
    return frame if province is None else frame[_groups(frame) == province]


def _offered(names: dict[str, str], province: pd.DataFrame, shown: Sequence[str]) -> list[str]:
    """A several-locality box's options, in list order: the province's and those picked."""
    kept = set(province["id"]) | set(shown)
    return [lid for lid in names if lid in kept]


def locality(version: str, key: str = LOCALITY_KEY) -> tuple[str, str]:
    """Pick one locality (default: the one looked at last, else the district or commune with
    the most results), under a province box when the data spans several; returns (id, name).
    A code in the address that no locality has is named in a notice."""
    frame = _known_localities(version)
    names = frames.lookup(frame, "id", "name")
    unknown = _unknown_in_address(key, lambda: names, multi=False)
    default = st.session_state.get(_LAST_LOCALITY)
    default = default if default in names else _most_results(frame)
    shown = _starting_value(key, list(names), default, False, LOCALITY_KEY)
    offered = _of_province(frame, _province(frame, shown))
    if shown not in set(offered["id"]):  # the visitor picked another province
        shown = _most_results(offered)
    chosen = str(one(key, "Địa phương", offered["id"].tolist(), names.get, shown,
                     url=LOCALITY_KEY))
    st.session_state[_LAST_LOCALITY] = chosen
    _say_unknown(unknown, names[chosen])
    return chosen, names[chosen]


def localities(version: str, key: str = "cac_dia_phuong", default_count: int = 1,
               indicator: str | None = None) -> dict[str, str]:
    """Pick several localities (those with a result for `indicator` when given), under a
    province box when the data spans several: the box lists that province's units and those
    already picked, and follows the last one picked; returns {id: name} in list order.

    Default: the locality looked at last on a one-locality page, else the one with the most
    results (with `default_count` > 1, the first ones). A code in the address that no locality
    has is named in a notice."""
    frame = queries.localities(version, indicator) if indicator else _known_localities(version)
    unknown = _unknown_in_address(key, lambda: set(_known_localities(version)["id"]), multi=True)
    names = frames.lookup(frame, "id", "name")
    last = st.session_state.get(_LAST_LOCALITY)
    if last in names and default_count == 1:
        default = [last]
    elif default_count == 1 and not frame.empty:
        default = [_most_results(frame)]
    else:
        default = list(_local(frame)["id"].iloc[:default_count])
    shown = _starting_value(key, list(names), default, True, LOCALITY_KEY)
    offered = _of_province(frame, _province(frame, shown[-1] if shown else None))
    chosen = many(key, "Địa phương", _offered(names, offered, shown), names.get, shown,
                  url=LOCALITY_KEY)
    if chosen:
        st.session_state[_LAST_LOCALITY] = chosen[0]
    _say_unknown(unknown, ", ".join(names[lid] for lid in chosen) or "tất cả địa phương")
    return {lid: names[lid] for lid in chosen}


COMPARE_KEY = "so_sanh_voi"  # not `cac_dia_phuong`: the locality box drops that old address key


def compare_with(version: str, locality_id: str, key: str = COMPARE_KEY) -> list[str]:
    """Trình chiếu's 'So sánh với': the other units of `locality_id`'s province and every
    province (a few hundred on the whole country, not ten thousand on every run), and any
    already picked elsewhere (an address naming them); none by default."""
    frame = queries.localities(version)
    names = frames.lookup(frame, "id", "name")
    groups = _groups(frame)
    own = groups[frame["id"] == locality_id]
    near = frame[(groups == (own.iloc[0] if len(own) else None))
                 | frame["tier"].isin(_WHOLE_TIERS)]
    shown = _starting_value(key, list(names), [], True, key)
    offered = [lid for lid in _offered(names, near, shown) if lid != locality_id]
    return many(key, "So sánh với", offered, names.get, placeholder="Không so sánh")


_WHOLE_TIERS = ("quốc gia", "tỉnh")  # units compared across provinces: the country, provinces


def table_localities(version: str) -> tuple[str, ...]:
    """Dữ liệu's place filter: a province box (first option every province, kept in the
    address as `tinh`) and a box of that province's localities; returns the ids the table
    keeps — those picked, else the province's, else none (every row)."""
    frame = queries.localities(version)
    options = _province_options(frame)
    province = None
    if len(options) > 1:
        province = one("loc_tinh", "Tỉnh, thành phố", [""] + options,
                       lambda g: g or "Tất cả tỉnh, thành phố", "", url=PROVINCE_KEY) or None
    offered = _of_province(frame, province)
    names = frames.lookup(frame, "id", "name")
    shown = _starting_value("cac_dia_phuong", list(names), [], True, LOCALITY_KEY)
    everyone = f"Tất cả địa phương của {province}" if province else "Tất cả địa phương"
    chosen = many("cac_dia_phuong", "Địa phương", _offered(names, offered, shown), names.get,
                  placeholder=everyone, url=LOCALITY_KEY)
    return tuple(chosen) if chosen or province is None else tuple(offered["id"])


def focus_locality() -> str | None:
    """The locality the visitor is looking at: the address's (the first of several), else the
    one looked at last on another page; None on a first visit without one."""
    wanted = _from_url(LOCALITY_KEY, True)
    return wanted[0] if wanted else st.session_state.get(_LAST_LOCALITY)


def period_label(row: pd.Series) -> str:
    """A period in the list with how many results it has: 'Giai đoạn 2021–2023 · 59 kết quả';
    one with none says so: 'Năm 2025 · chưa có kết quả (16 mục tiêu)'."""
    if row["n_actual"] > 0:
        return f"{row['label']} · {fmt_num(row['n_actual'])} kết quả"
    targets = f" ({fmt_num(row['n_target'])} mục tiêu)" if row.get("n_target", 0) > 0 else ""
    return f"{row['label']} · chưa có kết quả{targets}"


def period(periods: pd.DataFrame, key: str = PERIOD_KEY, prefer: str = "n_actual") -> str | None:
    """Pick one period of `periods` (latest first), each with its count of results; default:
    the one where the count column `prefer` is highest (the latest on a tie)."""
    if periods.empty:
        return None
    default = str(periods.loc[periods[prefer].idxmax(), "code"])
    labels = {row["code"]: period_label(row) for _, row in periods.iterrows()}
    unknown = _unknown_in_address(key, lambda: labels, multi=False, url=PERIOD_KEY)
    chosen = one(key, "Kỳ báo cáo", list(labels), labels.get, default, url=PERIOD_KEY)
    if unknown and chosen is not None:  # a mistyped period, or one this place has no data of
        shown = str(periods.loc[periods["code"] == chosen, "label"].iloc[0])
        st.warning(md(f"Đường dẫn ghi kỳ “{unknown[0]}”, không có trong số liệu của địa phương "
                      f"này; đang hiển thị {shown}."), icon=":material/link_off:")
    return chosen
