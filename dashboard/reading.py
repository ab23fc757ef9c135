"""Cách đọc tệp: what the reader detected in an uploaded file (sheet, header rows, each column's
role, layout, locality, period) said in Vietnamese, and the form a person corrects it with —
header row, column roles, locality and period — turned into the overrides
`etl.pipeline.prepare` takes. Only what differs from the detection is passed on, so an untouched
form reads the file exactly as `python -m etl load` would, and the batch's options say what a
person changed.

Form state lives in `st.session_state` under keys that carry the file's digest (and, for a
column, the header row it was read at), so another file or another header row starts afresh.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from dashboard import upload
from dashboard.plain import md
from dashboard.refusals import said
from etl.corrections import ROLE_WORDS, ROLES, figures_left, header_cells
from etl.errors import Refused
from etl.periods import label as period_label
from etl.pipeline import LAYOUT_LABELS, Prepared

__all__ = ["LOCALITY_KEY", "PERIOD_KEY", "SHEET_KEY", "Form", "Reading", "read", "file_key",
           "form", "remember",
           "remember_header", "described",
           "header_input", "role_inputs", "role_warning", "role_key", "header_key",
           "next_sheets"]

LOCALITY_KEY, PERIOD_KEY = "nhap_dia_phuong", "nhap_ky"   # the page's text inputs
SHEET_KEY = "nhap_trang"                                  # the page's sheet box
_PREFILLED = "nhap_doc_dien_san"   # what the page put in those inputs itself
_AS_DETECTED = ""                  # a column's first choice: the role the reader gave it
_PER_ROW = 4                       # role boxes per row of the form


@dataclass
class Form:
    """What the person asked for, as `prepare_upload` takes it."""

    locality: str = ""
    period: str = ""
    header_row: int | None = None
    roles: dict[str, str] = field(default_factory=dict)
    sheet: str = ""            # the sheet read, kept while its header or columns are corrected


@dataclass
class Reading:
    """One uploaded file read with the form's corrections: the prepared file or the refusal."""

    key: str
    prepared: Prepared | None = None
    names: dict[str, str] = field(default_factory=dict)
    sheets: list[str] = field(default_factory=list)
    refusal: str | None = None


def read(file_name: str, data: bytes) -> Reading:
    """Keep the upload privately while it is read with what the form asks (the sheet chosen,
    or the one read while its header or columns are corrected), and remember what was read
    for the form; a refusal is kept as its message."""
    fk = file_key(data)
    asked, got = form(fk), Reading(fk)
    try:
        with upload.kept_upload(file_name, data) as path:
            got.sheets = upload.sheets_of(path)
            many = len(got.sheets) > 1
            sheet = (st.session_state.get(SHEET_KEY) or asked.sheet) if many else ""
            try:
                with upload.progress_bar(len(data) >= upload.LARGE_BYTES) as tell:
                    got.prepared = upload.prepare_upload(
                        path, file_name, locality=asked.locality, period=asked.period,
                        sheet=sheet, header_row=asked.header_row, roles=asked.roles,
                        progress=tell)
            except Refused:
                remember_header(fk, path, sheet)  # its columns, to be given roles by hand
                raise
    except Refused as err:
        got.refusal = said(err)
        return got
    got.names = upload.display_names(got.prepared)
    remember(fk, got.prepared, got.names, asked)
    return got


def file_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def header_key(fk: str) -> str:
    return f"doc_{fk}_dong"


def role_key(fk: str, header_row: int, letter: str) -> str:
    return f"doc_{fk}_{header_row}_{letter}"


def _detected_key(fk: str) -> str:
    return f"doc_{fk}_tu_tim"


def _sheet_key(fk: str) -> str:
    return f"doc_{fk}_trang"


def _columns_key(fk: str, header_row: int) -> str:
    return f"doc_{fk}_{header_row}_cot"


def _typed(key: str) -> str:
    """An input's text unless it is what the page filled in from the detection."""
    value = str(st.session_state.get(key) or "")
    return "" if value == st.session_state.get(_PREFILLED, {}).get(key) else value


def _shown_header(fk: str) -> int | None:
    state = st.session_state
    header = state.get(header_key(fk))
    return int(header) if header is not None else state.get(_detected_key(fk))


def form(fk: str) -> Form:
    """The corrections in the form for this file: only what differs from the detection."""
    state = st.session_state
    _forget_other_file(fk)
    header = state.get(header_key(fk))
    detected = state.get(_detected_key(fk))
    shown = _shown_header(fk)
    roles: dict[str, str] = {}
    for letter, _, _ in state.get(_columns_key(fk, shown), []) if shown else []:
        role = state.get(role_key(fk, shown, letter))
        if role:
            roles[letter] = role
    header_row = int(header) if header is not None and header != detected else None
    pinned = state.get(_sheet_key(fk), "") if header_row or roles else ""
    return Form(locality=_typed(LOCALITY_KEY), period=_typed(PERIOD_KEY),
                header_row=header_row, roles=roles, sheet=pinned)


def remember(fk: str, prepared: Prepared, names: dict[str, str], asked: Form) -> None:
    """After a successful read: the detected header row and columns for the form, and the
    locality and period inputs filled with what was read (unless the person typed there)."""
    state, table = st.session_state, prepared.table
    first = table.spec.sheet_rows()[0]
    if asked.header_row is None:
        state[_detected_key(fk)] = first
    state.setdefault(header_key(fk), first)
    state[_sheet_key(fk)] = prepared.sheet
    state[_columns_key(fk, first)] = [(c.letter, c.header, _role(c.guess))
                                      for c in table.spec.columns]
    read_locality = names.get(table.locality_id, "") if table.locality_id else ""
    _prefill(LOCALITY_KEY, read_locality)
    _prefill(PERIOD_KEY, period_label(table.period) if table.period else "")


def remember_header(fk: str, path: Path, sheet: str) -> None:
    """After a refusal, at a header row the person chose: that row's columns, so they can be
    given roles even though the reader made nothing of them."""
    shown = _shown_header(fk)
    if shown is None or _columns_key(fk, shown) in st.session_state:
        return
    try:
        cells = header_cells(path, sheet, shown)
    except Refused:
        return
    st.session_state[_columns_key(fk, shown)] = [(letter, text, "") for letter, text in cells]


def _forget_other_file(fk: str) -> None:
    """A new file: the locality and period read from the last one are not this one's."""
    state = st.session_state
    filled = state.get(_PREFILLED, {})
    if filled.get("file") == fk:
        return
    for key in (LOCALITY_KEY, PERIOD_KEY):
        if key in filled and state.get(key) == filled[key]:
            state[key] = ""
    state[_PREFILLED] = {"file": fk}


def _prefill(key: str, value: str) -> None:
    state = st.session_state
    filled = state.setdefault(_PREFILLED, {})
    if value and str(state.get(key) or "") in ("", filled.get(key, "")):
        state[key] = filled[key] = value


def _role(role: str) -> str:
    return role if role in ROLES else "other"   # 'empty' and '' read as "not read"


def described(prepared: Prepared, names: dict[str, str]) -> str:
    """One paragraph: sheet, header rows, data start, layout, locality, period, key columns."""
    table = prepared.table
    spec = table.spec
    rows = spec.sheet_rows()
    header = f"dòng {rows[0]}" if len(rows) == 1 else f"dòng {rows[0]}–{rows[-1]}"
    place = names.get(table.locality_id, table.locality_id) if table.locality_id else \
        "nhiều địa phương"
    period = period_label(table.period) if table.period else "nhiều kỳ"
    shown = [f"{c.letter}: {ROLE_WORDS[c.role]}" for c in spec.columns
             if c.role in ROLES and c.role != "other"]
    where = f"trang «{prepared.sheet}»" if prepared.sheet else f"tệp {prepared.file_name}"
    return (f"Đã đọc {where}: tiêu đề ở {header}, số liệu từ dòng "
            f"{spec.first_data_row + spec.first_sheet_row}; bố cục "
            f"{LAYOUT_LABELS[spec.layout]}; địa phương: {place}; kỳ: {period}. Các cột: "
            + "; ".join(shown) + ".")


def next_sheets(sheets: list[str], saved_sheet: str) -> None:
    """After a save: a button for each other sheet of the workbook, to read it next from the
    same upload (a file of several tables loads one sheet per batch)."""
    others = [name for name in sheets if name != saved_sheet]
    if not others:
        return
    shown = others[:3]  # more: the Trang tính box above lists them all
    st.caption("Tệp còn các trang khác; mỗi trang được nạp thành một lô riêng:")
    for column, name in zip(st.columns(len(shown)), shown, strict=True):
        column.button(f"Nạp tiếp trang «{md(name)}»", key=f"nap_tiep_{name}",
                      icon=":material/navigate_next:", on_click=_choose_sheet, args=(name,))


def _choose_sheet(name: str) -> None:
    st.session_state[SHEET_KEY] = name


def header_input(fk: str) -> None:
    """The header row box, filled with the row read (empty when nothing was read yet)."""
    extra = {} if header_key(fk) in st.session_state else {"value": None}
    st.number_input("Dòng tiêu đề (số dòng trong Excel, dòng đầu của tiêu đề)", min_value=1,
                    step=1, key=header_key(fk), **extra)


def role_inputs(fk: str) -> None:
    """One box per column of the header row shown: its letter and header, and its role; the
    first choice is the role the reader gave it."""
    shown = _shown_header(fk)
    columns = st.session_state.get(_columns_key(fk, shown), []) if shown else []
    for start in range(0, len(columns), _PER_ROW):
        boxes = st.columns(_PER_ROW)
        for box, (letter, header, guess) in zip(boxes, columns[start:start + _PER_ROW],
                                                strict=False):
            box.selectbox(
                md(f"Cột {letter} · {header or 'không có tiêu đề'}"),
                [_AS_DETECTED, *ROLES], key=role_key(fk, shown, letter),
                format_func=lambda r, g=guess: ROLE_WORDS[r] if r else
                f"{ROLE_WORDS[g]} (tự đọc)" if g else "Tự đọc",
            )


def role_warning(fk: str) -> None:
    """A warning, for the page to show before the preview, when the roles chosen leave the
    table no result nor target column, or no figures at all (`corrections.figures_left`)."""
    shown = _shown_header(fk)
    columns = st.session_state.get(_columns_key(fk, shown), []) if shown else []
    chosen = {letter: st.session_state.get(role_key(fk, shown, letter)) or ""
              for letter, _, _ in columns}
    said = figures_left(columns, chosen)
    if said:
        st.warning(md(said), icon=":material/warning:")
