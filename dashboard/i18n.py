"""Vietnamese user-facing strings shared by several pages (page titles, empty states, labels)."""

from __future__ import annotations

__all__ = [
    "ADMIN_PAGES", "APP_TITLE", "NO_DATA", "NO_DATA_AT_ALL", "PAGES", "PLOTLY_LOCALE",
    "SOURCE_PREFIX", "UPLOAD_PAGE",
]

APP_TITLE = "Chỉ Tiêu – theo dõi chỉ tiêu kinh tế – xã hội"
NO_DATA = "Chưa có số liệu cho kỳ này"
NO_DATA_AT_ALL = "Chưa có số liệu. Hãy nạp tệp phụ lục chỉ tiêu ở trang Nhập dữ liệu."
UPLOAD_PAGE = "pages/nhap_du_lieu.py"
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
    "lich_su.py": ("Lịch sử nhập liệu", ":material/history:"),
}
# pages listed only for a logged-in admin
ADMIN_PAGES = {
    "tai_khoan.py": ("Tài khoản", ":material/manage_accounts:"),
    "danh_muc.py": ("Danh mục chỉ tiêu", ":material/menu_book:"),
}

# Plotly's own words (toolbar tooltips, notices) in Vietnamese, passed inline in each chart's
# config (`locales`), so nothing is fetched: plotly.js's 'vi' bundle has dates only and is not in
# Streamlit's build. Keys are plotly.js's English strings, as it looks them up.
PLOTLY_LOCALE = {
    "dictionary": {
        "Autoscale": "Tự động co giãn",
        "Box Select": "Chọn vùng chữ nhật",
        "Click to enter Plot title": "Bấm để nhập tiêu đề",
        "Click to enter X axis title": "Bấm để nhập tên trục hoành",
        "Click to enter Y axis title": "Bấm để nhập tên trục tung",
        "Compare data on hover": "So sánh số liệu khi rê chuột",
        "Double-click on legend to isolate one trace": "Bấm đúp vào chú giải để chỉ xem một dãy",
        "Double-click to zoom back out": "Bấm đúp để thu nhỏ lại",
        "Download plot": "Tải biểu đồ",
        "Download plot as a PNG": "Tải biểu đồ dạng PNG",
        "Download plot as a png": "Tải biểu đồ dạng PNG",
        "Image download succeeded": "Đã tải ảnh xong",
        "Lasso Select": "Chọn vùng tự do",
        "Pan": "Kéo",
        "Preparing image - this may take a few seconds": "Đang chuẩn bị ảnh, xin chờ vài giây",
        "Produced with Plotly.js": "Vẽ bằng Plotly.js",
        "Reset": "Đặt lại",
        "Reset axes": "Đặt lại trục",
        "Reset view": "Đặt lại khung nhìn",
        "Reset views": "Đặt lại khung nhìn",
        "Show closest data on hover": "Hiện số liệu gần nhất khi rê chuột",
        "Snapshot succeeded": "Đã chụp xong",
        "Sorry, there was a problem downloading your snapshot!": "Không tải được ảnh chụp.",
        "Sorry, there was a problem downloading your image!": "Không tải được ảnh.",
        "Taking snapshot - this may take a few seconds": "Đang chụp, xin chờ vài giây",
        "Toggle Spike Lines": "Bật/tắt đường gióng",
        "Toggle show closest data on hover": "Bật/tắt hiện số liệu gần nhất",
        "Zoom": "Phóng to vùng chọn",
        "Zoom in": "Phóng to",
        "Zoom out": "Thu nhỏ",
        "close:": "đóng:",
        "high:": "cao:",
        "low:": "thấp:",
        "open:": "mở:",
        "trace": "dãy",
    },
    "format": {
        "days": ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
        "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
        "months": [f"Tháng {n}" for n in range(1, 13)],
        "shortMonths": [f"Th{n}" for n in range(1, 13)],
        "date": "%d/%m/%Y",
        "decimal": ",",
        "thousands": ".",
    },
}
