"""Danh mục chỉ tiêu (admins only): edit an indicator's unit, direction, kind, domain and
synonyms; map a name the catalog did not know onto a catalogued indicator, or undo a mapping.
Registered only for admins; the ETL checks the role again at the write."""

import streamlit as st

from dashboard import auth, catalog, ui

ui.ensure_navigation()
st.title("Danh mục chỉ tiêu")
account = auth.gate_admin()
if account is None:
    st.stop()

catalog.messages()
raw = catalog.table()
st.dataframe(catalog.catalog_frame(raw), hide_index=True, width="stretch")

st.subheader("Sửa chỉ tiêu")
labels = catalog.labels(raw)
chosen = st.selectbox("Chỉ tiêu", list(labels), format_func=labels.get,
                      key=catalog.FIELDS["indicator"])
values = catalog.edit_defaults(raw, chosen)
directions = list(catalog.DIRECTIONS)
kinds, domains = catalog.kind_choices(), catalog.domain_choices()
with st.form(f"dm_sua_{chosen}"):
    left, right = st.columns(2)
    left.text_input("Đơn vị", value=values["unit"], key=catalog.widget_key("unit", chosen))
    right.selectbox("Hướng đánh giá", directions, index=directions.index(values["direction"]),
                    key=catalog.widget_key("direction", chosen))
    left.selectbox("Loại", kinds, index=kinds.index(values["kind"]),
                   key=catalog.widget_key("kind", chosen))
    right.selectbox("Lĩnh vực", domains, index=domains.index(values["domain"]),
                    key=catalog.widget_key("domain", chosen))
    st.text_area("Tên gọi khác (mỗi tên một dòng, như được viết trong các báo cáo)",
                 value=values["synonyms"], key=catalog.widget_key("synonyms", chosen))
    st.form_submit_button("Lưu thay đổi", type="primary", on_click=catalog.save_from_form,
                          args=(chosen,))

catalog.mapped_panel()  # undo a mapping made by mistake; nothing when none

st.subheader("Tên chưa có trong danh mục")
names = catalog.uncatalogued_frame()
if names.empty:
    st.info("Mọi tên chỉ tiêu trong dữ liệu đều đã có trong danh mục.", icon=":material/check:")
    st.stop()
st.caption("Gộp một tên vào chỉ tiêu trong danh mục: các số liệu của tên đó hiện dưới chỉ tiêu "
           "ấy ở mọi trang và khi xuất dữ liệu, và lần nhập sau tên này khớp với chỉ tiêu ấy. "
           "Không số liệu nào bị xoá.")
st.dataframe(catalog.uncatalogued_shown(names), hide_index=True, width="stretch")
name_labels = catalog.name_labels(names)
from_id = st.selectbox("Tên như trong tệp", list(name_labels), format_func=name_labels.get,
                       key=catalog.FIELDS["name"])
written = names.set_index("id").loc[from_id, "name"]
to_id = st.selectbox("Gộp vào chỉ tiêu", list(labels), format_func=labels.get,
                     index=catalog.suggested(written, list(labels)),
                     key=f"{catalog.FIELDS['target']}_{from_id}")
sure = st.checkbox("Tôi chắc chắn muốn gộp tên này vào chỉ tiêu đã chọn",
                   key=f"{catalog.FIELDS['sure']}_{from_id}_{to_id}")
st.button("Gộp vào chỉ tiêu", icon=":material/merge:", disabled=not sure,
          on_click=catalog.map_from_form, args=(from_id, to_id))
