"""The live indicator catalog in the dashboard: the one uploads are matched against (the
database's, rebuilt only when it changes) and the admins' editor behind "Danh mục chỉ tiêu" —
tables, choices and the form callbacks, which write through the process's one writer and
`etl.catalog_edit` (it checks again that the person is an admin and writes the audit log)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, queries, ui
from dashboard.db import cursor, writer
from dashboard.fmt import MISSING, fmt_datetime, fmt_num, is_missing
from dashboard.refusals import said
from etl import catalog_edit, store_catalog
from etl.catalog_edit import DIRECTION_LABELS, Change
from etl.errors import Refused
from etl.indicators import DOMAINS, Catalog

__all__ = [
    "DIRECTIONS", "FIELDS", "KIND_LABELS", "NONE", "catalog_frame", "domain_choices",
    "edit_defaults", "kind_choices", "labels", "live", "map_from_form", "mapped_panel",
    "messages", "name_labels", "save_from_form", "suggested",
    "table", "uncatalogued_frame", "uncatalogued_shown", "unmap_from_form", "widget_key",
]

NONE = "(không có)"
KIND_LABELS = {"growth": "tốc độ tăng", "rate": "tỷ lệ", "amount": "giá trị, số tiền",
               "count": "số lượng", "level": "mức, chỉ số", "share": "tỷ trọng"}
DIRECTIONS = {label: code for code, label in DIRECTION_LABELS.items()}  # label -> up|down|None
FIELDS = {"indicator": "dm_chi_tieu", "unit": "dm_don_vi", "direction": "dm_huong",
          "kind": "dm_loai", "domain": "dm_linh_vuc", "synonyms": "dm_ten_khac",
          "name": "dm_ten_moi", "target": "dm_gop_vao", "sure": "dm_chac_chan",
          "mapped": "dm_da_gop", "sure_unmap": "dm_chac_bo_gop"}
_DONE, _ERROR = "dm_thong_bao", "dm_loi"


def live() -> Catalog:
    """The catalog of the database the dashboard holds, rebuilt when it changes (not at every
    import): the next upload after an admin's edit matches against the edited catalog."""
    return _live(queries.catalog_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _live(version: str) -> Catalog:
    found = store_catalog.catalog(cursor())
    return found if found is not None else Catalog.load()


def table() -> pd.DataFrame:
    """The live catalog as stored (queries.catalog_table), for the current data version."""
    return queries.catalog_table(queries.data_version())


def labels(raw: pd.DataFrame) -> dict[str, str]:
    """Indicator id -> its name, in catalog order: the editor's choices. A name two
    indicators share says its field (lĩnh vực) and unit too, never the internal id."""
    names = raw["name"].astype(str)
    shared = set(names[names.duplicated(keep=False)])
    return {i: f"{name} — {domain or 'chưa phân lĩnh vực'}, {unit or 'không đơn vị'}"
            if name in shared else name
            for i, name, domain, unit in zip(raw["id"], names, raw["domain"].fillna(""),
                                             raw["unit"].fillna(""), strict=True)}


def name_labels(names: pd.DataFrame) -> dict[str, str]:
    """Uncatalogued id -> 'name as written — N số liệu'."""
    return {i: f"{name} — {fmt_num(n)} số liệu"
            for i, name, n in zip(names["id"], names["name"], names["n_rows"], strict=True)}


def suggested(name: str, choices: list[str]) -> int:
    """Where the indicator that reads closest to `name` sits among `choices` (0 when none)."""
    best = [i.id for i in live().closest(name, limit=1)]
    return choices.index(best[0]) if best and best[0] in choices else 0


def catalog_frame(raw: pd.DataFrame) -> pd.DataFrame:
    """The catalog as the editor lists it, with Vietnamese headers."""
    return pd.DataFrame({
        "Mã": raw["id"], "Tên chỉ tiêu": raw["name"], "Đơn vị": raw["unit"].fillna(MISSING),
        "Hướng": raw["direction"].map(lambda d: DIRECTION_LABELS.get(_none(d), d)),
        "Loại": raw["kind"].map(lambda k: KIND_LABELS.get(k, MISSING)),
        "Lĩnh vực": raw["domain"].fillna(MISSING),
        "Tên gọi khác": raw["synonyms"].map(lambda s: len(str(s).split("|")) if _none(s) else 0),
        "Số liệu hiện có": raw["n_rows"].map(fmt_num),
        "Sửa lúc": raw["edited_at"].map(fmt_datetime),
    })


def uncatalogued_frame() -> pd.DataFrame:
    """Names not in the catalog (not mapped yet), most current rows first: columns id, name,
    unit, n_rows, n_localities as read, for the choices; shown through `uncatalogued_shown`."""
    return queries.uncatalogued_names(queries.data_version())


def uncatalogued_shown(raw: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Tên như trong tệp": raw["name"], "Đơn vị": raw["unit"].fillna(MISSING),
        "Số liệu hiện có": raw["n_rows"].map(fmt_num),
        "Số địa phương": raw["n_localities"].map(fmt_num),
    })


def mapped_panel() -> None:
    """'Tên đã gộp': the names mapped onto an indicator, and a confirmed Bỏ gộp for one."""
    mapped = queries.mapped_names(queries.data_version())
    if mapped.empty:
        return
    st.subheader("Tên đã gộp")
    st.caption("Bỏ gộp một tên gộp nhầm: các số liệu của tên đó lại hiện dưới tên như trong tệp, "
               "và tên đó không còn là tên gọi khác của chỉ tiêu. Số liệu nạp sau khi gộp (đã "
               "khớp thẳng với chỉ tiêu) vẫn thuộc chỉ tiêu.")
    st.dataframe(_mapped_shown(mapped), hide_index=True, width="stretch")
    choices = _mapped_labels(mapped)
    undo_id = st.selectbox("Chọn tên cần bỏ gộp", list(choices), format_func=choices.get,
                           key=FIELDS["mapped"])
    sure = st.checkbox("Tôi chắc chắn muốn bỏ gộp tên này",
                       key=f"{FIELDS['sure_unmap']}_{undo_id}")
    st.button("Bỏ gộp", icon=":material/call_split:", disabled=not sure,
              on_click=unmap_from_form, args=(undo_id,))


def _mapped_shown(raw: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Tên như trong tệp": raw["name"], "Đã gộp vào": raw["target"],
        "Số liệu": raw["n_rows"].map(fmt_num), "Người gộp": raw["mapped_by"],
        "Lúc": raw["mapped_at"].map(fmt_datetime),
    })


def _mapped_labels(raw: pd.DataFrame) -> dict[str, str]:
    """Uncatalogued id -> 'name as written → indicator'."""
    return {i: f"{name} → {target}"
            for i, name, target in zip(raw["id"], raw["name"], raw["target"], strict=True)}


def domain_choices() -> list[str]:
    return [NONE, *DOMAINS]


def kind_choices() -> list[str]:
    return [NONE, *KIND_LABELS.values()]


def edit_defaults(raw: pd.DataFrame, indicator_id: str) -> dict[str, str]:
    """The form's values for one indicator as stored, by field of FIELDS."""
    row = raw.set_index("id").loc[indicator_id]
    return {
        "unit": _none(row["unit"]) or "",
        "direction": DIRECTION_LABELS[_none(row["direction"])],
        "kind": KIND_LABELS.get(_none(row["kind"]) or "", NONE),
        "domain": _none(row["domain"]) or NONE,
        "synonyms": "\n".join(str(row["synonyms"]).split("|")) if _none(row["synonyms"]) else "",
    }


def widget_key(field: str, indicator_id: str) -> str:
    """One key per indicator, so choosing another indicator shows its own stored values."""
    return f"{FIELDS[field]}_{indicator_id}"


def save_from_form(indicator_id: str) -> None:
    """Form callback: write the edited fields as the logged-in admin."""
    state = st.session_state
    value = {f: state.get(widget_key(f, indicator_id)) for f in
             ("unit", "direction", "kind", "domain", "synonyms")}
    kinds = {label: code for code, label in KIND_LABELS.items()}
    change = Change(
        unit=str(value["unit"] or ""), direction=DIRECTIONS.get(str(value["direction"])),
        kind=kinds.get(str(value["kind"])),
        domain=None if value["domain"] in (None, NONE) else str(value["domain"]),
        synonyms=tuple(str(value["synonyms"] or "").splitlines()),
    )
    try:
        with writer() as con:  # the process's one writer, as for saves and undos
            detail = catalog_edit.edit_indicator(con, indicator_id, change, actor=_actor())
    except Refused as err:
        state[_ERROR] = said(err)
        return
    state[_DONE] = f"Đã lưu — {detail}" if detail else "Không có gì thay đổi."


def map_from_form(from_id: str, to_id: str) -> None:
    """Button callback: show the rows of an uncatalogued name under a catalogued indicator."""
    try:
        with writer() as con:
            detail = catalog_edit.map_name(con, from_id, to_id, actor=_actor())
    except Refused as err:
        st.session_state[_ERROR] = said(err)
        return
    st.session_state[_DONE] = f"Đã gộp: {detail}."


def unmap_from_form(from_id: str) -> None:
    """Button callback: the name's rows show under their own name again."""
    try:
        with writer() as con:
            detail = catalog_edit.unmap_name(con, from_id, actor=_actor())
    except Refused as err:
        st.session_state[_ERROR] = said(err)
        return
    st.session_state[_DONE] = f"Đã bỏ gộp: {detail}."


def messages() -> None:
    """The outcome of the last action, once, as text (`ui.outcome`)."""
    ui.outcome(_DONE, _ERROR)


def _actor():
    actor = auth.actor()
    if actor is None:
        raise Refused("Cần đăng nhập để sửa danh mục chỉ tiêu.")
    return actor


def _none(value: object) -> str | None:
    """A cell as text, None for NULL/NaN."""
    return None if is_missing(value) else str(value)
