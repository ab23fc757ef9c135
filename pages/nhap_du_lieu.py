"""Nhập dữ liệu: upload a phụ lục file, see what will be written (nothing is saved yet), save it
in one transaction, and undo any batch; refused files say why in Vietnamese."""

import streamlit as st

from dashboard import auth, diff, history, queries, template, ui, upload
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
locality = left.text_input("Địa phương (nếu tiêu đề bảng không ghi)", key="nhap_dia_phuong",
                           placeholder="ví dụ: Huyện Đức Trọng")
period = middle.text_input("Kỳ (nếu tiêu đề bảng không ghi)", key="nhap_ky",
                           placeholder="2023, 2023-H1, 2021-2025")

prepared = None
if uploaded is not None:
    try:
        with upload.kept_upload(uploaded.name, uploaded.getvalue()) as path:
            sheets = upload.sheets_of(path)
            # First choice: let the reader find the indicator table, as the CLI does.
            sheet = (right.selectbox("Trang tính", ["", *sheets], key="nhap_trang",
                                     format_func=lambda s: s or upload.AUTO_SHEET)
                     if len(sheets) > 1 else "")
            with upload.progress_bar(uploaded.size >= upload.LARGE_BYTES) as tell:
                prepared = upload.prepare_upload(path, uploaded.name, locality=locality,
                                                 period=period, sheet=sheet or "", progress=tell)
    except upload.Refused as err:
        st.error(md(f"Không nhận tệp {uploaded.name}: {err.message}"), icon=":material/block:")

saved = upload.just_saved(prepared) if prepared is not None else None
if prepared is not None and saved is None:
    names = upload.display_names(prepared)
    st.subheader("Xem trước (chưa ghi)")
    st.info(md(upload.summary(prepared, None)), icon=":material/visibility:")
    st.dataframe(upload.preview_frame(prepared, names), hide_index=True, width="stretch")
    changes = diff.changes(queries.data_version(), prepared, names)
    st.subheader("So với số liệu hiện có")
    st.caption(diff.summary(changes))
    st.dataframe(changes, hide_index=True, width="stretch")
    problem = upload.scope_problem(prepared)
    if problem:
        st.error(md(problem), icon=":material/block:")
    else:
        st.button("Ghi vào cơ sở dữ liệu", type="primary", icon=":material/save:",
                  on_click=upload.write_and_tell, args=(prepared,))
elif prepared is not None:
    st.subheader(f"Đã ghi lô {saved}")
    if "thong_bao_ghi" in st.session_state:
        st.success(md(st.session_state.pop("thong_bao_ghi")), icon=":material/check_circle:")
    for label, params in upload.chart_links(prepared, upload.display_names(prepared)):
        st.page_link("pages/tong_quan.py", label=label, query_params=params,
                     icon=":material/monitoring:")
if "loi_ghi" in st.session_state:
    st.error(md(st.session_state.pop("loi_ghi")), icon=":material/block:")

st.subheader("Lịch sử nạp và hoàn tác")
if "thong_bao_hoan_tac" in st.session_state:
    st.success(md(st.session_state.pop("thong_bao_hoan_tac")), icon=":material/undo:")
if "loi_hoan_tac" in st.session_state:
    st.error(md(st.session_state.pop("loi_hoan_tac")))
batches = history.batches_frame(queries.data_version())
if batches.empty:
    ui.empty("Chưa có lô nào.")
    st.stop()
st.dataframe(batches, hide_index=True, width="stretch")
mine = batches["Người nạp"] == account.name if account.role != "admin" else True
active = [int(b) for b in batches.loc[(batches["Trạng thái"] == "Đang dùng") & mine, "Lô"]]
if active:
    undo_col, button_col = st.columns([2, 1], vertical_alignment="bottom")
    batch = undo_col.selectbox("Lô cần hoàn tác", active, key="lo_hoan_tac")
    button_col.button("Hoàn tác lô", icon=":material/undo:", on_click=upload.undo_and_tell,
                      args=(batch,))
