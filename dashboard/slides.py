"""The slides of a presentation deck: one message each, its title a sentence from the figures.

Built from the same frames and metrics the pages use, so the deck says what the pages say.
Nothing here draws: `dashboard.present` shows a slide in the browser, `dashboard.deck` writes
it to PowerPoint and PNG. A slide's chart is a `ChartSpec` (categories and series with the real
values) that both can draw natively; a chart they cannot (a target band over years) travels as
the Plotly figure of `dashboard.charts` in `picture`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, frames, metrics, observed, queries, sentences
from dashboard import status as st_
from dashboard.fmt import fmt_num, fmt_pct, fmt_value, is_missing, lower_first
from dashboard.periods import previous_comparable, year_of
from dashboard.ui import source_line

__all__ = [
    "DEFAULT_KINDS",
    "KINDS",
    "ChartSpec",
    "DeckData",
    "Series",
    "Slide",
    "available_kinds",
    "build_slides",
    "load_deck",
]

KINDS = {
    "tieu_de": "Trang tiêu đề",
    "tong_quan": "Tổng quan",
    "tang_truong": "Tăng trưởng",
    "ngan_sach": "Thu ngân sách",
    "ho_ngheo": "Hộ nghèo",
    "dat_chi_tieu": "Đạt chỉ tiêu",
    "so_sanh": "So sánh địa phương",
}
DEFAULT_KINDS = tuple(KINDS)
TABLE_ROWS = 6  # scorecard lines per slide (rows and domain headings): 18 pt, 30 px text
TABLE_HEADER = ("Chỉ tiêu", "ĐVT", "Mục tiêu", "Thực hiện", "Đánh giá")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    target: bool = False  # a target: drawn as hollow diamonds on a dashed line, labelled so


@dataclass(frozen=True)
class ChartSpec:
    """A chart PowerPoint draws natively: 'bar' (horizontal), 'column' (clustered) or 'line'."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    decimals: int = 2

    def label(self, value: float | None) -> str:
        """A data label: Vietnamese number with the unit ('7,8%', '730.734')."""
        if value is None or is_missing(value):
            return ""
        return fmt_num(value, self.decimals) + (self.unit if self.unit.startswith("%") else "")

    def labels(self, series: Series) -> list[str]:
        """The data labels of one series; a target's read 'mục tiêu 0,2%'."""
        words = [self.label(value) for value in series.values]
        return [f"mục tiêu {w}" if w and series.target else w for w in words]


@dataclass(frozen=True)
class Slide:
    kind: str
    title: str  # the slide's one message, as a sentence
    source: str
    chart: ChartSpec | None = None
    picture: go.Figure | None = None  # a chart PowerPoint cannot draw natively
    cards: tuple[metrics.Card, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()  # scorecard rows in TABLE_HEADER order
    statuses: tuple[str, ...] = ()  # the status of each table row
    groups: tuple[str, ...] = ()  # the domain of each table row
    lines: tuple[str, ...] = ()
    name: str = ""  # file name stem for its PNG

    @property
    def has_chart(self) -> bool:
        return self.chart is not None or self.picture is not None

    @property
    def headed_rows(self) -> list[tuple[str | None, int]]:
        """The table's lines in order: (domain, -1) a domain heading before each domain's
        rows when the slide spans several domains, (None, i) the row i."""
        several = len(set(self.groups)) > 1
        lines: list[tuple[str | None, int]] = []
        for index, group in enumerate(self.groups or [""] * len(self.table)):
            if several and (index == 0 or self.groups[index - 1] != group):
                lines.append((group, -1))
            lines.append((None, index))
        return lines


@dataclass
class DeckData:
    """What a deck is built from: one locality's current observations over all periods, and
    the observations of the localities compared on the comparison slide."""

    locality: str
    period: str
    periods: pd.DataFrame
    obs: pd.DataFrame
    compare: pd.DataFrame = field(default_factory=pd.DataFrame)
    compare_indicator: str = ""

    @property
    def labels(self) -> dict[str, str]:
        return dict(zip(self.periods["code"], self.periods["label"], strict=True))

    @property
    def label(self) -> str:
        return self.labels.get(self.period, self.period)

    @property
    def current(self) -> pd.DataFrame:
        return self.obs[self.obs["period"] == self.period]


def load_deck(version: str, locality_id: str, period: str,
              compare_ids: Sequence[str] = (), indicator: str | None = None) -> DeckData:
    """The deck's data through the dashboard's cached queries (the pages' numbers)."""
    periods = queries.periods(version, (locality_id,))
    obs = observed.observations(version, (locality_id,))
    names = queries.localities(version).set_index("id")["name"]
    compare = pd.DataFrame()
    chosen = indicator or ""
    ids = tuple(dict.fromkeys([locality_id, *compare_ids]))
    if len(ids) > 1:
        both = queries.observations(version, ids)
        chosen = indicator or _compare_indicator(both)
        compare = both[(both["indicator_id"] == chosen) & both["actual_value"].notna()]
    return DeckData(str(names.get(locality_id, locality_id)), period, periods, obs, compare,
                    chosen)


def _compare_indicator(obs: pd.DataFrame) -> str:
    """growth_total when the localities have it, else the indicator most of them report."""
    rows = obs[obs["actual_value"].notna()]
    counts = rows.groupby("indicator_id")["locality_id"].nunique()
    if counts.empty:
        return ""
    if "growth_total" in counts and counts["growth_total"] == counts.max():
        return "growth_total"
    return str(counts.sort_values(ascending=False).index[0])


def _decimals(values: Sequence[float | None]) -> int:
    """The fewest decimals (0–2) that show every value as the report wrote it."""
    present = [float(v) for v in values if v is not None and not is_missing(v)]
    for decimals in (0, 1):
        if all(abs(v * 10 ** decimals - round(v * 10 ** decimals)) < 1e-6 for v in present):
            return decimals
    return 2


def _values(column: pd.Series) -> tuple[float | None, ...]:
    return tuple(None if is_missing(v) else float(v) for v in column)


def _met(counts: dict[str, int], data: DeckData) -> str:
    """'đạt và vượt'; for an in-year period judged against its year's plan, says so."""
    return sentences.met_words(counts, year_of(data.period))


def _target(row: object) -> str:
    """The row's target; an in-year row without one shows its year's ('KH năm: 10.000')."""
    plan = getattr(row, "year_plan", None)
    if str(row.target) == "–" and not is_missing(plan):
        return f"KH năm: {plan}"
    return str(row.target)


def _title_slide(data: DeckData) -> list[Slide]:
    current = data.current
    if current.empty:
        return []
    counts = metrics.attainment_counts(current)
    lines = (data.locality, data.label)
    if counts["total"]:
        lines += (f"{counts['met']}/{counts['total']} chỉ tiêu {_met(counts, data)}",)
    title = f"{data.locality}: kết quả thực hiện các chỉ tiêu {lower_first(data.label)}"
    return [Slide("tieu_de", title, source_line(current), lines=lines, name="tieu_de")]


def _overview(data: DeckData) -> list[Slide]:
    previous = previous_comparable(data.period, data.periods)
    codes = [data.period] + ([previous] if previous else [])
    obs = data.obs[data.obs["period"].isin(codes)]
    # Only the cards with a figure: on the projector they share the slide between them.
    cards = tuple(c for c in metrics.overview_cards(obs, data.period, previous, data.labels)
                  if not c.empty)
    if not cards:
        return []
    counts = metrics.attainment_counts(data.current)
    if counts["total"]:
        title = (f"{data.label}, {data.locality} {_met(counts, data)} {counts['met']}/"
                 f"{counts['total']} chỉ tiêu được đánh giá")
    else:
        first = next((c for c in cards if not c.empty and c.value != "–"), None)
        if first is None:
            return []
        title = f"{first.title} {lower_first(data.label)}: {first.value}"
    return [Slide("tong_quan", title, source_line(data.current), cards=cards, name="tong_quan")]


def _growth_sentence(row: pd.Series, label: str) -> str:
    unit = "" if is_missing(row["unit"]) else str(row["unit"])
    value = fmt_value(row["value"], unit)
    verb = "ước đạt" if row["estimate"] else "đạt"
    text = f"Tăng trưởng {row['sector'].lower()} {lower_first(label)} {verb} {value}"
    if row["target"]:
        text += f", mục tiêu {row['target']}"
    return text


def _growth(data: DeckData) -> list[Slide]:
    growth = frames.growth_frame(data.obs)
    slides = []
    now = growth[(growth["period"] == data.period) & growth["value"].notna()]
    if not now.empty:
        has_target = now["target_low"].notna().any()
        series = [Series("Thực hiện", _values(now["value"]))]
        if has_target:
            series += [Series("Mục tiêu (mức thấp)", _values(now["target_low"])),
                       Series("Mục tiêu (mức cao)", _values(now["target_high"]))]
        unit = str(now["unit"].dropna().iloc[0]) if now["unit"].notna().any() else "%"
        spec = ChartSpec("column", tuple(now["sector"]), tuple(series), unit,
                         _decimals([v for s in series for v in s.values]))
        lead = now[now["indicator_id"] == "growth_total"]
        row = (lead if not lead.empty else now).iloc[0]
        slides.append(Slide("tang_truong", _growth_sentence(row, data.label), source_line(now),
                            chart=spec, name="tang_truong_theo_khu_vuc"))
    total = growth[growth["indicator_id"] == "growth_total"]
    years = total[(total["kind"] == "year") & total["value"].notna()].sort_values("x0")
    if len(years) >= 2:
        title = sentences.growth_change(years.iloc[0], years.iloc[-1],
                                        "Tăng trưởng tổng giá trị sản xuất")
        picture = charts.growth(total, frames.SECTORS["growth_total"])
        slides.append(Slide("tang_truong", title, source_line(total), picture=picture,
                            name="tang_truong_qua_cac_nam"))
    return slides


def _budget_words(row: pd.Series, unit: str) -> str:
    """'đạt 730.734 triệu đồng, bằng 41% dự toán và 84% cùng kỳ' (what the row has)."""
    verb = "ước đạt" if row["estimate"] else "đạt"
    actual = None if is_missing(row["actual"]) else f"{verb} {fmt_value(row['actual'], unit)}"
    plan = None if is_missing(row["pct_plan"]) else f"{fmt_pct(row['pct_plan'])} dự toán"
    prev = None if is_missing(row["pct_prev"]) else f"{fmt_pct(row['pct_prev'])} cùng kỳ"
    shares = " và ".join(p for p in (plan, prev) if p)
    shares = f"bằng {shares}" if shares else ""
    return ", ".join(p for p in (actual, shares) if p)


def _budget(data: DeckData) -> list[Slide]:
    current = data.current
    unit = frames.written_amount_unit(current)
    if unit is None:
        return []
    budget = frames.budget_frame(current, unit)
    if budget.empty:
        return []
    series = [Series(name, _values(budget[column]))
              for column, name in (("pct_plan", "% dự toán"), ("pct_prev", "% cùng kỳ"))
              if budget[column].notna().any()]
    if series:
        spec = ChartSpec("bar", tuple(budget["component"]), tuple(series), "%",
                         _decimals([v for s in series for v in s.values]))
    else:
        series = [Series(name, _values(budget[column]))
                  for column, name in (("actual", "Thực hiện"), ("plan", "Dự toán"))
                  if budget[column].notna().any()]
        if not series:
            return []
        spec = ChartSpec("bar", tuple(budget["component"]), tuple(series), f" {unit}", 0)
    with_actual = budget[budget["actual"].notna()]
    row = (with_actual if not with_actual.empty else budget).iloc[0]
    title = f"{row['component']} {lower_first(data.label)} {_budget_words(row, unit)}"
    return [Slide("ngan_sach", title.strip(), source_line(budget), chart=spec, name="ngan_sach")]


def _poverty_targets(rates: pd.DataFrame, order: Sequence[str]) -> list[Series]:
    """The targets of the periods shown (the mark a target sets: '< 0,2%' at 0,2), one series
    per poverty series and target standard, as the Hộ nghèo page draws them."""
    targets = rates[rates["target_low"].notna()]
    found = []
    for (name, standard), rows in targets.groupby(["series", "target_standard"], sort=False):
        by_label = dict(zip(rows["period_label"], rows["target_low"], strict=True))
        found.append(Series(f"Mục tiêu {lower_first(name)} (chuẩn {standard})",
                            tuple(by_label.get(label) for label in order), target=True))
    return found


def _poverty(data: DeckData) -> list[Slide]:
    rates = frames.poverty_frame(data.obs)
    rates = rates[rates["value"].notna()] if not rates.empty else rates
    if rates.empty:
        return []
    order = list(dict.fromkeys(rates.sort_values("end_date")["period_label"]))
    series = []
    for (name, standard), rows in rates.groupby(["series", "actual_standard"], sort=False):
        by_label = dict(zip(rows["period_label"], rows["value"], strict=True))
        # One series per poverty standard: figures under two standards are never joined.
        series.append(Series(f"{name} (chuẩn {standard})",
                             tuple(by_label.get(label) for label in order)))
    series += _poverty_targets(rates, order)
    spec = ChartSpec("line", tuple(order), tuple(series), "%",
                     _decimals([v for s in series for v in s.values]))
    overall = rates[rates["indicator_id"] == "poverty_rate"]
    pick = overall if not overall.empty else rates
    at = pick[pick["period"] == data.period]
    row = (at if not at.empty else pick).iloc[-1]
    title = f"Tỷ lệ hộ nghèo {lower_first(row['period_label'])} là {fmt_pct(row['value'], 2)}"
    if row["estimate"]:
        title += " (ước)"
    if not is_missing(row["target"]) and row["target"]:
        title += f", mục tiêu {row['target']}"
    return [Slide("ho_ngheo", title, source_line(rates), chart=spec, name="ho_ngheo")]


def _scorecard(data: DeckData) -> list[Slide]:
    card = metrics.scorecard(data.current)
    if card.empty:
        return []
    counts = metrics.attainment_counts(data.current)
    if counts["total"]:
        title = (f"{data.label}: {counts['met']}/{counts['total']} chỉ tiêu "
                 f"{_met(counts, data)}, {counts[st_.NOT_MET]} chỉ tiêu chưa đạt")
    else:
        title = f"{data.label}: {len(card)} chỉ tiêu có mục tiêu, chưa có kết quả để đánh giá"
    card = card.assign(_domain=[str(d) if not is_missing(d) else "Khác" for d in card["domain"]])
    first = {d: i for i, d in reversed(list(enumerate(card["_domain"])))}
    # One domain's rows together, the domains in report order.
    card = card.sort_values("_domain", key=lambda d: d.map(first), kind="stable")
    rows = [(str(r.indicator), "" if is_missing(r.unit) else str(r.unit), _target(r),
             str(r.actual), st_.label(r.status) if not is_missing(r.status) else "–")
            for r in card.itertuples()]
    statuses = tuple("" if is_missing(s) else str(s) for s in card["status"])
    pages = _table_pages(list(card["_domain"]))
    slides = []
    for number, (start, end) in enumerate(pages, start=1):
        # Each part names the fields it lists, so the parts of one deck read apart.
        shown = ", ".join(dict.fromkeys(card["_domain"].iloc[start:end]))
        suffix = f" (phần {number}/{len(pages)}: {shown})" if len(pages) > 1 else ""
        slides.append(Slide("dat_chi_tieu", title + suffix, source_line(card),
                            table=tuple(rows[start:end]), statuses=statuses[start:end],
                            groups=tuple(card["_domain"].iloc[start:end]),
                            name=f"dat_chi_tieu_{number}"))
    return slides


def _table_pages(domains: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each slide's rows: at most TABLE_ROWS lines, a slide spanning several
    domains counting a heading line per domain."""
    pages: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(domains) + 1):
        groups = len(set(domains[start:end]))
        if end - start + (groups if groups > 1 else 0) > TABLE_ROWS:
            pages.append((start, end - 1))
            start = end - 1
    if start < len(domains):
        pages.append((start, len(domains)))
    return pages


def _comparison(data: DeckData) -> list[Slide]:
    if data.compare.empty or data.compare["locality_id"].nunique() < 2:
        return []
    frame, unit = frames.comparison_frame(data.compare)
    indicator = str(data.compare["indicator"].dropna().iloc[0]) if data.compare[
        "indicator"].notna().any() else data.compare_indicator
    at = frame[frame["period"] == data.period]
    if at["locality"].nunique() >= 2:
        at = at.drop_duplicates("locality")
        spec = ChartSpec("column", tuple(at["locality"]), (Series(indicator, _values(
            at["value"])),), unit if unit.startswith("%") else f" {unit}" if unit else "",
            _decimals(list(at["value"])))
        best = at.loc[at["value"].idxmax()]
        title = (f"{indicator} {lower_first(data.label)}: {best['locality']} cao nhất với "
                 f"{fmt_value(best['value'], unit)}{sentences.estimated(best['estimate'])}")
    else:
        kinds = frame["period_kind"].value_counts()
        kind = kinds.index[0] if not kinds.empty else None
        frame = frame[frame["period_kind"] == kind]
        order = list(dict.fromkeys(frame.sort_values("end_date")["period_label"]))
        series = []
        for locality, rows in frame.groupby("locality", sort=False):
            by_label = dict(zip(rows["period_label"], rows["value"], strict=False))
            series.append(Series(str(locality), tuple(by_label.get(o) for o in order)))
        if len(series) < 2:
            return []
        spec = ChartSpec("column", tuple(order), tuple(series),
                         unit if unit.startswith("%") else "",
                         _decimals([v for s in series for v in s.values]))
        title = f"{indicator} của {len(series)} địa phương qua các kỳ ({unit})"
    return [Slide("so_sanh", title, source_line(frame), chart=spec, name="so_sanh")]


_BUILDERS: dict[str, Callable[[DeckData], list[Slide]]] = {
    "tieu_de": _title_slide,
    "tong_quan": _overview,
    "tang_truong": _growth,
    "ngan_sach": _budget,
    "ho_ngheo": _poverty,
    "dat_chi_tieu": _scorecard,
    "so_sanh": _comparison,
}


def build_slides(data: DeckData, kinds: Sequence[str] = DEFAULT_KINDS) -> list[Slide]:
    """The slides of `kinds` in the order given; a kind without data gives no slide, the
    scorecard gives one slide per TABLE_ROWS indicators."""
    return [slide for kind in kinds if kind in _BUILDERS for slide in _BUILDERS[kind](data)]


def available_kinds(data: DeckData) -> list[str]:
    """The kinds that have data for this deck: the ready-made deck of a locality and period."""
    return [kind for kind in KINDS if _BUILDERS[kind](data)]
