"""Tài khoản (admins only): who may log in, with which role and localities; create and remove
accounts. The page is registered only for admins, and the ETL checks the role again."""

import streamlit as st

from dashboard import auth, ui, users

ui.ensure_navigation()
st.title("Tài khoản")
account = auth.gate_admin()
if account is None:
    st.stop()

users.messages()
frame = users.users_frame()
st.dataframe(frame, hide_index=True, width="stretch")

st.subheader("Tạo tài khoản")
with st.form("tao_tai_khoan", clear_on_submit=False):
    left, right = st.columns(2)
    left.text_input("Tên đăng nhập", key=users.FIELDS["name"])
    right.selectbox("Vai trò", list(users.ROLE_CHOICES), key=users.FIELDS["role"])
    st.text_input("Địa phương (cán bộ nhập liệu; nhiều nơi cách nhau bằng ;)",
                  key=users.FIELDS["places"], placeholder="ví dụ: Xã Đức Trọng; Huyện Lâm Hà")
    left, right = st.columns(2)
    left.text_input("Mật khẩu", type="password", key=users.FIELDS["password"],
                    autocomplete="new-password")
    right.text_input("Nhập lại mật khẩu", type="password", key=users.FIELDS["again"],
                     autocomplete="new-password")
    st.form_submit_button("Tạo tài khoản", type="primary", on_click=users.add_from_form)

others = [name for name in frame["Tên đăng nhập"] if name != account.name]
if others:
    st.subheader("Xoá tài khoản")
    name = st.selectbox("Tài khoản", others, key="tk_xoa")
    sure = st.checkbox(f"Tôi chắc chắn muốn xoá tài khoản {name}", key=f"tk_xoa_{name}")
    st.button("Xoá tài khoản", icon=":material/person_remove:", disabled=not sure,
              on_click=users.remove_and_tell, args=(name,))
