"""Lịch sử nhập liệu: every batch in Vietnamese words and dates, the rows of one batch, the
batches it can be compared with (those naming a locality and period it names; the comparison is
`dashboard.diff`, kept to the part both batches hold), who may roll a batch back (a hint for the
page: the ETL decides at the rollback itself) and what the page says to everyone else, and the
audit log for admins. SQL is in dashboard/queries.py and etl/store_audit.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import diff, queries, upload
from dashboard.db import cursor
from dashboard.fmt import MISSING, capitalize, fmt_datetime, fmt_num, is_missing, lower_first
from dashboard.frames import STATE_LABELS, lookup
from dashboard.plain import md
from dashboard.status import label as status_label
from etl import store_audit
from etl.accounts import Account

__all__ = [
    "ACTION_LABELS", "COMPARE_KEY", "SELECT_KEY", "batch_size", "batches_frame", "batch_label",
    "rows_frame", "comparable", "comparison", "may_roll_back", "rollback_note", "undo",
    "audit_frame",
]

SELECT_KEY, COMPARE_KEY = "lich_su_lo", "lich_su_so_sanh"  # the page's two batch selectors

ACTION_LABELS, _VIA = store_audit.ACTION_LABELS, store_audit.VIA_LABELS


def _state(row: pd.Series) -> str:
    text = capitalize(STATE_LABELS.get(row["state"], row["state"]))
    if row["state"] == "replaced" and not is_missing(row["replaced_by"]):
        text += f" (bởi lô {int(row['replaced_by'])})"
    return text


def _place(row: pd.Series) -> str:
    if not is_missing(row["locality"]):
        return str(row["locality"])
    return f"{fmt_num(row['localities'])} địa phương" if row["localities"] else MISSING


def _period(row: pd.Series) -> str:
    """The batch's period, or for a file of several how many and from which to which
    ('10 kỳ, từ năm 2015 đến năm 2024')."""
    if not is_missing(row["period_label"]):
        return str(row["period_label"])
    if not is_missing(row["period"]):
        return str(row["period"])
    if row["periods"] and not is_missing(row["first_period"]):
        return (f"{fmt_num(row['periods'])} kỳ, từ {lower_first(row['first_period'])} đến "
                f"{lower_first(row['last_period'])}")
    return "nhiều kỳ"


def batches_frame(version: str) -> pd.DataFrame:
    """Every batch, newest first: Lô, Thời điểm, Người nạp, Tệp, Địa phương, Kỳ, Số liệu,
    Trạng thái — words and dd/mm/yyyy HH:MM, no internal codes."""
    raw = queries.batches(version)
    return pd.DataFrame({
        "Lô": raw["id"].astype(int),
        "Thời điểm": raw["loaded_at"].map(fmt_datetime),
        "Người nạp": raw["loaded_by"].fillna(MISSING),
        "Tệp": raw["file_name"],
        "Địa phương": raw.apply(_place, axis=1) if len(raw) else [],
        "Kỳ": raw.apply(_period, axis=1) if len(raw) else [],
        "Số liệu": raw["row_count"].map(fmt_num),
        "Trạng thái": raw.apply(_state, axis=1) if len(raw) else [],
    })


def _batch_row(frame: pd.DataFrame, batch_id: int) -> pd.Series:
    """The batch's row of `batches_frame`."""
    return frame.loc[frame["Lô"] == batch_id].iloc[0]


def batch_label(frame: pd.DataFrame, batch_id: int) -> str:
    """'Lô 12 · ke_hoach.xlsx · Huyện Đức Trọng · Năm 2022 · Đang dùng' for a selectbox."""
    row = _batch_row(frame, batch_id)
    return " · ".join([f"Lô {batch_id}", row["Tệp"], row["Địa phương"], row["Kỳ"],
                       row["Trạng thái"]])


def undo_confirmed(frame: pd.DataFrame, batch_id: int, key: str) -> bool:
    """The box to tick before a batch is rolled back, saying which file, place, period, how
    many values and whose save it undoes, and what comes back; True once ticked."""
    row = _batch_row(frame, batch_id)
    what = " · ".join([row["Tệp"], row["Địa phương"], row["Kỳ"], f"{row['Số liệu']} số liệu"])
    said = (f"Tôi chắc chắn muốn hoàn tác lô {batch_id} ({what}; nạp {row['Thời điểm']} bởi "
            f"{row['Người nạp']}): số liệu của lô thôi được dùng, số liệu trước đó (nếu có) "
            "được dùng lại.")
    return st.checkbox(md(said), key=key)


def batch_size(frame: pd.DataFrame, batch_id: int) -> str:
    """How many values the batch holds, as the history table writes it ('43.200')."""
    return str(_batch_row(frame, batch_id)["Số liệu"])


def rows_frame(version: str, batch_id: int, limit: int | None = None) -> pd.DataFrame:
    """The rows of one batch (the first `limit` when given) with Vietnamese headers, as the
    file had them."""
    raw = queries.batch_rows(version, batch_id, limit)
    return pd.DataFrame({
        "Dòng": raw["row_no"].astype(int),
        "Địa phương": raw["locality"],
        "Kỳ": raw["period_label"],
        "Chỉ tiêu (như trong tệp)": raw["indicator_as_written"],
        "Chỉ tiêu trong danh mục": [name if ok else "— chưa có trong danh mục —"
                                    for name, ok in zip(raw["indicator"], raw["catalogued"],
                                                        strict=True)],
        "ĐVT": raw["unit"].fillna(MISSING),
        "Kế hoạch / chỉ tiêu": raw["target_text"].fillna(MISSING),
        "Thực hiện": raw["actual_text"].fillna(MISSING),
        "Đánh giá": [MISSING if is_missing(s) else status_label(s)
                     for s in raw["reported_status"]],
        "Ô nguồn": raw["source"].fillna(MISSING),
    })


def comparable(version: str, batch_id: int) -> list[int]:
    """The other batches of one locality that name a locality and period this batch names,
    newest first (a long table of several periods shares each of them); none for a batch of
    many localities."""
    raw = queries.batches(version)
    single = set(raw.loc[raw["localities"] == 1, "id"].astype(int))
    if int(batch_id) not in single:
        return []
    shared = queries.batches_sharing(version, batch_id)["batch_id"].astype(int)
    return [b for b in dict.fromkeys(shared) if b in single]


def comparison(version: str, batch_id: int, other: int) -> tuple[pd.DataFrame, str]:
    """Row by row, the later of the two batches against the earlier, kept to the localities and
    periods both name; and the page's caption ('Lô 30 so với lô 10 (lô trước): …', saying when
    only that common part is compared)."""
    earlier, later = sorted((int(batch_id), int(other)))
    compared = diff.between_batches(version, earlier, later)
    shared = queries.batches_sharing(version, batch_id)
    shared = shared[shared["batch_id"] == int(other)]
    pairs = list(zip(shared["locality"], shared["period_label"], strict=True))
    kept = [pair in set(pairs) for pair in zip(compared["Địa phương"], compared["Kỳ"],
                                               strict=True)]
    caption = f"Lô {later} so với lô {earlier} (lô trước): "
    if not all(kept):
        part = "; ".join(f"{place}, {lower_first(period)}" for place, period in pairs)
        caption = f"Lô {later} so với lô {earlier} (lô trước), phần chung của hai lô ({part}): "
    compared = compared[kept].reset_index(drop=True)
    return compared, caption + diff.summary(compared, diff.BETWEEN)


def may_roll_back(account: Account | None, frame: pd.DataFrame, batch_id: int) -> bool:
    """Whether to offer the rollback: an active batch, and its owner or an admin."""
    if account is None or not account.can_write:
        return False
    row = _batch_row(frame, batch_id)
    active = row["Trạng thái"] == capitalize(STATE_LABELS["active"])
    return active and (account.role == "admin" or row["Người nạp"] == account.name)


def rollback_note(version: str, account: Account | None, batch_id: int) -> str:
    """What the page says where no rollback is offered to a signed-in account: a batch already
    undone or replaced says so; an active one says who may undo it."""
    raw = queries.batches(version)
    row = raw.loc[raw["id"] == batch_id].iloc[0]
    if row["state"] == "rolled_back":
        return f"Lô {batch_id} đã được hoàn tác: số liệu của lô không còn được dùng."
    if row["state"] == "replaced":
        by = "" if is_missing(row["replaced_by"]) else f" {int(row['replaced_by'])}"
        return (f"Lô {batch_id} đã được thay bằng lô{by}; hoàn tác lô{by} thì lô {batch_id} "
                "được dùng lại.")
    if account is not None and not account.can_write:
        return "Tài khoản này chỉ xem, không hoàn tác được lô."
    return "Chỉ người nạp lô hoặc quản trị viên được hoàn tác lô này."


def undo(batch_id: int) -> None:
    """The rollback button's callback: undo (`upload.undo_and_tell`), then set both batch
    selectors again, so that the browser shows their labels with the new states (it keeps a
    selector's label as it was given until the page sets its value)."""
    upload.undo_and_tell(batch_id)
    for key in (SELECT_KEY, COMPARE_KEY):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _subject(action: str, subject: str, names: dict[str, str]) -> str:
    """What an audit entry acted on, as people call it: 'lô 12', an indicator's name (not its
    id), an account's name."""
    if action in ("import", "rollback") and subject:
        return f"lô {subject}"
    if action == "catalog":
        return names.get(subject, subject) or MISSING
    return subject or MISSING


def audit_frame(limit: int = 500) -> pd.DataFrame:
    """The latest audit entries, newest first, in Vietnamese."""
    raw = store_audit.read(cursor(), limit)
    catalog = queries.catalog_table(queries.data_version())
    names = lookup(catalog, "id", "name")
    return pd.DataFrame({
        "Thời điểm": raw["happened_at"].map(fmt_datetime),
        "Người": raw["actor"],
        "Việc": raw["action"].map(lambda a: ACTION_LABELS.get(a, a)),
        "Đối tượng": [_subject(a, s, names)
                      for a, s in zip(raw["action"], raw["subject"].fillna(""), strict=True)],
        "Tệp": raw["file_name"].fillna(MISSING),
        "Chi tiết": raw["detail"].fillna(MISSING),
        "Qua": raw["via"].map(lambda v: _VIA.get(v, v)),
    })
