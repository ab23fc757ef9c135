"""Vietnamese user-facing strings shared by several pages (page titles, empty states, labels)."""

from __future__ import annotations

__all__ = ["APP_TITLE", "NO_DATA", "NO_DATA_AT_ALL", "PAGES", "SOURCE_PREFIX"]

APP_TITLE = "Chỉ Tiêu – theo dõi chỉ tiêu kinh tế – xã hội"
NO_DATA = "Chưa có số liệu cho kỳ này"
NO_DATA_AT_ALL = (
    "Chưa có số liệu. Hãy nạp tệp phụ lục chỉ tiêu (`python -m etl load TỆP`) rồi tải lại trang."
)
SOURCE_PREFIX = "Nguồn"

# file in pages/ -> (title, Material icon), in navigation order
PAGES = {
    "tong_quan.py": ("Tổng quan", ":material/dashboard:"),
    "tang_truong.py": ("Tăng trưởng", ":material/trending_up:"),
    "thu_ngan_sach.py": ("Thu ngân sách", ":material/account_balance:"),
    "ho_ngheo.py": ("Hộ nghèo", ":material/family_restroom:"),
    "dat_chi_tieu.py": ("Đạt chỉ tiêu", ":material/fact_check:"),
    "so_sanh.py": ("So sánh", ":material/compare_arrows:"),
    "trinh_chieu.py": ("Trình chiếu", ":material/slideshow:"),
    "du_lieu.py": ("Dữ liệu", ":material/table_view:"),
    "nhap_du_lieu.py": ("Nhập dữ liệu", ":material/upload_file:"),
}
