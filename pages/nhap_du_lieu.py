"""Nhập dữ liệu: upload a phụ lục file, see what will be written (nothing is saved yet), save it
in one transaction, and undo any batch; refused files say why in Vietnamese."""

import streamlit as st

from dashboard import auth, ui, upload
from etl.errors import Refused
from etl.pipeline import summary

ui.ensure_navigation()
st.title("Nhập dữ liệu")
st.caption("Tải lên tệp phụ lục chỉ tiêu (Excel, CSV, Word). Số liệu chỉ được ghi sau khi bạn "
           "xem trước và bấm Ghi; mỗi lần ghi là một lô có thể hoàn tác.")
account = auth.gate_writing()
if account is None:
    st.stop()

uploaded = st.file_uploader("Tệp phụ lục", type=upload.ACCEPTED_TYPES, key="tep")
left, middle, right = st.columns(3)
locality = left.text_input("Địa phương (nếu tiêu đề bảng không ghi)", key="nhap_dia_phuong",
                           placeholder="ví dụ: Huyện Đức Trọng")
period = middle.text_input("Kỳ (nếu tiêu đề bảng không ghi)", key="nhap_ky",
                           placeholder="2023, 2023-H1, 2021-2025")

prepared = None
if uploaded is not None:
    try:
        path = upload.save_upload(uploaded.name, uploaded.getvalue())
        sheets = upload.sheets_of(path)
        sheet = right.selectbox("Trang tính", sheets, key="nhap_trang") if len(sheets) > 1 else ""
        prepared = upload.prepare_upload(path, uploaded.name, locality=locality, period=period,
                                         sheet=sheet or "")
    except Refused as err:
        st.error(f"Không nhận tệp {uploaded.name}: {err.message}", icon=":material/block:")

if prepared is not None:
    st.subheader("Xem trước (chưa ghi)")
    st.info(summary(prepared, None), icon=":material/visibility:")
    st.dataframe(upload.preview_frame(prepared, upload.display_names(prepared)),
                 hide_index=True, width="stretch")
    problem = upload.scope_problem(prepared)
    if problem:
        st.error(problem, icon=":material/block:")
    else:
        st.button("Ghi vào cơ sở dữ liệu", type="primary", icon=":material/save:",
                  on_click=upload.write_and_tell, args=(prepared,))
if "loi_ghi" in st.session_state:
    st.error(st.session_state.pop("loi_ghi"), icon=":material/block:")
if "thong_bao_ghi" in st.session_state:
    st.success(st.session_state.pop("thong_bao_ghi"), icon=":material/check_circle:")

st.subheader("Lịch sử nạp và hoàn tác")
if "thong_bao_hoan_tac" in st.session_state:
    st.success(st.session_state.pop("thong_bao_hoan_tac"), icon=":material/undo:")
if "loi_hoan_tac" in st.session_state:
    st.error(st.session_state.pop("loi_hoan_tac"))
history = upload.history_frame()
if history.empty:
    ui.empty("Chưa có lô nào.")
    st.stop()
st.dataframe(history, hide_index=True, width="stretch")
mine = history["Người nạp"] == account.name if account.role != "admin" else True
active = [int(b) for b in history.loc[(history["Trạng thái"] == "Đang dùng") & mine, "Lô"]]
if active:
    undo_col, button_col = st.columns([2, 1], vertical_alignment="bottom")
    batch = undo_col.selectbox("Lô cần hoàn tác", active, key="lo_hoan_tac")
    button_col.button("Hoàn tác lô", icon=":material/undo:", on_click=upload.undo_and_tell,
                      args=(batch,))
