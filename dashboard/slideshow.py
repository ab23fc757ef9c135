"""Streamlit blocks of the Trình chiếu page: the full-screen 16:9 slide for a 1920×1080
projector, the theme's CSS (Streamlit's header, sidebar and toolbar hidden), the QR code of the
deck's address, and the moves between slides.

Sizes are for the back row of a hall: on a 1920×1080 screen titles 52 px, body text and the
source line 30 px (never under 28), the overview cards two by two over the slide with 96 px
values, chart text 24 px (`dashboard.present`). A smaller screen (a 1366×768 laptop on the
projector, 1280×720) gets the same slide scaled down by its height, so that what fits on 1080
lines fits on 768: type takes the same share of the projected picture. Plotly's chart text
stays 24 px. On a phone (the audience following through the cover's QR code) the slide is one
column in hand-held sizes. No script is loaded from anywhere: the arrow keys are Streamlit's
own button shortcuts.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlencode

import segno
import streamlit as st

from dashboard import status as st_
from dashboard.present import CHART_FONT, Theme, slide_figure
from dashboard.slides import TABLE_HEADER, Slide

__all__ = ["BODY_PX", "TITLE_PX", "deck_url", "qr_svg", "show", "style", "turn"]

TITLE_PX, BODY_PX, VALUE_PX = 52, 30, 96
CARD_NAME_PX, CARD_PX = 38, 32  # the overview cards fill the slide, two by two
_CARD_LINES = 4  # lines under a card's value in one column; more go in two
FRAME_KEY = "slide_frame"  # the container of one slide: the screen's height, in a column
COVER_PX, BUTTON_PX = 56, 20  # the cover's lines; the presenter's buttons, small at the foot
SLIDE_KEY = "slide"  # the address parameter and session key of the slide number (1-based)
# Where 'Về bảng điều khiển' goes, with the address parameters it keeps.
EXIT_PAGE, EXIT_KEEPS = "pages/tong_quan.py", ("dia_phuong", "ky")
# The audience's phones (the cover's QR code opens the deck there): one column, sizes for a
# hand-held screen rather than the back row.
PHONE_PX, PHONE_TITLE_PX, PHONE_BODY_PX, PHONE_VALUE_PX = 640, 26, 17, 40
PHONE_CHART_PX = 13  # Plotly's text is set in the figure, not by CSS: the browser says "phone"


def on_phone() -> bool:
    """The browser is a phone's: its User-Agent says 'Mobi', the test MDN advises."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def _u(px: float) -> str:
    """A design size of the 1080-line screen, scaled to this screen (CSS)."""
    return f"calc({px:g} * var(--slide-u))"


def style(theme: Theme) -> None:
    """The page's CSS for `theme`: chrome hidden, the slide filling a 16:9 screen."""
    st.html(f"""<style>
      :root {{ --slide-u: min(calc(100vh / 1080), calc(100vw / 1920)); }}
      header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stToolbar"],
      [data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"],
      [data-testid="stSidebarNav"], footer {{ display: none !important; }}
      .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
        background: {theme.background}; color: {theme.text}; }}
      [data-testid="stMainBlockContainer"], .block-container {{
        max-width: 100% !important;
        padding: {_u(19)} {_u(48)} {_u(16)} {_u(48)} !important; }}
      .st-key-{FRAME_KEY} {{ height: calc(100vh - {_u(35)}) !important; flex: none !important;
        flex-wrap: nowrap; gap: {_u(10)}; }}
      .st-key-{FRAME_KEY} > [data-testid="stElementContainer"]:has(.slide-grow),
      .st-key-{FRAME_KEY} > [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"])
        {{ flex: 1 1 0; min-height: 0; }}
      .st-key-{FRAME_KEY} [data-testid="stPlotlyChart"],
      .st-key-{FRAME_KEY} [data-testid="stPlotlyChart"] > div, .st-key-{FRAME_KEY} .js-plotly-plot,
      .st-key-{FRAME_KEY} [data-testid="stMarkdown"]:has(.slide-grow),
      .st-key-{FRAME_KEY} [data-testid="stMarkdown"]:has(.slide-grow) div,
      .slide-body.slide-grow, .slide-grow table, .slide-grow .slide-cover,
      .slide-grow .slide-cards {{ height: 100% !important; }}
      .st-key-{FRAME_KEY} .stButton button {{ min-height: 0; padding: 0 {_u(12)}; }}
      .st-key-{FRAME_KEY} .stButton button p {{ font-size: {_u(BUTTON_PX)} !important; }}
      .st-key-{FRAME_KEY} [data-testid="stPageLink"] p {{ font-size: {_u(BUTTON_PX)}; }}
      .st-key-{FRAME_KEY} [data-testid="stPageLink"] a {{ justify-content: flex-end; }}
      .slide-title {{ font-size: {_u(TITLE_PX)} !important; line-height: 1.15; font-weight: 700;
        color: {theme.text}; margin: 0 0 0.4em 0; }}
      .slide-body, .slide-body td, .slide-body th, .slide-body p, .slide-body li {{
        font-size: {_u(BODY_PX)} !important; line-height: 1.3; color: {theme.text}; }}
      .slide-cards {{ display: grid; grid-template-columns: repeat(2, 1fr); grid-auto-rows: 1fr;
        gap: {_u(28)}; height: 100%; min-height: 0; }}
      .slide-card {{ background: {theme.panel}; border-radius: {_u(16)};
        padding: {_u(20)} {_u(36)};
        display: flex; flex-direction: column; justify-content: center; overflow: hidden; }}
      .slide-body .slide-card p {{ font-size: {_u(CARD_PX)} !important; margin: 0.1em 0; }}
      .slide-body .slide-card p.value {{ font-size: {_u(VALUE_PX)} !important; font-weight: 700;
        line-height: 1.05; }}
      .slide-body .slide-card p.name {{ font-size: {_u(CARD_NAME_PX)} !important;
        font-weight: 700; }}
      .slide-cards.one {{ grid-template-columns: 1fr; }}
      .slide-card .lines.many {{ columns: 2; column-gap: {_u(40)}; }}
      .slide-card .lines.many p {{ break-inside: avoid; }}
      .slide-body table {{ width: 100%; border-collapse: collapse; }}
      .slide-body th {{ text-align: left; border-bottom: 3px solid {theme.text}; }}
      .slide-body td {{ border-bottom: 1px solid {theme.grid}; padding: {_u(6)} {_u(10)}; }}
      .slide-body tr.group td {{ font-weight: 700; background: {theme.panel}; }}
      .slide-body td.status {{ color: #FFFFFF; font-weight: 700; white-space: nowrap; }}
      .slide-rows {{ display: none; margin-bottom: 8px; }}
      .slide-row {{ border-bottom: 1px solid {theme.grid}; padding: 8px 0; }}
      .slide-body p.slide-row-group {{ font-weight: 700; background: {theme.panel};
        margin: 8px 0 0 0; padding: 4px 6px; }}
      .slide-body .slide-row p {{ margin: 0; }}
      .slide-body .slide-row p.name {{ font-weight: 700; margin-bottom: 4px; }}
      .slide-row .unit, .slide-row .label {{ font-weight: 400; color: {theme.muted}; }}
      .slide-row .figures {{ display: flex; flex-wrap: wrap; gap: 4px 16px;
        align-items: center; }}
      .slide-row .status {{ color: #FFFFFF; font-weight: 700; padding: 1px 8px;
        border-radius: 4px; white-space: nowrap; }}
      .slide-cover {{ display: flex; gap: {_u(48)}; align-items: center; }}
      .slide-cover .lines p {{ font-size: {_u(COVER_PX)} !important; margin: 0.2em 0; }}
      .slide-cover svg {{ background: #FFFFFF; padding: {_u(12)}; }}
      .slide-foot, .slide-foot p, [data-testid="stCaptionContainer"],
      [data-testid="stCaptionContainer"] p {{ font-size: {_u(BODY_PX)} !important;
        color: {theme.muted} !important; }}
      .slide-number {{ font-size: {_u(BODY_PX)} !important; font-weight: 700; text-align: right;
        color: {theme.text}; }}
      .stButton button p {{ font-size: {_u(BODY_PX)}; }}
      .stButton button {{ color: {theme.text}; background: {theme.panel};
        border-color: {theme.grid}; }}
      @media (max-width: {PHONE_PX}px) {{
        [data-testid="stMainBlockContainer"], .block-container {{
          padding: 0.8rem 0.8rem 1rem 0.8rem !important; }}
        :root {{ --slide-u: 1px; }}
        .st-key-{FRAME_KEY} {{ height: auto !important; }}
        .st-key-{FRAME_KEY} > [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"])
          {{ flex: none; height: 70vh !important; }}
        .st-key-{FRAME_KEY} [data-testid="stPlotlyChart"],
        .st-key-{FRAME_KEY} [data-testid="stPlotlyChart"] > div,
        .st-key-{FRAME_KEY} .js-plotly-plot {{ height: 70vh !important; }}
        .st-key-{FRAME_KEY} .stButton button p {{ font-size: {PHONE_BODY_PX}px !important; }}
      .slide-title {{ font-size: {PHONE_TITLE_PX}px !important; }}
        .slide-body, .slide-body td, .slide-body th, .slide-body p, .slide-body li,
        .slide-foot, .slide-foot p, [data-testid="stCaptionContainer"],
        [data-testid="stCaptionContainer"] p, .slide-number, .stButton button p {{
          font-size: {PHONE_BODY_PX}px !important; }}
        .slide-cover {{ flex-direction: column; align-items: flex-start; gap: 16px; }}
        .slide-cover .lines p {{ font-size: {PHONE_BODY_PX}px !important; }}
        .slide-cover svg {{ width: 60vw; height: auto; }}
        .slide-cards, .slide-grow .slide-cards, .slide-body.slide-grow:has(.slide-cards) {{
          grid-template-columns: 1fr; grid-auto-rows: auto; height: auto !important;
          min-height: 0; gap: 12px; }}
        .st-key-{FRAME_KEY} > [data-testid="stElementContainer"]:has(.slide-grow) {{
          flex: none; }}
        .slide-body.slide-grow, .slide-grow table, .slide-grow .slide-cover,
        .st-key-{FRAME_KEY} [data-testid="stMarkdown"]:has(.slide-grow),
        .st-key-{FRAME_KEY} [data-testid="stMarkdown"]:has(.slide-grow) div {{
          height: auto !important; }}
        .slide-card {{ padding: 12px 16px; }}
        .slide-body .slide-card p {{ font-size: {PHONE_BODY_PX}px !important; }}
        .slide-body .slide-card p.value {{ font-size: {PHONE_VALUE_PX}px !important; }}
        .slide-body .slide-card p.name {{ font-size: {PHONE_BODY_PX}px !important; }}
        .slide-card .lines.many {{ columns: 1; }}
        .slide-body {{ overflow-x: auto; }}
        .slide-body table {{ display: none; }}
        .slide-rows {{ display: block; }}
      }}
    </style>""")


def deck_url(base: str | None, params: dict[str, str | list[str]]) -> str:
    """The address of the deck (locality, period, slides, slide number) for another screen."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", [])}, doseq=True)
    return f"{(base or '').split('?')[0]}?{query}"


def qr_svg(url: str, theme: Theme) -> str:
    """The QR code of `url` as inline SVG (dark modules on white, on either theme)."""
    return segno.make(url, error="m").svg_inline(scale=10, dark="#000000", light="#FFFFFF")


def _cover(slide: Slide, qr: str | None) -> str:
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in slide.lines)
    code = f'<div class="qr">{qr}<p>Mở trên điện thoại</p></div>' if qr else ""
    return f'<div class="slide-cover"><div class="lines">{lines}</div>{code}</div>'


def _cards(slide: Slide) -> str:
    parts = []
    for card in slide.cards:
        extra = [card.delta or "", st_.label(card.status) if card.status else "",
                 " · ".join(text for _, text in card.breakdown), *card.lines]
        lines = [e for e in extra if e]
        rows = "".join(f"<p>{html.escape(e)}</p>" for e in lines)
        many = " many" if len(lines) > _CARD_LINES else ""
        parts.append(f'<div class="slide-card"><p class="name">{html.escape(card.title)}</p>'
                     f'<p class="value">{html.escape(card.value)}</p>'
                     f'<div class="lines{many}">{rows}</div></div>')
    one = " one" if len(slide.cards) == 1 else ""
    return f'<div class="slide-cards{one}">{"".join(parts)}</div>'


def _table(slide: Slide) -> str:
    """The scorecard rows as a table, and as one block per row for a phone (CSS shows one):
    five columns do not fit 390 px once a figure is a province's budget ('1.120.237.003,5'),
    and the verdict column ran off the screen."""
    return _grid(slide) + _rows(slide)


def _grid(slide: Slide) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in TABLE_HEADER)
    body = []
    for group, index in slide.headed_rows:
        if group is not None:  # a domain's heading across the row
            body.append(f'<tr class="group"><td colspan="{len(TABLE_HEADER)}">'
                        f"{html.escape(group)}</td></tr>")
            continue
        values, status = slide.table[index], slide.statuses[index]
        cells = [f"<td>{html.escape(v)}</td>" for v in values[:-1]]
        cells.append(f'<td class="status" style="background:{_status_color(status)}">'
                     f"{html.escape(values[-1])}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _rows(slide: Slide) -> str:
    """Each row as its name (and unit), then 'Mục tiêu: …', 'Thực hiện: …' and the verdict,
    which wrap to the next line as a whole when they do not fit beside each other."""
    parts = []
    for group, index in slide.headed_rows:
        if group is not None:
            parts.append(f'<p class="slide-row-group">{html.escape(group)}</p>')
            continue
        name, unit, *figures, verdict = slide.table[index]
        shown = f' <span class="unit">({html.escape(unit)})</span>' if unit.strip() else ""
        pairs = "".join(f'<span class="figure"><span class="label">{html.escape(head)}:</span> '
                        f"{html.escape(value)}</span>"
                        for head, value in zip(TABLE_HEADER[2:-1], figures, strict=True))
        badge = (f'<span class="status" style="background:'
                 f'{_status_color(slide.statuses[index])}">{html.escape(verdict)}</span>')
        parts.append(f'<div class="slide-row"><p class="name">{html.escape(name)}{shown}</p>'
                     f'<p class="figures">{pairs}{badge}</p></div>')
    return f'<div class="slide-rows">{"".join(parts)}</div>'


def _status_color(status: str) -> str:
    return st_.STATUS_COLORS.get(status, st_.STATUS_COLORS[st_.UNKNOWN])


def show(slide: Slide, number: int, total: int, theme: Theme, qr: str | None = None) -> None:
    """One slide over the screen's height: its title sentence, its body (a chart or table
    taking what the rest leaves), the source line and 'n / N', the small buttons at the foot."""
    with st.container(key=FRAME_KEY):
        st.markdown(f'<div class="slide-title">{html.escape(slide.title)}</div>',
                    unsafe_allow_html=True)
        phone = on_phone()
        figure = slide_figure(slide, theme, None, PHONE_CHART_PX if phone else CHART_FONT,
                              narrow=phone)
        if figure is not None:
            st.plotly_chart(figure, config={"displayModeBar": False, "responsive": True},
                            key=f"trinh_chieu_{number}")
        elif slide.table:
            _body(_table(slide), grow=True)
        elif slide.cards:
            _body(_cards(slide), grow=True)
        else:
            _body(_cover(slide, qr), grow=True)
        left, right = st.columns([5, 1], vertical_alignment="bottom")
        with left:
            st.caption(slide.source)
        right.markdown(f'<div class="slide-number">{number} / {total}</div>',
                       unsafe_allow_html=True)
        buttons(total)


def _body(inner: str, *, grow: bool = False) -> None:
    grows = " slide-grow" if grow else ""
    st.markdown(f'<div class="slide-body{grows}">{inner}</div>', unsafe_allow_html=True)


def current(total: int) -> int:
    """The slide number shown: this session's, else the address's, kept within 1…total."""
    if SLIDE_KEY not in st.session_state:
        wanted = st.query_params.get(SLIDE_KEY, "1")
        st.session_state[SLIDE_KEY] = int(wanted) if str(wanted).isdigit() else 1
    number = min(max(int(st.session_state[SLIDE_KEY]), 1), max(total, 1))
    st.session_state[SLIDE_KEY] = number
    st.query_params[SLIDE_KEY] = str(number)
    return number


def turn(step: int, total: int) -> None:
    """Move `step` slides (wrapping round at the ends, so an auto-advancing deck loops)."""
    number = int(st.session_state.get(SLIDE_KEY, 1)) + step
    st.session_state[SLIDE_KEY] = (number - 1) % max(total, 1) + 1


def buttons(total: int) -> None:
    """Previous and next, on the arrow keys too (Streamlit's own shortcuts, no script); and
    the way back to the dashboard (the slideshow hides the menu) at the same place and
    period."""
    back, forward, _, leave = st.columns([1, 1, 2, 1.2])
    back.button("Trước", icon=":material/chevron_left:", shortcut="Left", key="truoc",
                on_click=turn, args=(-1, total), width="stretch")
    forward.button("Sau", icon=":material/chevron_right:", shortcut="Right", key="sau",
                   on_click=turn, args=(1, total), width="stretch")
    kept = {key: st.query_params[key] for key in EXIT_KEEPS if key in st.query_params}
    leave.page_link(EXIT_PAGE, label="Về bảng điều khiển", icon=":material/close:",
                    query_params=kept)


def kinds_in(slides: Sequence[Slide]) -> list[str]:
    return list(dict.fromkeys(s.kind for s in slides))
