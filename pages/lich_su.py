"""Lịch sử nhập liệu: every batch (who, when, file, locality, period, rows, state), the rows of
one batch, its rollback with a confirmation (by its owner or an admin), and the audit log for
admins."""

import streamlit as st

from dashboard import auth, diff, history, queries, ui, upload
from dashboard.fmt import fmt_num

SHOWN_ROWS = 1000  # a province's import is 40,000+ rows: the table shows the first ones

ui.ensure_navigation()
st.title("Lịch sử nhập liệu")
st.caption("Mỗi lần nạp tệp là một lô. Không lô nào bị xoá: lô được thay bằng bản sửa hoặc bị "
           "hoàn tác vẫn ở đây, và hoàn tác một lô thì lô nó đã thay được dùng lại.")

version = queries.data_version()
batches = history.batches_frame(version)
if batches.empty:
    ui.empty("Chưa có lô nào.")
    st.stop()
st.dataframe(batches, hide_index=True, width="stretch")

ids = batches["Lô"].tolist()
batch = st.selectbox("Xem lô", ids, key=history.SELECT_KEY,
                     format_func=lambda b: history.batch_label(batches, b))
st.subheader(f"Các dòng của lô {batch}")
rows = history.rows_frame(version, batch, SHOWN_ROWS)
if len(rows) == SHOWN_ROWS:
    st.caption(f"Hiển thị {fmt_num(SHOWN_ROWS)} dòng đầu của lô "
               f"({history.batch_size(batches, batch)} số liệu); trang Dữ liệu lọc và tải "
               "về đủ mọi dòng.")
st.dataframe(rows, hide_index=True, width="stretch")

st.subheader(f"So sánh lô {batch} với lô khác cùng địa phương và kỳ")
others = history.comparable(version, batch)
if others:
    other = st.selectbox("So sánh với lô", others, key=history.COMPARE_KEY,
                         format_func=lambda b: history.batch_label(batches, b))
    compared, said = history.comparison(version, batch, other)
    st.caption(said)
    st.dataframe(diff.shown(compared, diff.BETWEEN), hide_index=True, width="stretch")
else:
    st.caption(f"Không có lô nào khác cùng một địa phương và một kỳ với lô {batch}.")

ui.outcome(upload.UNDONE, upload.UNDO_ERROR, done_icon=":material/undo:")

account = auth.current()
if history.may_roll_back(account, batches, batch):
    sure = history.undo_confirmed(batches, batch, key=f"xac_nhan_{batch}")
    st.button(f"Hoàn tác lô {batch}", icon=":material/undo:", disabled=not sure,
              on_click=history.undo, args=(batch,), key="hoan_tac_lich_su")
elif account is None:
    with st.expander("Đăng nhập để hoàn tác lô của mình"):
        auth.login_form()
else:
    st.caption(history.rollback_note(version, account, batch))

if account is not None and account.role == "admin":
    st.subheader("Nhật ký hoạt động")
    st.caption("Đăng nhập, nạp tệp, hoàn tác và thay đổi tài khoản: ai, lúc nào, qua đâu, tệp nào.")
    st.dataframe(history.audit_frame(), hide_index=True, width="stretch")
