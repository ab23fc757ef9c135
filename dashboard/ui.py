"""Streamlit building blocks the pages share: cards, charts with their source line, tables with
Vietnamese numbers and status badges, and the empty state. No SQL and no figure building here."""

from __future__ import annotations

import functools
import html
import io
from collections.abc import Collection, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from PIL import Image, ImageDraw
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import status as st_
from dashboard.figures import Sketch, drawn, untitled
from dashboard.fmt import MISSING, fmt_date, fmt_num, fmt_pct, is_missing, lower_first
from dashboard.i18n import NO_DATA, PLOTLY_LOCALE, SOURCE_PREFIX
from dashboard.metrics import Card
from dashboard.plain import md

__all__ = [
    "PAGE_ROWS", "cards", "chart", "display_frame", "empty", "ensure_navigation",
    "open_addressed_page",
    "outcome", "page_icon", "remarks",
    "source_caption", "source_line", "statement", "table", "targets_only", "vietnamese_hints",
    "vietnamese_uploader",
]

_MAX_SOURCES = 3
_MAX_STYLED_ROWS = 3000
_MAX_SHOWN_ROWS = 5000  # a province has 100,000+ rows: show the first ones, download them all
PAGE_ROWS = 500  # rows per page of the Dữ liệu table (paged in DuckDB)


@functools.cache
def page_icon() -> bytes:
    """The tab icon as PNG, drawn here (three bars in the palette) so that the browser fetches
    nothing from outside: Streamlit serves an image icon itself, while emoji and Material icons
    are fetched from a CDN. Drawn and encoded once per process, not on every page run."""
    icon = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(icon)
    for index, (height, color) in enumerate(((26, "#56B4E9"), (42, "#007A5E"), (58, "#0072B2"))):
        left = 4 + index * 20
        draw.rectangle((left, 62 - height, left + 15, 62), fill=color)
    png = io.BytesIO()
    icon.save(png, format="PNG")
    return png.getvalue()


def ensure_navigation() -> None:
    """Run the page through app.py's `st.navigation`, also on a fresh server's first deep link.

    Streamlit treats an app with a `pages/` folder as an old-style multipage app until some
    script calls `st.navigation`; a first request for /tang_truong would run the page alone
    (no page setup, file names in the sidebar). Switch the mode off and rerun through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _unknown_path(pages: Sequence[st.Page]) -> str | None:
    """The path the address asks for when no page but the first answers it, else None; and
    the request turned into one for the first page.

    Streamlit serves its first page at the root only: /tong_quan, its own path, and any path no
    page has get an English 'Page not found' notice. Clearing the intended page name before
    `st.navigation` resolves it opens the first page instead, with no notice."""
    ctx = get_script_run_ctx()
    manager = ctx.pages_manager if ctx else None
    name = manager.intended_page_name if manager else None
    if not name or manager.intended_page_script_hash:
        return None
    if name in {page.url_path for page in pages[1:]}:
        return None
    manager.set_script_intent("", "")
    return None if name == pages[0].url_path else name


def open_addressed_page(pages: Sequence[st.Page], withheld: Collection[str] = ()) -> None:
    """Navigate to the page the address names; the first page also answers at its own path
    (/tong_quan), and a path no page has opens it with a notice in Vietnamese — one saying a
    login is needed for the `withheld` paths (pages that exist but this visitor is not shown)."""
    missing = _unknown_path(pages)
    if missing in withheld:
        st.warning(md(f"Trang “/{missing}” cần đăng nhập bằng tài khoản có quyền xem. Đang mở "
                      f"trang {pages[0].title}."), icon=":material/lock:")
    elif missing:
        st.warning(md(f"Không có trang “/{missing}” — địa chỉ có thể đã gõ sai hoặc đã cũ. "
                      f"Đang mở trang {pages[0].title}."), icon=":material/link_off:")
    st.navigation(pages).run()


def source_line(frame: pd.DataFrame) -> str:
    """'Nguồn: file (lô 4, nạp 21/11/2025); …' for the batches behind the rows of a frame, as
    plain text (file names as uploaded): show it through `plain.md`."""
    if frame.empty or "batch_id" not in frame:
        return f"{SOURCE_PREFIX}: –"
    batches = (frame[["batch_id", "file_name", "loaded_at"]].dropna(subset=["batch_id"])
               .drop_duplicates("batch_id").sort_values("batch_id"))
    parts = [f"{row.file_name} (lô {int(row.batch_id)}, nạp {fmt_date(row.loaded_at)})"
             for row in batches.itertuples()]
    more = len(parts) - _MAX_SOURCES
    text = "; ".join(parts[:_MAX_SOURCES]) + (f"; và {more} tệp khác" if more > 0 else "")
    return f"{SOURCE_PREFIX}: {text or '–'}"


def source_caption(frame: pd.DataFrame, lead: str = "") -> None:
    """The source line under a chart or table, file names shown exactly as uploaded."""
    st.caption(md(lead + source_line(frame)))


def outcome(done_key: str, error_key: str, done_icon: str = ":material/check_circle:") -> None:
    """The success and the error a form callback left in the session, each shown once, as text
    (they quote names people typed or files carried)."""
    state = st.session_state
    if done_key in state:
        st.success(md(state.pop(done_key)), icon=done_icon)
    if error_key in state:
        st.error(md(state.pop(error_key)), icon=":material/block:")


def empty(message: str = NO_DATA) -> None:
    """The empty state shown instead of an empty chart or table."""
    st.info(message, icon=":material/info:")


def statement(text: str | None) -> None:
    """A chart's or block's one-line answer, in bold, above it (wraps on a phone)."""
    if text:
        st.markdown(f'<p style="font-weight:600;margin-bottom:0.2rem">{html.escape(text)}</p>',
                    unsafe_allow_html=True)


def chart(fig: go.Figure | Sketch, frame: pd.DataFrame, name: str,
          title: str | None = None) -> None:
    """A figure with the PNG button of the Plotly toolbar, and its source line under it.

    With `title` (a sentence from `dashboard.sentences`) the answer is written above the figure
    and the figure's own label title steps aside. Either way the title is written above the
    figure, where the Plotly toolbar cannot cover it on a phone. A `Sketch`
    (`figures.later(charts.growth, …)`) is built once for every session showing the same
    figure; a figure already built is shown as it is."""
    shown = (drawn(fig, bool(title)) if isinstance(fig, Sketch)
             else untitled(fig, bool(title)))
    statement(title or shown.title)
    config = {
        "displaylogo": False,
        "responsive": True,
        "locale": "vi",  # toolbar tooltips and notices in Vietnamese, defined inline
        "locales": {"vi": PLOTLY_LOCALE},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2},
    }
    st.plotly_chart(shown.figure(), config=config, key=f"chart_{name}")
    source_caption(frame)


def _card(card: Card) -> None:
    with st.container(border=True):
        st.metric(md(card.title), card.value, card.delta, delta_color=card.delta_color)
        if card.sentence:
            st.caption(md(card.sentence))
        if card.empty:
            st.caption(NO_DATA)
            return
        parts = [st_.badge_html(card.status)] if card.status else []
        if card.breakdown:
            parts.append(" ".join(st_.badge_html(name, text) for name, text in card.breakdown))
        parts += [md(line) for line in card.lines]
        st.markdown("<br>".join(parts), unsafe_allow_html=True)


def targets_only(name: str, formed: object, period_label: str, n_target: int,
                 params: dict[str, str]) -> None:
    """A period that has only targets so far says so and links to those targets."""
    since = "" if is_missing(formed) else f" (thành lập từ {fmt_date(formed)})"
    st.info(f"{name}{since} mới có {fmt_num(n_target)} mục tiêu cho {lower_first(period_label)}, "
            "chưa có kết quả thực hiện.", icon=":material/flag:")
    st.page_link("pages/dat_chi_tieu.py", label="Xem các mục tiêu ở trang Đạt chỉ tiêu",
                 icon=":material/fact_check:", query_params=params)


def remarks(paragraph: str) -> None:
    """The Nhận xét block: the page's sentences as one paragraph to read, and the same text
    with a copy button (folded: a code block reads as machine text on a phone)."""
    if not paragraph:
        return
    st.subheader("Nhận xét")
    st.markdown(md(paragraph))
    with st.expander("Chép đoạn nhận xét vào báo cáo", icon=":material/content_copy:"):
        st.code(paragraph, language=None, wrap_lines=True)


def cards(items: Sequence[Card]) -> None:
    """Cards side by side (they stack on a phone)."""
    for column, card in zip(st.columns(len(items)), items, strict=True):
        with column:
            _card(card)


def _status_css(text: str) -> str:
    """Cell style of a status label such as '✓ Đạt'."""
    color = st_.STATUS_COLORS.get(text.split(" ", 1)[-1])
    return f"background-color: {color}; color: #fff" if color else ""


def _cell(value: object) -> str:
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return MISSING
    if pd.api.types.is_bool(value):
        return "có" if value else "không"
    if isinstance(value, pd.Timestamp):
        return fmt_date(value)
    return str(value)


def display_frame(frame: pd.DataFrame, statuses: Sequence[str] = (),
                  numbers: Sequence[str] = (), percents: Sequence[str] = ()) -> pd.DataFrame:
    """Every cell as the text a table shows: missing '–', numbers 1.234,5, percentages 12,5%,
    statuses with their icon and word."""
    shown = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if column in numbers:
            shown[column] = [fmt_num(v) for v in values]
        elif column in percents:
            shown[column] = [fmt_pct(v) for v in values]
        elif column in statuses:
            shown[column] = [MISSING if is_missing(v) else st_.label(v) for v in values]
        else:
            shown[column] = [_cell(v) for v in values]
    return shown


def _styled(frame: pd.DataFrame, statuses: Sequence[str], numbers: Sequence[str],
            percents: Sequence[str]) -> Styler:
    """Every cell as display text (so missing shows '–', numbers 1.234,5), statuses coloured.

    Streamlit draws a missing cell as 'None' whatever the Styler says, hence text throughout.
    """
    shown = display_frame(frame, statuses, numbers, percents)
    return shown.style.map(_status_css, subset=list(statuses))


def table(frame: pd.DataFrame, *, statuses: Sequence[str] = (), numbers: Sequence[str] = (),
          percents: Sequence[str] = (), first_width: str | None = "medium") -> None:
    """A table with Vietnamese numbers (1.234,5), percentages and coloured status badges;
    `first_width` is the first column's ('large' where no phone sees the table, None: as wide
    as its text)."""
    if frame.empty:
        empty()
        return
    if len(frame) > _MAX_SHOWN_ROWS:
        st.caption(f"Hiển thị {fmt_num(_MAX_SHOWN_ROWS)} trên {fmt_num(len(frame))} dòng; thu hẹp "
                   "bằng bộ lọc, hoặc tải về để có đủ mọi dòng.")
        frame = frame.head(_MAX_SHOWN_ROWS)
    styled = _styled(frame, statuses, numbers, percents)
    # Styling every cell of a big table is slow; past a few thousand rows show the text only,
    # and a table without status columns (nothing coloured) is sent as its text from the start.
    # A long first column (indicator names) is kept to a medium width so that the columns
    # after it — the verdicts — stay on a phone's screen.
    first = ({frame.columns[0]: st.column_config.TextColumn(width=first_width)}
             if first_width else {})
    coloured = bool(statuses) and len(frame) <= _MAX_STYLED_ROWS
    st.dataframe(styled if coloured else styled.data, hide_index=True, column_config=first)


_UPLOADER = "[data-testid=stFileUploaderDropzone]"


def vietnamese_uploader(max_mb: int, types: Sequence[str]) -> None:
    """Streamlit's file uploader has no language setting: its English words ('Upload',
    '200MB per file', 'Drag and drop a file here' while dragging) are hidden and Vietnamese ones
    drawn in their place by CSS (hidden, so they are not in the page's text either)."""
    kinds = ", ".join(t.upper() for t in types)
    hint = f"Kéo thả tệp vào đây · tối đa {max_mb} MB một tệp · {kinds}"
    st.html(f"""<style>
{_UPLOADER} [data-testid=stBaseButton-secondary] [data-testid=stMarkdownContainer] p {{
  visibility: hidden; font-size: 0; }}
{_UPLOADER} [data-testid=stBaseButton-secondary] [data-testid=stMarkdownContainer] p::after {{
  content: "Chọn tệp"; visibility: visible; font-size: 14px; }}
{_UPLOADER} > input + div > span {{ visibility: hidden; font-size: 0; }}
{_UPLOADER} > input + div > span::after {{
  content: "Thả tệp vào đây"; visibility: visible; font-size: 14px; }}
[data-testid=stFileUploaderDropzoneInstructions] span {{ visibility: hidden; font-size: 0; }}
[data-testid=stFileUploaderDropzoneInstructions] span::after {{
  content: "{html.escape(hint)}"; visibility: visible; font-size: 14px; }}
</style>""")


_HINT = "[data-testid=InputInstructions] > span:first-child"


def vietnamese_hints() -> None:
    """The hint Streamlit writes under a text field being typed in ('Press Enter to apply',
    'Press Enter to submit form' in a form), in Vietnamese, by CSS as for the uploader."""
    st.html(f"""<style>
{_HINT} {{ visibility: hidden; font-size: 0; }}
{_HINT}::after {{ content: "Nhấn Enter để áp dụng"; visibility: visible; font-size: 12px; }}
[data-testid=stForm] {_HINT}::after {{ content: "Nhấn Enter để gửi"; }}
</style>""")
