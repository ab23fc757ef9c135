"""Trình chiếu: a full-screen slideshow for the hall's projector, its deck in the address
(?dia_phuong=…&ky=…&so_sanh_voi=…&cac_trang=…&slide=N) so it can be prepared at the desk;
previous/next on the arrow keys, an optional timer, a QR code to the same view, PowerPoint,
PNG and phụ lục downloads."""

import time

import streamlit as st

from dashboard import appendix, deck, filters, queries, slides, slideshow, ui
from dashboard.present import THEMES

ui.ensure_navigation()
version = queries.data_version()
stage = st.container()  # the slide sits on top; the desk settings under it

with st.expander("Chuẩn bị bộ trình chiếu", icon=":material/tune:"):
    st.title("Trình chiếu")
    left, right = st.columns(2)
    with left:
        locality_id, locality_name = filters.locality(version)
    with right:
        period = filters.period(queries.periods(version, (locality_id,)))
    compare = filters.compare_with(version, locality_id)
    data = slides.load_deck(version, locality_id, period or "", compare)
    ready = slides.available_kinds(data)
    kinds = filters.many("cac_trang", "Các trang (bộ có sẵn: mọi trang có số liệu)",
                         list(slides.KINDS), slides.KINDS.get, ready)
    theme_code = filters.choice("giao_dien", "Giao diện", {c: t.label for c, t in THEMES.items()},
                                "sang")
    timer = filters.choice("tu_chuyen", "Tự chuyển trang",
                           {"0": "Tắt", "10": "10 giây", "20": "20 giây", "40": "40 giây"}, "0")
    deck_slides = slides.build_slides(data, kinds)
    if deck_slides:
        one, two, three = st.columns(3)
        one.download_button(
            "Tải PowerPoint", lambda: deck.pptx_bytes(deck_slides),
            deck.file_name("trinh_chieu", locality_name, period or "", "pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            icon=":material/slideshow:", on_click="ignore")
        two.download_button(
            "Tải ảnh PNG các biểu đồ", lambda: deck.zip_pngs(deck.chart_pngs(deck_slides)),
            deck.file_name("bieu_do", locality_name, period or "", "zip"), "application/zip",
            icon=":material/image:", on_click="ignore")
        with three:
            appendix.download(version, locality_id, locality_name, period or "",
                              key="tai_phu_luc")

theme = THEMES[theme_code]
slideshow.style(theme)
seconds = int(timer)
total = len(deck_slides)
address = slideshow.deck_url(st.context.url, {
    "dia_phuong": locality_id, "ky": period or "", "cac_trang": kinds,
    filters.COMPARE_KEY: compare, "giao_dien": theme_code})
qr = slideshow.qr_svg(address, theme)


@st.fragment(run_every=seconds or None)
def show_slide() -> None:
    shown_at = st.session_state.get("_trinh_chieu_at")
    if seconds and shown_at and time.monotonic() - shown_at >= seconds - 0.5:
        slideshow.turn(1, total)
    st.session_state["_trinh_chieu_at"] = time.monotonic()
    number = slideshow.current(total)
    slide = deck_slides[number - 1]
    slideshow.show(slide, number, total, theme, qr if slide.kind == "tieu_de" else None)


with stage:
    if not deck_slides:
        st.info("Chưa có số liệu cho bộ trình chiếu này: chọn địa phương, kỳ và các trang ở "
                "mục Chuẩn bị bộ trình chiếu.", icon=":material/info:")
    else:
        show_slide()
