"""Nhập dữ liệu: upload a phụ lục file, see what will be written (nothing is saved yet), save it
in one transaction, and undo any batch; refused files say why in Vietnamese."""

import streamlit as st

from dashboard import (
    auth,
    diff,
    history,
    preview_marks,
    queries,
    reading,
    refusals,
    template,
    ui,
    upload,
)
from dashboard.plain import md

ui.ensure_navigation()
st.title("Nhập dữ liệu")
st.caption("Tải lên tệp phụ lục chỉ tiêu (Excel, CSV, Word). Số liệu chỉ được ghi sau khi bạn "
           "xem trước và bấm Ghi; mỗi lần ghi là một lô có thể hoàn tác.")
account = auth.gate_writing()
if account is None:
    st.stop()

template.template_panel(account)
ui.vietnamese_uploader(upload.MAX_MB, upload.ACCEPTED_TYPES)
uploaded = st.file_uploader("Tệp phụ lục", type=upload.ACCEPTED_TYPES, key="tep",
                            max_upload_size=upload.MAX_MB)
left, middle, right = st.columns(3)

prepared, names = None, {}
if uploaded is not None:
    got = reading.read(uploaded.name, uploaded.getvalue())
    prepared, names = got.prepared, got.names
    if got.refusal:
        st.error(md(refusals.refused_upload(uploaded.name, got.refusal)), icon=":material/block:")
    if len(got.sheets) > 1:  # first choice: let the reader find the indicator table, as the CLI
        right.selectbox("Trang tính", ["", *got.sheets], key=reading.SHEET_KEY,
                        format_func=lambda s: s or upload.AUTO_SHEET)
if prepared is not None:
    st.caption(md(reading.described(prepared, names)))
if uploaded is not None:
    with st.expander("Cách đọc tệp: sửa dòng tiêu đề hoặc vai trò các cột nếu đọc sai",
                     icon=":material/tune:"):
        reading.header_input(got.key)
        reading.role_inputs(got.key)
    reading.role_warning(got.key)
left.text_input("Địa phương (đọc từ tiêu đề bảng; sửa nếu sai)", key=reading.LOCALITY_KEY,
                placeholder="ví dụ: Huyện Đức Trọng")
middle.text_input("Kỳ (đọc từ tiêu đề bảng; sửa nếu sai)", key=reading.PERIOD_KEY,
                  placeholder="ví dụ: 6 tháng đầu năm 2023, Quý I/2023, 2021-2025")

saved = upload.just_saved(prepared) if prepared is not None else None
if prepared is not None and saved is None:
    st.subheader("Xem trước (chưa ghi)")
    st.info(md(upload.summary(prepared, None)), icon=":material/visibility:")
    preview = preview_marks.marked_preview(prepared, names)
    st.dataframe(preview_marks.styled(preview, prepared), hide_index=True, width="stretch")
    changes = diff.changes(queries.data_version(), prepared, names)
    st.subheader("So với số liệu hiện có")
    st.caption(diff.summary(changes))
    st.dataframe(diff.shown(changes), hide_index=True, width="stretch")
    if problem := upload.scope_problem(prepared):
        st.error(md(problem), icon=":material/block:")
    elif diff.nothing_new(changes):  # nothing to save: no button
        st.info(diff.already_stored(queries.data_version(), prepared), icon=":material/done_all:")
    else:
        st.button("Ghi vào cơ sở dữ liệu", type="primary", icon=":material/save:",
                  on_click=upload.write_and_tell, args=(prepared,))
elif prepared is not None:
    st.subheader(f"Đã ghi lô {saved}")
    ui.outcome(upload.SAVED, upload.SAVE_ERROR)
    for label, params in upload.chart_links(prepared, names):
        st.page_link("pages/tong_quan.py", label=label, query_params=params,
                     icon=":material/monitoring:")
    reading.next_sheets(got.sheets, prepared.sheet)
ui.outcome(upload.SAVED, upload.SAVE_ERROR)  # a save refused: the error, under the preview

st.subheader("Lịch sử nạp và hoàn tác")
ui.outcome(upload.UNDONE, upload.UNDO_ERROR, done_icon=":material/undo:")
batches = history.batches_frame(queries.data_version())
if batches.empty:
    ui.empty("Chưa có lô nào.")
    st.stop()
st.dataframe(batches, hide_index=True, width="stretch")
mine = batches["Người nạp"] == account.name if account.role != "admin" else True
active = [int(b) for b in batches.loc[(batches["Trạng thái"] == "Đang dùng") & mine, "Lô"]]
if active:
    batch = st.selectbox("Lô cần hoàn tác", active, key="lo_hoan_tac")
    sure = history.undo_confirmed(batches, batch, key=f"xac_nhan_hoan_tac_{batch}")
    st.button("Hoàn tác lô", icon=":material/undo:", on_click=upload.undo_and_tell,
              args=(batch,), disabled=not sure)
