"""Take-away exports of a deck: PowerPoint with native, editable charts and a scorecard table,
and a PNG per chart at presentation resolution.

    python -m dashboard.deck --locality NAME --period CODE [--db PATH] --out deck.pptx [--png DIR]

Charts are python-pptx `CategoryChartData` charts holding the real values (bar, clustered
column, line), each value labelled in Vietnamese form (7,8%, 730.734); a chart PowerPoint cannot
draw (a target band over the years) goes in as a picture of the Plotly chart. Text is Arial,
which has every Vietnamese glyph. PNGs come from Kaleido driving Debian's Chromium.
"""

# ruff: noqa: E402 - the command line quiets Streamlit before the dashboard modules load
from __future__ import annotations

if __name__ == "__main__":  # outside `streamlit run` every cached query warns "No runtime"
    from streamlit.logger import set_log_level

    set_log_level("error")

import argparse
import io
import math
import os
import shutil
import sys
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard import status as st_
from dashboard.fmt import file_slug, wrapped_markup
from dashboard.present import PNG_SIZE, THEMES, Theme, png_figure
from dashboard.slides import TABLE_HEADER, ChartSpec, Slide

__all__ = ["FONT", "card_line_size", "chart_pngs", "file_name", "main", "number_format",
           "pptx_bytes", "zip_pngs"]

FONT = "Arial"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.5)
CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "line": XL_CHART_TYPE.LINE_MARKERS}
_LIGHT = THEMES["sang"]
NO_PICTURE = ("Không vẽ được ảnh biểu đồ này: máy chủ chưa có Chromium (cài bằng `apt-get "
              "install chromium`). Biểu đồ có trên trang Trình chiếu.")
_RENDER_LOCK = threading.Lock()  # one Kaleido browser at a time in the dashboard process
_RENDER_SECONDS = 60  # per image: a Chromium that hangs must not hold a download forever
CARD_SIZES = (20, 18, 16, 14, 12)  # a card's lines, the largest that fits its box first
_LETTER, _LEADING = 0.5, 1.2  # a letter's average width and a line's height, in font sizes
_EMU_PER_PT, _INSET_PT = 12700, 3.6  # python-pptx's unit; a text box's default inner margin
TABLE_PT, SOURCE_PT = 18, 14  # read from the back of the hall
_DECK_PICTURE_SECONDS = 90  # all the pictures of one PowerPoint, Chromium's start included


def number_format(spec: ChartSpec) -> str:
    """The Excel number format of a chart's values: '#,##0.0' (PowerPoint shows 1.234,5 where
    Windows is set to Vietnamese), with '%' for percentages."""
    code = "#,##0" + ("." + "0" * spec.decimals if spec.decimals else "")
    return code + ('"%"' if spec.unit.strip().startswith("%") else "")


def file_name(stem: str, locality: str, period: str, extension: str) -> str:
    """'trinh_chieu_thanh_pho_bao_loc_2021-2023.pptx': what, where and when, in ASCII."""
    return f"{stem}_{file_slug(locality)}_{period}.{extension}"


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#")[:6].upper())


def _text(frame, lines: Sequence[str], size: int, *, bold: bool = False,
          color: str = "#000000", align: PP_ALIGN | None = None) -> None:
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
        run.font.color.rgb = _rgb(color)


def _frame(slide, slide_obj: Slide, number: int, total: int) -> None:
    """Title as a sentence on top; the source line and 'n / N' at the bottom."""
    box = slide.shapes.add_textbox(MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.1))
    _text(box.text_frame, [slide_obj.title], 26, bold=True)
    foot = slide.shapes.add_textbox(MARGIN, HEIGHT - Inches(0.68), WIDTH - Inches(2.5),
                                    Inches(0.5))
    _text(foot.text_frame, [slide_obj.source], SOURCE_PT, color=_LIGHT.muted)
    count = slide.shapes.add_textbox(WIDTH - Inches(1.8), HEIGHT - Inches(0.68), Inches(1.3),
                                     Inches(0.5))
    _text(count.text_frame, [f"{number} / {total}"], SOURCE_PT, bold=True, align=PP_ALIGN.RIGHT)


def _body() -> tuple[Emu, Emu, Emu, Emu]:
    return MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, HEIGHT - Inches(2.2)


def _chart(slide, spec: ChartSpec) -> None:
    data = CategoryChartData(number_format=number_format(spec))
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(series.name, list(series.values))
    chart = slide.shapes.add_chart(CHART_TYPES[spec.kind], *_body(), data).chart
    chart.font.name, chart.font.size = FONT, Pt(16)
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    axis = chart.value_axis
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = (
        number_format(spec), False)
    axis.has_major_gridlines = True
    if spec.kind == "bar":
        chart.category_axis.reverse_order = True  # first component on top, as on the page
    plot = chart.plots[0]
    for index, series in enumerate(spec.series):
        fill = _LIGHT.colors[index % len(_LIGHT.colors)]
        shown = plot.series[index]
        if spec.kind == "line":
            shown.format.line.color.rgb = _rgb(fill)
            shown.smooth = False
            if series.target:  # a target: hollow diamonds on a dashed line
                shown.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
                shown.marker.style, shown.marker.size = XL_MARKER_STYLE.DIAMOND, 14
                shown.marker.format.fill.background()
                shown.marker.format.line.color.rgb = _rgb(fill)
        else:
            shown.format.fill.solid()
            shown.format.fill.fore_color.rgb = _rgb(fill)
        for point, (value, text) in enumerate(zip(series.values, spec.labels(series),
                                                  strict=True)):
            if value is None:
                continue
            # The label as Vietnamese text, whatever the viewer's Windows locale.
            label = shown.points[point].data_label
            label.has_text_frame = True
            label.text_frame.text = text
            label.font.size, label.font.name = Pt(16), FONT
            if series.target and spec.kind == "line":
                label.position = XL_LABEL_POSITION.BELOW


def _picture(slide, png: bytes) -> None:
    left, top, width, height = _body()
    ratio = PNG_SIZE[0] / PNG_SIZE[1]
    shown_width = min(width, int(height * ratio))
    slide.shapes.add_picture(io.BytesIO(png), left + (width - shown_width) // 2, top,
                             width=shown_width)


def _table(slide, slide_obj: Slide) -> None:
    lines = slide_obj.headed_rows
    shape = slide.shapes.add_table(len(lines) + 1, len(TABLE_HEADER), *_body())
    table = shape.table
    for col, width in enumerate((5.6, 1.6, 1.9, 1.9, 1.3)):
        table.columns[col].width = Inches(width)
    for col, header in enumerate(TABLE_HEADER):
        _text(table.cell(0, col).text_frame, [header], TABLE_PT, bold=True, color="#FFFFFF")
    for r, (group, index) in enumerate(lines, start=1):
        if group is not None:  # a domain's heading across the row
            cell = table.cell(r, 0)
            cell.merge(table.cell(r, len(TABLE_HEADER) - 1))
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(_LIGHT.panel)
            _text(cell.text_frame, [group], TABLE_PT, bold=True)
            continue
        values, status = slide_obj.table[index], slide_obj.statuses[index]
        for col, value in enumerate(values):
            cell = table.cell(r, col)
            last = col == len(values) - 1
            color = st_.STATUS_COLORS.get(status) if last else None
            if color:  # the status colour with its icon and word, never colour alone
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(color)
            _text(cell.text_frame, [value], TABLE_PT, bold=last,
                  color="#FFFFFF" if color else "#000000")


def _cards(slide, slide_obj: Slide) -> None:
    """The overview cards two by two over the whole body, in type read from the back."""
    left, top, width, height = _body()
    gap = Inches(0.25)
    columns = min(len(slide_obj.cards), 2)
    rows = -(-len(slide_obj.cards) // columns)
    card_width = (width - gap * (columns - 1)) // columns
    card_height = (height - gap * (rows - 1)) // rows
    for index, card in enumerate(slide_obj.cards):
        row, column = divmod(index, columns)
        box = slide.shapes.add_textbox(left + column * (card_width + gap),
                                       top + row * (card_height + gap), card_width, card_height)
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(_LIGHT.panel)
        frame = box.text_frame
        _text(frame, [card.title], 24, bold=True)
        extra = [card.delta or "", *(st_.label(card.status) for _ in [0] if card.status),
                 " · ".join(text for _, text in card.breakdown), *card.lines]
        paragraph = frame.add_paragraph()
        run = paragraph.add_run()
        run.text = card.value
        run.font.name, run.font.size, run.font.bold = FONT, Pt(54), True
        lines = [e for e in extra if e]
        size = card_line_size(lines, card_width, card_height)
        for line in lines:
            p = frame.add_paragraph()
            r = p.add_run()
            r.text = line
            r.font.name, r.font.size = FONT, Pt(size)


def _height_pt(lines: Sequence[str], size: int, width_pt: float) -> float:
    """Points `lines` take at `size` in a box `width_pt` wide: each wraps after about
    width / (0,5 × size) characters (Arial's average letter), a line is 1,2 × size high."""
    per_line = max(width_pt / (_LETTER * size), 1)
    return sum(max(math.ceil(len(line) / per_line), 1) for line in lines) * size * _LEADING


def card_line_size(lines: Sequence[str], width: int, height: int) -> int:
    """The largest size of CARD_SIZES at which a card's lines fit under its title (24 pt) and
    value (54 pt) in a box of `width` × `height` EMU; the smallest when none does. A card of
    four lines at 20 pt ran out of its box (the value and title take half of it)."""
    inner_w = width / _EMU_PER_PT - _INSET_PT * 4
    room = height / _EMU_PER_PT - _INSET_PT * 2 - (24 + 54) * _LEADING
    for size in CARD_SIZES:
        if _height_pt(lines, size, inner_w) <= room:
            return size
    return CARD_SIZES[-1]


def _title_body(slide, slide_obj: Slide) -> None:
    left, top, width, height = _body()
    box = slide.shapes.add_textbox(left, top + Inches(0.8), width, height - Inches(0.8))
    _text(box.text_frame, list(slide_obj.lines), 32, bold=True, align=PP_ALIGN.CENTER)


def pptx_bytes(slides: Sequence[Slide], pngs: dict[str, bytes] | None = None) -> bytes:
    """The deck as a .pptx: one slide per `Slide`; `pngs` (by slide name) holds the pictures of
    charts PowerPoint cannot draw, rendered here when not given."""
    pictures = [s for s in slides if s.picture is not None and s.chart is None]
    missing = [s for s in pictures if not pngs or s.name not in pngs]
    rendered = _pictures_within(missing, _DECK_PICTURE_SECONDS) if missing else {}
    pngs = {**(pngs or {}), **rendered}
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]
    for number, item in enumerate(slides, start=1):
        slide = prs.slides.add_slide(blank)
        _frame(slide, item, number, len(slides))
        if item.chart is not None:
            _chart(slide, item.chart)
        elif item.picture is not None and item.name in pngs:
            _picture(slide, pngs[item.name])
        elif item.picture is not None:
            box = slide.shapes.add_textbox(*_body())
            _text(box.text_frame, [NO_PICTURE], 20, color=_LIGHT.muted)
        elif item.table:
            _table(slide, item)
        elif item.cards:
            _cards(slide, item)
        elif item.lines:
            _title_body(slide, item)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _pictures_within(slides: Sequence[Slide], seconds: float) -> dict[str, bytes]:
    """`chart_pngs`, given up after `seconds`: no Chromium, one that fails or one that hangs
    while starting (Kaleido's own timeout covers a render, not the start) leaves the deck's
    native charts and tables to go out, with a note where the picture would be."""
    done: dict[str, bytes] = {}

    def render() -> None:
        try:
            done.update(chart_pngs(slides))
        except Exception:  # noqa: BLE001 - any failure means no picture, never no deck
            done.clear()

    worker = threading.Thread(target=render, daemon=True)
    worker.start()
    worker.join(seconds)
    return {} if worker.is_alive() else dict(done)


def _browser() -> str:
    """Debian's Chromium for Kaleido, named explicitly so that no downloaded Chrome is used."""
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which(
        "chromium-browser")
    if not path or not os.access(path, os.X_OK):
        raise RuntimeError("Không tìm thấy Chromium để vẽ ảnh PNG: cài bằng "
                           "`apt-get install chromium` (hoặc đặt BROWSER_PATH).")
    os.environ["BROWSER_PATH"] = path
    return path


def _wrapped(slide: Slide) -> Slide:
    return replace(slide, title=wrapped_markup(slide.title, 85))


def chart_pngs(slides: Sequence[Slide], theme: Theme = _LIGHT) -> dict[str, bytes]:
    """A PNG (1920×1080, title and source line on it) of every slide with a chart, by name."""
    import kaleido

    figures = {s.name: png_figure(_wrapped(s), theme) for s in slides if s.has_chart}
    if not figures:
        return {}
    width, height = PNG_SIZE
    opts = {"format": "png", "width": width, "height": height, "scale": 1}
    if not _RENDER_LOCK.acquire(timeout=_RENDER_SECONDS):  # another render is stuck
        raise RuntimeError("Chromium đang bận vẽ ảnh khác; chưa vẽ được ảnh PNG.")
    try:
        # Offline: no MathJax from the internet; the Chromium named, never a downloaded one.
        kaleido.start_sync_server(path=_browser(), mathjax=False, timeout=_RENDER_SECONDS,
                                  silence_warnings=True)
        try:
            return {name: kaleido.calc_fig_sync(fig, opts=opts) for name, fig in figures.items()}
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    finally:
        _RENDER_LOCK.release()


def zip_pngs(pngs: dict[str, bytes]) -> bytes:
    """The PNGs in one .zip, numbered in deck order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(pngs.items(), start=1):
            archive.writestr(f"{index:02d}_{name}.png", data)
    return buffer.getvalue()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.deck",
        description="Xuất bộ trình chiếu PowerPoint (biểu đồ gốc, sửa được) và ảnh PNG.")
    parser.add_argument("--locality", required=True, help="địa phương, ví dụ 'Huyện Đức Trọng'")
    parser.add_argument("--period", required=True, help="kỳ: 2023, 2023-H1, 2021-2025 hoặc "
                        "'6 tháng đầu năm 2023'")
    parser.add_argument("--db", type=Path, help="cơ sở dữ liệu (mặc định CHITIEU_DB hoặc "
                        "data/chitieu.duckdb)")
    parser.add_argument("--out", type=Path, required=True, help="tệp .pptx")
    parser.add_argument("--png", type=Path, help="thư mục ghi ảnh PNG của từng biểu đồ")
    parser.add_argument("--compare", action="append", default=[],
                        help="địa phương so sánh (lặp lại được)")
    return parser


def _resolve(name: str, period: str) -> str:
    from etl.localities import resolve
    from etl.periods import parse_code

    span = parse_code(period)
    return resolve(name, on=(span.start, span.end)).id


def _build(args: argparse.Namespace) -> list[Slide]:
    from dashboard import queries
    from dashboard.slides import build_slides, load_deck
    from etl.periods import read_period

    period = read_period(args.period).code
    locality = _resolve(args.locality, period)
    compare = [_resolve(name, period) for name in args.compare]
    data = load_deck(queries.data_version(), locality, period, compare)
    slides = build_slides(data)
    if not data.current.size or len(slides) == 0:
        from etl.errors import Refused

        raise Refused(f"Chưa có số liệu của {data.locality} cho kỳ {period}: không có gì để "
                      "trình chiếu.")
    return slides


def main(argv: list[str] | None = None) -> int:
    """The command line; exit 0 written, 2 refused (message on stderr), 1 unexpected."""
    import duckdb

    from etl.errors import Refused

    args = _parser().parse_args(argv)
    if args.db:
        os.environ["CHITIEU_DB"] = str(args.db.resolve())
    from dashboard.db import missing_message

    try:
        problem = missing_message()
        if problem:
            raise Refused(problem)
        slides = _build(args)
        pngs = chart_pngs(slides)
        args.out.write_bytes(pptx_bytes(slides, pngs))
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            for index, (name, data) in enumerate(pngs.items(), start=1):
                (args.png / f"{index:02d}_{name}.png").write_bytes(data)
    except Refused as err:
        print(f"Từ chối: {err}", file=sys.stderr)
        return 2
    except (duckdb.IOException, OSError) as err:
        print(f"Không ghi hoặc đọc được tệp: {err}", file=sys.stderr)
        return 2
    except RuntimeError as err:  # no Chromium for the PNGs: nothing written
        print(f"Lỗi: {err}", file=sys.stderr)
        return 1
    print(f"Đã ghi {len(slides)} trang trình chiếu vào {args.out}"
          + (f" và {len(pngs)} ảnh PNG vào {args.png}" if args.png else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
